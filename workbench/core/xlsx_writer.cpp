#include "core/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/palette.hpp"
#include "core/text.hpp"

namespace gb::xlsx {

namespace fs = std::filesystem;

Cell Cell::num(double v, std::string number_format) {
  Cell c;
  c.kind = Kind::Number;
  c.number = v;
  c.format = std::move(number_format);
  return c;
}
Cell Cell::str(std::string v) {
  Cell c;
  c.kind = Kind::Text;
  c.text = std::move(v);
  return c;
}
Cell Cell::date(std::string iso) {
  Cell c;
  c.kind = Kind::Date;
  c.text = std::move(iso);
  return c;
}
Cell Cell::boolean(bool v) {
  Cell c;
  c.kind = Kind::Bool;
  c.number = v ? 1 : 0;
  return c;
}
Cell Cell::rag(Rag band, std::string word) {
  Cell c;
  c.kind = Kind::Band;
  c.band = band;
  c.text = std::move(word);
  return c;
}

namespace {

constexpr std::size_t kMaxSheetNameChars = 31;

// Characters (code points) in UTF-8 text.
std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `n` characters of UTF-8 text.
std::string first_chars(std::string_view s, std::size_t n) {
  std::size_t i = 0, seen = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == n) break;
      ++seen;
    }
  }
  return std::string(s.substr(0, i));
}

// A name cut to at most `n` characters: at a space where one falls in the
// second half, never inside a word otherwise left whole, and marked with an
// ellipsis ("Alignment with Met Direction…", not "... Direction pi").
std::string shortened(std::string_view s, std::size_t n) {
  if (chars(s) <= n) return std::string(s);
  std::string cut = first_chars(s, n - 1);
  const std::size_t space = cut.rfind(' ');
  if (space != std::string::npos && chars(std::string_view(cut).substr(0, space)) >= n / 2) cut.resize(space);
  while (!cut.empty() && (cut.back() == ' ' || cut.back() == '-' || cut.back() == ',')) cut.pop_back();
  return cut + "\u2026";
}

std::string clean_sheet_name(std::string_view wanted) {
  std::string s;
  for (char c : wanted) {
    const auto u = static_cast<unsigned char>(c);
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos || u < 0x20 || u == 0x7F)
      s.push_back('-');
    else
      s.push_back(c);
  }
  if (find_invalid_utf8(s)) s = "Sheet";
  s = std::string(trim(s));
  while (!s.empty() && s.front() == '\'') s.erase(0, 1);
  while (!s.empty() && s.back() == '\'') s.pop_back();
  if (s.empty()) s = "Sheet";
  if (iequals_ascii(s, "History")) s = "History-";
  return shortened(s, kMaxSheetNameChars);
}

// A temporary file that is removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / "govbench-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw Error("cannot make a temporary file in " + dir.string() + " for the workbook");
    ::close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct WorkbookClose {
  void operator()(lxw_workbook* b) const {
    if (b) workbook_close(b);
  }
};

lxw_color_t color(Rgb c) {
  return (static_cast<lxw_color_t>(c.r) << 16) | (static_cast<lxw_color_t>(c.g) << 8) | c.b;
}

