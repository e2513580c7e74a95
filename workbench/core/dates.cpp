#include "core/dates.hpp"

#include <cstdlib>
#include <ctime>

#include "core/error.hpp"

namespace gb {

int date_digits(std::string_view s, std::size_t from, std::size_t n) {
  if (from > s.size() || n > s.size() - from) return -1;
  int v = 0;
  for (std::size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool is_real_date(std::string_view s, int first_year, int last_year) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  const int y = date_digits(s, 0, 4), m = date_digits(s, 5, 2), d = date_digits(s, 8, 2);
  if (y < 0 || m < 0 || d < 0) return false;
  if (y < first_year || y > last_year) return false;
  return d >= 1 && d <= days_in_month(y, m);
}

std::string date_problem(std::string_view s) {
  if (is_real_date(s)) return "";
  return "must be a real date written YYYY-MM-DD, like 2021-12-31 (got '" + std::string(s) + "')";
}

namespace {

std::string utc_text(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string today_utc() {
  if (const char* set = std::getenv("GOVBENCH_TODAY"); set && *set) {
    if (const std::string problem = date_problem(set); !problem.empty()) throw Error("GOVBENCH_TODAY " + problem);
    return set;
  }
  return utc_text("%Y-%m-%d");
}

std::string now_utc() {
  return utc_text("%Y-%m-%dT%H:%M:%SZ");
}

std::string local_clock_text() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

}  // namespace gb
