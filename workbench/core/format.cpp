#include "core/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/dates.hpp"
#include "core/text.hpp"

namespace gb {

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s = buf;
  if (const auto dot = s.find('.'); dot != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  const auto dot = s.find('.');
  const std::string digits = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot);
  // Group thousands by appending (GCC 12 warns falsely about insert at -O2).
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) whole.push_back(',');
    whole.push_back(digits[i]);
  }
  const bool negative = v < 0 && (whole != "0" || !frac.empty());
  return (negative ? "-" : "") + whole + frac;
}

namespace {

// A finite number as format_value shows it: past 1e15 the exact digits mean
// nothing to a reader, so the short round-trip form.
std::string shown_number(double v, int decimals) {
  if (std::fabs(v) >= 1e15) return format_double(v);
  return format_number(v, decimals);
}

// One lower-case word of letters: a noun that may take a plural.
bool is_noun(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_plural(std::string_view w) {
  return ends_with(w, "s") && !ends_with(w, "ss");
}

std::string singular(std::string_view w) {
  if (!is_plural(w)) return std::string(w);
  if (ends_with(w, "ies") && w.size() > 3) return std::string(w.substr(0, w.size() - 3)) + "y";
  for (std::string_view tail : {"ches", "shes", "sses", "xes", "zes"})
    if (ends_with(w, tail)) return std::string(w.substr(0, w.size() - 2));
  return std::string(w.substr(0, w.size() - 1));
}

std::string plural(std::string_view w) {
  if (is_plural(w)) return std::string(w);
  if (ends_with(w, "y") && w.size() > 1 && std::string_view("aeiou").find(w[w.size() - 2]) == std::string_view::npos)
    return std::string(w.substr(0, w.size() - 1)) + "ies";
  for (std::string_view tail : {"ch", "sh", "ss", "x", "z"})
    if (ends_with(w, tail)) return std::string(w) + "es";
  return std::string(w) + "s";
}

// Units that are not nouns to count, though they are lower-case words.
bool is_measure(std::string_view unit) {
  return unit == "pp" || unit == "x" || unit == "count";
}

}  // namespace

std::string noun_for(long long n, std::string_view noun) {
  if (!is_noun(noun)) return std::string(noun);
  return n == 1 || n == -1 ? singular(noun) : plural(noun);
}

std::string format_count(long long n, std::string_view noun) {
  std::string number = format_number(static_cast<double>(n), 0);
  if (noun.empty()) return number;
  return number + " " + noun_for(n, noun);
}

ValueParts format_value_parts(double v, std::string_view unit, int decimals) {
  if (!std::isfinite(v)) return {kNoValue, ""};
  std::string number = shown_number(v, decimals);
  if (unit.empty() || unit == "count") return {std::move(number), ""};
  if (unit == "%") return {std::move(number), "%"};
  // A plural noun is a count: "1 risk", "1.5 risks".
  if (is_noun(unit) && !is_measure(unit) && is_plural(unit)) {
    const bool one = number == "1" || number == "-1";
    return {std::move(number), " " + (one ? singular(unit) : std::string(unit))};
  }
  return {std::move(number), " " + std::string(unit)};
}

namespace {

// The decimals format_number shows for v (trailing zeros dropped).
int shown_decimals(double v, int decimals) {
  const std::string s = format_number(v, decimals);
  const auto dot = s.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

// v with exactly `decimals` decimals: "4.40", not "4.4".
std::string fixed_number(double v, int decimals) {
  std::string s = format_number(v, decimals);
  if (!std::isfinite(v) || decimals <= 0) return s;
  const auto dot = s.find('.');
  const int have = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
  if (dot == std::string::npos) s += '.';
  return s + std::string(static_cast<std::size_t>(decimals - have), '0');
}

}  // namespace

std::string format_interval(double v, double lower, double upper, std::string_view unit, double level, int decimals) {
  const int d =
      std::max({shown_decimals(v, decimals), shown_decimals(lower, decimals), shown_decimals(upper, decimals)});
  char pct[16];
  std::snprintf(pct, sizeof pct, "%g%%", level * 100);
  return format_value(v, unit, decimals) + ", " + pct + " CI " + fixed_number(lower, d) + " to " +
         fixed_number(upper, d);
}

std::string format_value(double v, std::string_view unit, int decimals) {
  ValueParts p = format_value_parts(v, unit, decimals);
  return p.number + p.unit;
}

std::string format_percent(double v, int decimals) {
  return format_value(v, "%", decimals);
}

std::string format_change(double change, std::string_view unit) {
  if (!std::isfinite(change)) return kNoValue;
  const char* arrow = change > 0 ? "\u2191 +" : change < 0 ? "\u2193 \u2212" : "\u2192 ";
  // Between two percentages the change is in percentage points: 62% to
  // 61.6% is 0.4 points down, not 0.4% of anything.
  return arrow + format_value(std::fabs(change), unit == "%" ? "pp" : unit);
}

std::string tile_change_text(const Tree& tile) {
  const Tree* change = tile.find("change");
  if (!change || !change->is_number()) return {};
  if (const Tree* sig = tile.find("change_significant"); sig && sig->is_bool() && !sig->as_bool())
    return "No significant change";
  const Tree* unit = tile.find("unit");
  return format_change(change->as_number(), unit && unit->is_string() ? unit->as_string() : "") + " on previous";
}

std::vector<std::string> tile_uncertainty_lines(const Tree& tile) {
  std::vector<std::string> out;
  for (const char* key : {"interval", "spc_words", "assurance_words"})
    if (const Tree* t = tile.find(key); t && t->is_string() && !t->as_string().empty()) out.push_back(t->as_string());
  return out;
}

const char* rag_word(Rag band) {
  switch (band) {
    case Rag::Red:
      return "Red";
    case Rag::Amber:
      return "Amber";
    case Rag::Green:
      return "Green";
    case Rag::Blue:
      return "Blue";
    case Rag::None:
      break;
  }
  return "";
}

const char* rag_word(std::string_view band) {
  const std::string lower = to_lower_ascii(band);
  const auto rag = parse_rag(lower);
  return rag ? rag_word(*rag) : "";
}

std::string format_date(std::string_view iso) {
  if (iso.size() == 20 && iso[10] == 'T' && iso[19] == 'Z' && is_real_date(iso.substr(0, 10)))
    return std::string(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 5)) + " UTC";
  return std::string(iso);
}

std::string date_in_words(std::string_view iso) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  if (!is_real_date(iso)) return std::string(iso);
  const int day = date_digits(iso, 8, 2), month = date_digits(iso, 5, 2);
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
}

std::string figures_as_at_text(std::string_view figures_as_at, std::string_view as_of) {
  if (figures_as_at.empty()) return date_in_words(as_of);
  std::string s = date_in_words(figures_as_at);
  if (!as_of.empty() && figures_as_at != as_of) s += " (the latest data on or before " + date_in_words(as_of) + ")";
  return s;
}

std::string format_cell(const Tree* v, std::string_view column_format) {
  if (!v || v->is_null()) return "";
  if (v->is_number()) {
    const double d = v->as_number();
    if (!std::isfinite(d)) return kNoValue;
    if (column_format == "integer") return shown_number(std::round(d), 0);
    if (column_format == "percent") return format_percent(d);
    if (column_format == "number") return shown_number(d, 2);
    // In a text column a number is a label or a reference (a year, a ref):
    // written plainly, never "2,021".
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    return format_double(d);
  }
  if (v->is_string()) {
    if (column_format == "rag") {
      const char* word = rag_word(v->as_string());
      return *word ? word : v->as_string();
    }
    if (column_format == "date") return format_date(v->as_string());
    return v->as_string();
  }
  if (v->is_bool()) return v->as_bool() ? "yes" : "no";
  return kNoValue;
}

}  // namespace gb
