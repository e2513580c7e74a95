// "Today" once, in core (issue 17): today_utc() is UTC, GOVBENCH_TODAY sets
// it for tests, a bad value is an error naming it, and every command that
// defaults its date to today uses it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/register_levels.hpp"
#include "support.hpp"

namespace {

// Sets GOVBENCH_TODAY for one scope.
struct TodayIs {
  explicit TodayIs(const char* date) { ::setenv("GOVBENCH_TODAY", date, 1); }
  ~TodayIs() { ::unsetenv("GOVBENCH_TODAY"); }
  TodayIs(const TodayIs&) = delete;
  TodayIs& operator=(const TodayIs&) = delete;
};

}  // namespace

TEST_CASE("today is UTC and GOVBENCH_TODAY sets it", "[unit][dates][today]") {
  ::unsetenv("GOVBENCH_TODAY");
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char utc[16];
  std::strftime(utc, sizeof utc, "%Y-%m-%d", &tm);
  const std::string today = gb::today_utc();
  CHECK(gb::is_real_date(today));
  if (today != utc) {  // midnight UTC passed between the two reads
    std::time_t later = std::time(nullptr);
    gmtime_r(&later, &tm);
    std::strftime(utc, sizeof utc, "%Y-%m-%d", &tm);
  }
  CHECK(today == utc);
  {
    TodayIs set("2021-06-30");
    CHECK(gb::today_utc() == "2021-06-30");
  }
  {
    TodayIs set("2021-02-30");
    CHECK_THROWS_WITH(gb::today_utc(), Catch::Contains("GOVBENCH_TODAY must be a real date written YYYY-MM-DD"));
  }
  CHECK(gb::date_problem("2024-02-29").empty());
  CHECK(gb::date_problem("2023-02-29") == "must be a real date written YYYY-MM-DD, like 2021-12-31 (got '2023-02-29')");
}

TEST_CASE("eval without --as-of is as at GOVBENCH_TODAY", "[cli][dates][today]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  TodayIs set("2021-06-30");
  const auto r = gbtest::run_govbench({"eval", "--db", db, "--indicator", "risk.count", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"as_of\": \"2021-06-30\""));
}

TEST_CASE("the register levels are defined once with their order", "[unit][register_levels]") {
  CHECK(gb::kRiskLevels.size() == 5);
  CHECK(gb::risk_level_ordinal("VL") == 1);
  CHECK(gb::risk_level_ordinal("VH") == 5);
  CHECK(gb::risk_level_ordinal("X") == 0);
  CHECK(std::string(gb::risk_level_words("H")) == "high");
  CHECK(gb::as_views(gb::kRiskLevels)[2] == "M");
}