// The formats a workbook uses, made once each (libxlsxwriter owns them).
class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {}
  lxw_format* header() {
    if (!header_) {
      header_ = workbook_add_format(book_);
      format_set_bold(header_);
      format_set_bottom(header_, LXW_BORDER_THIN);
      format_set_text_wrap(header_);
      format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    }
    return header_;
  }
  lxw_format* bold() {
    if (!bold_) {
      bold_ = workbook_add_format(book_);
      format_set_bold(bold_);
    }
    return bold_;
  }
  lxw_format* number(const std::string& f) {
    if (f.empty()) return nullptr;
    auto& slot = numbers_[f];
    if (!slot) {
      slot = workbook_add_format(book_);
      format_set_num_format(slot, f.c_str());
    }
    return slot;
  }
  lxw_format* date(bool with_time) {
    lxw_format*& slot = with_time ? datetime_ : date_;
    if (!slot) {
      slot = workbook_add_format(book_);
      format_set_num_format(slot, with_time ? "yyyy-mm-dd hh:mm" : "yyyy-mm-dd");
    }
    return slot;
  }
  lxw_format* band(Rag r) {
    auto& slot = bands_[r];
    if (!slot) {
      slot = workbook_add_format(book_);
      const Rgb fill = rag_fill(r);
      format_set_pattern(slot, LXW_PATTERN_SOLID);
      format_set_bg_color(slot, color(fill));
      format_set_font_color(slot, color(readable_on(fill)));
      format_set_bold(slot);
    }
    return slot;
  }

 private:
  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* datetime_ = nullptr;
  std::map<std::string, lxw_format*> numbers_;
  std::map<Rag, lxw_format*> bands_;
};

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[Z]" (a space for the T too), a real
// date, as libxlsxwriter's date-time; false for anything else.
bool parse_iso(const std::string& s, lxw_datetime& out, bool& with_time) {
  if (s.size() < 10 || !is_real_date(s.substr(0, 10), 1900, 9999)) return false;
  out = {};
  out.year = std::stoi(s.substr(0, 4));
  out.month = std::stoi(s.substr(5, 2));
  out.day = std::stoi(s.substr(8, 2));
  with_time = false;
  if (s.size() == 10) return true;
  std::string rest = s.substr(10);
  if (rest.back() == 'Z') rest.pop_back();
  if (rest.size() != 9 || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' || rest[6] != ':') return false;
  for (std::size_t i : {1u, 2u, 4u, 5u, 7u, 8u})
    if (rest[i] < '0' || rest[i] > '9') return false;
  out.hour = static_cast<uint8_t>(std::stoi(rest.substr(1, 2)));
  out.min = static_cast<uint8_t>(std::stoi(rest.substr(4, 2)));
  out.sec = std::stoi(rest.substr(7, 2));
  if (out.hour > 23 || out.min > 59 || out.sec > 59) return false;
  with_time = true;
  return true;
}

std::string where(const std::string& sheet, std::int64_t row, std::int64_t col) {
  return "sheet '" + sheet + "', cell " + cell_ref(row, col);
}

void check(lxw_error e, const std::string& sheet, std::int64_t row, std::int64_t col) {
  if (e == LXW_NO_ERROR) return;
  throw Error("cannot write the workbook: " + where(sheet, row, col) + ": " + lxw_strerror(e));
}

// The width that shows `text` (characters, within limits): the longest
// line of it.
double text_width(std::string_view text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, chars(text.substr(start, end - start)));
    start = end + 1;
  }
  return static_cast<double>(longest);
}

