// Validation for the edit path (edits_internal.hpp): everything a caller
// typed is checked here before the database is touched, so that the
// message names the field and what it may be.
#include <span>
#include <string_view>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "data/edits_internal.hpp"

namespace gb::data::detail {

namespace {

// The text a caller gave, as shown in a message: long values are cut so a
// pasted paragraph does not swamp the message.
std::string shown_input(std::string_view v) {
  constexpr std::size_t kMax = 60;
  if (v.size() <= kMax) return std::string(v);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(v.substr(0, cut)) + "...";
}

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out;
}

bool is_one_of(std::string_view v, std::span<const std::string_view> allowed) {
  for (auto a : allowed)
    if (a == v) return true;
  return false;
}

// Years outside this range are taken for typing mistakes (0222, 20222),
// not dates anyone means in a governance paper.
constexpr int kFirstYear = 1900, kLastYear = 2100;

}  // namespace

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out;
}

void check_one_of(std::string_view field, std::string_view v, std::span<const std::string_view> allowed) {
  if (!is_one_of(v, allowed))
    throw Error(std::string(field) + " must be one of " + join(allowed) + " (got '" + shown_input(v) + "')");
}

// An optional field: absent (keep) and "" (clear) are always allowed.
void check_field(std::string_view field, const Field& v, std::span<const std::string_view> allowed) {
  if (!v || v->empty() || is_one_of(*v, allowed)) return;
  throw Error(std::string(field) + " must be one of " + join(allowed) + ", or empty to clear it (got '" +
              shown_input(*v) + "')");
}

void check_text(std::string_view field, const Field& v) {
  if (v && find_invalid_utf8(*v)) throw Error(std::string(field) + " is not valid UTF-8 text");
}

void check_date(std::string_view field, std::string_view v) {
  if (!is_real_date(v, kFirstYear, kLastYear))
    throw Error(std::string(field) + " must be a real date written YYYY-MM-DD, between " + std::to_string(kFirstYear) +
                " and " + std::to_string(kLastYear) + " (got '" + shown_input(v) + "')");
}

void check_quarter(std::string_view field, std::string_view v) {
  const bool ok = v.size() == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' &&
                  date_digits(v, 0, 4) >= kFirstYear && date_digits(v, 0, 4) <= kLastYear;
  if (!ok)
    throw Error(std::string(field) + " must be a calendar quarter written YYYY-Qn, e.g. 2022-Q1 (got '" +
                shown_input(v) + "')");
}

// The calendar quarter a date falls in: 2022-03-31 -> 2022-Q1.
std::string quarter_of(std::string_view date) {
  const int m = date_digits(date, 5, 2);
  return std::string(date.substr(0, 4)) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

// The last day of a calendar quarter: 2022-Q1 -> 2022-03-31.
std::string quarter_end(std::string_view period) {
  static constexpr std::array<std::string_view, 4> kEnds = {"-03-31", "-06-30", "-09-30", "-12-31"};
  return std::string(period.substr(0, 4)) + std::string(kEnds[static_cast<std::size_t>(period[6] - '1')]);
}

void check_editable(Db& db) {
  if (db.read_only()) throw Error("cannot edit " + db.path().string() + ": it is open read-only");
  if (!db.table_exists("edits"))
    throw Error("cannot edit " + db.path().string() + ": its schema version is " + std::to_string(db.user_version()) +
                " and edits need version 4 or later (open it read-write with govbench, which upgrades it)");
}

}  // namespace gb::data::detail
