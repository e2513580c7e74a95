// Cell references, ranges, date serials and number-format codes for
// workbooks in (xlsx_reader.hpp).
#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/xlsx_writer.hpp"  // column_letters, the sheet limits
#include "data/xlsx_reader.hpp"

namespace gb::data {

std::optional<std::pair<std::int64_t, std::int64_t>> parse_cell_ref(std::string_view ref) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::int64_t col = 0;
  const std::size_t letters_from = i;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (++i - letters_from > 3) return std::nullopt;
  }
  if (i == letters_from || col > xlsx::kMaxColumns) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::int64_t row = 0;
  const std::size_t digits_from = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i]))) {
    row = row * 10 + (ref[i] - '0');
    if (++i - digits_from > 7) return std::nullopt;
  }
  if (i == digits_from || i != ref.size() || row < 1 || row > xlsx::kMaxRows) return std::nullopt;
  return std::pair{row - 1, col - 1};
}

std::optional<XlsxRange> parse_range(std::string_view text) {
  const auto colon = text.find(':');
  const auto a = parse_cell_ref(text.substr(0, colon));
  const auto b = colon == std::string_view::npos ? a : parse_cell_ref(text.substr(colon + 1));
  if (!a || !b) return std::nullopt;
  XlsxRange r;
  r.first_row = std::min(a->first, b->first);
  r.last_row = std::max(a->first, b->first);
  r.first_col = std::min(a->second, b->second);
  r.last_col = std::max(a->second, b->second);
  return r;
}

std::string range_text(const XlsxRange& r) {
  if (r.empty()) return "";
  std::string a = xlsx::cell_ref(r.first_row, r.first_col);
  if (r.rows() == 1 && r.cols() == 1) return a;
  return a + ":" + xlsx::cell_ref(r.last_row, r.last_col);
}

namespace {

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::optional<std::string> excel_date_text(double serial, bool date1904, bool time_format) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return std::nullopt;
  auto day = static_cast<std::int64_t>(std::floor(serial));
  auto seconds = static_cast<std::int64_t>(std::llround((serial - static_cast<double>(day)) * 86400.0));
  if (seconds >= 86400) {
    ++day;
    seconds -= 86400;
  }
  char time[48];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  if (time_format || (!date1904 && day == 0)) return std::string(time);
  // The 1900 system counts 1900-02-29, which never was (Lotus 1-2-3's
  // mistake, kept by Excel): serial 60 is that day, and later serials are
  // one day ahead.
  std::int64_t epoch_days;  // days from 1970-01-01 to the system's day 0
  if (date1904) {
    epoch_days = -24107;  // 1904-01-01
  } else {
    if (day == 60) return std::nullopt;  // 1900-02-29
    if (day > 60) --day;
    epoch_days = -25568;  // 1899-12-31
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(epoch_days + day, y, m, d);
  if (y < 1900 || y > 9999) return std::nullopt;
  char date[48];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return seconds ? std::string(date) + " " + time : std::string(date);
}

bool is_date_format_code(std::string_view code) {
  bool quoted = false, bracket = false;
  std::string plain;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (bracket) {
      // [h], [mm], [ss]: elapsed time; [Red], [$-409], [>=100]: not dates
      const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if ((l == 'h' || l == 'm' || l == 's') && i > 0 && code[i - 1] == '[') {
        std::size_t j = i;
        while (j < code.size() && std::tolower(static_cast<unsigned char>(code[j])) == l) ++j;
        if (j < code.size() && code[j] == ']') return true;
      }
      bracket = c != ']';
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped or padding character
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      plain.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (plain.find("general") != std::string::npos) return false;
  return plain.find_first_of("dmyhs") != std::string::npos;
}

}  // namespace gb::data