std::string shown_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void write_sheet(lxw_workbook* book, Formats& formats, const Sheet& s, const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
  if (!ws) throw Error("cannot write the workbook: cannot add sheet '" + name + "'");
  std::size_t width = s.header.size();
  for (const auto& r : s.rows) width = std::max(width, r.size());
  const std::int64_t header_rows = s.header.empty() ? 0 : 1;
  const auto total_rows = header_rows + static_cast<std::int64_t>(s.rows.size()) +
                          (s.notes.empty() ? 0 : 1 + static_cast<std::int64_t>(s.notes.size()));
  if (total_rows > kMaxRows)
    throw Error("cannot write the workbook: sheet '" + name + "' would have " + std::to_string(total_rows) +
                " rows; a worksheet holds at most " + std::to_string(kMaxRows));
  if (static_cast<std::int64_t>(width) > kMaxColumns)
    throw Error("cannot write the workbook: sheet '" + name + "' would have " + std::to_string(width) +
                " columns; a worksheet holds at most " + std::to_string(kMaxColumns));
  std::vector<double> widths(width, 0);
  auto text_cell = [&](std::int64_t row, std::int64_t col, const std::string& text, lxw_format* f) {
    if (text.empty()) return;
    if (chars(text) > kMaxCellChars)
      throw Error("cannot write the workbook: " + where(name, row, col) + ": the text is " +
                  std::to_string(chars(text)) + " characters long; a cell holds at most " +
                  std::to_string(kMaxCellChars));
    // A string cell, never a formula: text beginning '=' stays text.
    check(worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), text.c_str(), f), name,
          row, col);
  };
  for (std::size_t c = 0; c < s.header.size(); ++c) {
    text_cell(0, static_cast<std::int64_t>(c), s.header[c], formats.header());
    widths[c] = std::max(widths[c], std::min(text_width(s.header[c]), 40.0));
  }
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const std::int64_t row = header_rows + static_cast<std::int64_t>(r);
    const auto xr = static_cast<lxw_row_t>(row);
    for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
      const Cell& cell = s.rows[r][c];
      const auto col = static_cast<std::int64_t>(c);
      const auto xc = static_cast<lxw_col_t>(c);
      double w = 0;
      switch (cell.kind) {
        case Cell::Kind::Empty:
          break;
        case Cell::Kind::Number:
          if (!std::isfinite(cell.number)) {  // no infinity in a workbook: the word, as text
            text_cell(row, col, std::isnan(cell.number) ? "" : cell.number > 0 ? "inf" : "-inf", nullptr);
            w = 4;
            break;
          }
          check(worksheet_write_number(ws, xr, xc, cell.number, formats.number(cell.format)), name, row, col);
          w = static_cast<double>(shown_number(cell.number).size()) + 1;
          break;
        case Cell::Kind::Bool:
          check(worksheet_write_boolean(ws, xr, xc, cell.number != 0, cell.bold ? formats.bold() : nullptr), name, row,
                col);
          w = 5;
          break;
        case Cell::Kind::Date: {
          lxw_datetime dt{};
          bool with_time = false;
          if (parse_iso(cell.text, dt, with_time)) {
            check(worksheet_write_datetime(ws, xr, xc, &dt, formats.date(with_time)), name, row, col);
            w = with_time ? 16 : 10;
          } else {
            text_cell(row, col, cell.text, nullptr);
            w = text_width(cell.text);
          }
          break;
        }
        case Cell::Kind::Text:
          text_cell(row, col, cell.text, cell.bold ? formats.bold() : nullptr);
          w = text_width(cell.text);
          break;
        case Cell::Kind::Band:
          text_cell(row, col, cell.text, formats.band(cell.band));
          w = text_width(cell.text) + 1;
          break;
      }
      widths[c] = std::max(widths[c], w);
    }
  }
  if (!s.notes.empty()) {
    std::int64_t row = header_rows + static_cast<std::int64_t>(s.rows.size()) + 1;
    for (const auto& n : s.notes) text_cell(row++, 0, n, nullptr);
  }
  for (std::size_t c = 0; c < width; ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::clamp(widths[c] + 2, 8.0, 60.0),
                         nullptr);
  if (header_rows) worksheet_freeze_panes(ws, 1, 0);
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<std::string>& wanted) {
  std::vector<std::string> out;
  std::set<std::string> used;
  for (const auto& w : wanted) {
    const std::string base = clean_sheet_name(w);
    std::string name = base;
    for (int k = 2; used.count(to_lower_ascii(name)); ++k) {
      const std::string suffix = " (" + std::to_string(k) + ")";
      name = shortened(base, kMaxSheetNameChars - suffix.size()) + suffix;
    }
    used.insert(to_lower_ascii(name));
    out.push_back(name);
  }
  return out;
}

std::string column_letters(std::int64_t column) {
  std::string s;
  for (std::int64_t c = column + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string cell_ref(std::int64_t row, std::int64_t column) {
  return column_letters(column) + std::to_string(row + 1);
}

std::string workbook_bytes(const Workbook& book) {
  TempFile file;
  {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    const std::string tmpdir = file.path().parent_path().string();
    options.tmpdir = const_cast<char*>(tmpdir.c_str());
    std::unique_ptr<lxw_workbook, WorkbookClose> wb(workbook_new_opt(file.path().c_str(), &options));
    if (!wb) throw Error("cannot write the workbook: libxlsxwriter could not start one");
    lxw_doc_properties props{};
    props.title = const_cast<char*>(book.title.c_str());
    props.author = const_cast<char*>("govbench");
    workbook_set_properties(wb.get(), &props);
    Formats formats(wb.get());
    std::vector<std::string> wanted;
    for (const auto& s : book.sheets) wanted.push_back(s.name);
    const auto names = sheet_names(wanted.empty() ? std::vector<std::string>{"Sheet"} : wanted);
    if (book.sheets.empty()) {
      if (!workbook_add_worksheet(wb.get(), names[0].c_str())) throw Error("cannot write the workbook");
    }
    for (std::size_t i = 0; i < book.sheets.size(); ++i) write_sheet(wb.get(), formats, book.sheets[i], names[i]);
    const lxw_error e = workbook_close(wb.release());
    if (e != LXW_NO_ERROR) throw Error(std::string("cannot write the workbook: ") + lxw_strerror(e));
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw Error("cannot read back the workbook written to " + file.path().string());
  return bytes.str();
}

}  // namespace gb::xlsx
