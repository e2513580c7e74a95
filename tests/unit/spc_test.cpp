// XmR charts (core/spc.hpp): each special-cause rule on a series made to
// show it, recalculation and baselines, the verdicts, and seeded
// simulations: a planted shift is flagged, pure noise is not, and the
// false-alarm rate of a point beyond the limits is near the method's
// known 0.27% (three sigma of a normal process).
#include "core/spc.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <random>
#include <vector>

using namespace gb;
using namespace gb::spc;

namespace {

// A steady process: a fixed zig-zag of mean 10 and moving range 1
// (limits 10 +/- 2.66), to which each test adds its pattern.
std::vector<double> steady(std::size_t n) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(i % 2 ? 10.5 : 9.5);
  return v;
}

std::size_t count_special(const Xmr& x, std::size_t from = 0) {
  std::size_t n = 0;
  for (std::size_t i = from; i < x.points.size(); ++i) n += x.points[i].special();
  return n;
}

}  // namespace

TEST_CASE("spc: limits are the mean plus and minus 2.66 mean moving ranges", "[stats][spc]") {
  const auto x = xmr(steady(20));
  REQUIRE(x.segments.size() == 1);
  CHECK(x.segments[0].mean == Approx(10));
  CHECK(x.segments[0].moving_range == Approx(1));
  CHECK(x.segments[0].ucl == Approx(12.66));
  CHECK(x.segments[0].lcl == Approx(7.34));
  CHECK(count_special(x) == 0);
  CHECK(x.variation == Variation::CommonCause);
}

TEST_CASE("spc: each special-cause rule on a series that shows it", "[stats][spc]") {
  XmrOptions base;
  base.baseline = 20;  // limits from the steady part only
  SECTION("a point beyond the limits") {
    auto v = steady(20);
    v.push_back(13.5);
    const auto x = xmr(v, base);
    CHECK(x.points.back().beyond);
    CHECK(x.points.back().direction == Direction::High);
    CHECK(count_special(x) == 1);
  }
  SECTION("a run of 7 on one side, and not 6") {
    auto v = steady(20);
    v.push_back(10);  // on the mean: the steady part's last point (above) starts no run
    for (int i = 0; i < 6; ++i) v.push_back(i % 2 ? 10.3 : 10.1);
    auto x = xmr(v, base);
    CHECK(count_special(x, 20) == 0);
    v.push_back(10.2);
    x = xmr(v, base);
    CHECK(count_special(x, 20) == 7);
    CHECK(x.points.back().shift);
  }
  SECTION("a run of 6 rising, and not 5") {
    auto v = steady(20);
    for (double d : {9.0, 9.2, 9.4, 9.6, 9.8}) v.push_back(d);
    auto x = xmr(v, base);
    CHECK_FALSE(x.points.back().trend);
    v.push_back(10.0);
    x = xmr(v, base);
    CHECK(x.points.back().trend);
    CHECK(x.points.back().direction == Direction::High);
    for (std::size_t i = 20; i < 26; ++i) CHECK(x.points[i].trend);
  }
  SECTION("2 of 3 in the outer third on one side") {
    auto v = steady(20);
    // Outer third below: under 10 - 2/3 x 2.66 = 8.227.
    for (double d : {8.0, 9.9, 8.1}) v.push_back(d);
    const auto x = xmr(v, base);
    CHECK(x.points[20].near);
    CHECK_FALSE(x.points[21].near);
    CHECK(x.points[22].near);
    CHECK(x.points[22].direction == Direction::Low);
  }
}

TEST_CASE("spc: verdicts by polarity and assurance against a target", "[stats][spc]") {
  auto v = steady(20);
  v.push_back(14);
  XmrOptions o;
  o.baseline = 20;
  o.polarity = Polarity::HigherIsBetter;
  CHECK(xmr(v, o).variation == Variation::Improving);
  o.polarity = Polarity::LowerIsBetter;
  CHECK(xmr(v, o).variation == Variation::Concerning);
  o.polarity = Polarity::Neutral;
  CHECK(xmr(v, o).variation == Variation::High);
  CHECK(std::string(variation_words(Variation::Concerning)) == "Special cause: concerning");

  o.polarity = Polarity::HigherIsBetter;
  o.target = 7;  // below the lower limit 7.34
  CHECK(xmr(steady(20), o).assurance == Assurance::Meeting);
  o.target = 10;
  CHECK(xmr(steady(20), o).assurance == Assurance::HitAndMiss);
  o.target = 13;
  CHECK(xmr(steady(20), o).assurance == Assurance::Failing);
  o.polarity = Polarity::LowerIsBetter;
  CHECK(xmr(steady(20), o).assurance == Assurance::Meeting);
  CHECK(std::string(assurance_words(Assurance::HitAndMiss)) == "Hit and miss against the target");
}

TEST_CASE("spc: a recalculation point starts limits of its own", "[stats][spc]") {
  auto v = steady(12);
  for (double d : steady(12)) v.push_back(d + 5);
  auto x = xmr(v);
  CHECK(count_special(x) > 0);  // one set of limits: the step is special cause
  XmrOptions o;
  o.recalculate = {12};
  x = xmr(v, o);
  REQUIRE(x.segments.size() == 2);
  CHECK(x.segments[1].from == 12);
  CHECK(x.segments[1].mean == Approx(15));
  CHECK(count_special(x) == 0);
  o.recalculate = {30};
  CHECK_THROWS_WITH(xmr(v, o), Catch::Contains("past the last"));
  CHECK_THROWS_WITH(xmr(std::vector<double>{1}), Catch::Contains("at least two points"));
}

TEST_CASE("spc: seeded series: a planted shift is flagged and pure noise is not", "[stats][spc]") {
  std::mt19937 rng(22);
  std::normal_distribution<double> noise(0, 1);
  constexpr int kSeries = 2000;
  constexpr std::size_t kBase = 20, kAfter = 10;
  XmrOptions o;
  o.baseline = kBase;
  o.polarity = Polarity::LowerIsBetter;
  int shifted_flagged = 0, shifted_latest = 0, noise_flagged = 0, noise_latest = 0;
  for (int s = 0; s < kSeries; ++s) {
    std::vector<double> a, b;
    for (std::size_t i = 0; i < kBase + kAfter; ++i) {
      const double e = noise(rng);
      a.push_back(e);
      b.push_back(i < kBase ? e : e + 2);  // a 2-sigma shift up
    }
    const auto xa = xmr(a, o), xb = xmr(b, o);
    noise_flagged += count_special(xa, kBase) > 0;
    noise_latest += xa.variation != Variation::CommonCause;
    shifted_flagged += count_special(xb, kBase) > 0;
    shifted_latest += xb.variation == Variation::Concerning;
  }
  const double shift_rate = double(shifted_flagged) / kSeries;
  const double shift_latest = double(shifted_latest) / kSeries;
  const double noise_rate = double(noise_flagged) / kSeries;
  const double noise_latest_rate = double(noise_latest) / kSeries;
  std::printf(
      "spc: %d seeded series of %zu baseline + %zu points: a 2-sigma shift flagged in %.1f%% (latest point concerning "
      "in %.1f%%); pure noise flagged in %.1f%% (latest point special in %.1f%%)\n",
      kSeries, kBase, kAfter, 100 * shift_rate, 100 * shift_latest, 100 * noise_rate, 100 * noise_latest_rate);
  CHECK(shift_rate > 0.95);
  CHECK(shift_latest > 0.85);
  CHECK(noise_latest_rate < 0.08);
  CHECK(noise_rate < shift_rate / 3);
}

TEST_CASE("spc: the false-alarm rate beyond the limits is near three sigma's 0.27%", "[stats][spc]") {
  // Long baselines (100 points), so the limits are well estimated; then
  // 100 points of the same process judged against them.
  std::mt19937 rng(2016);
  std::normal_distribution<double> noise(50, 4);
  constexpr int kSeries = 2000;
  long beyond = 0, points = 0, shift = 0, trend = 0, near = 0;
  XmrOptions o;
  o.baseline = 100;
  for (int s = 0; s < kSeries; ++s) {
    std::vector<double> v;
    for (int i = 0; i < 200; ++i) v.push_back(noise(rng));
    const auto x = xmr(v, o);
    for (std::size_t i = 100; i < x.points.size(); ++i) {
      ++points;
      beyond += x.points[i].beyond;
      shift += x.points[i].shift;
      trend += x.points[i].trend;
      near += x.points[i].near;
    }
  }
  const double rate = double(beyond) / double(points);
  std::printf(
      "spc: pure noise, %ld points judged: beyond the limits %.3f%% (three sigma: 0.270%%); points marked by a run of "
      "7 on one side %.2f%%, a run of 6 rising or falling %.2f%%, 2 of 3 in the outer third %.2f%%\n",
      points, 100 * rate, 100.0 * double(shift) / double(points), 100.0 * double(trend) / double(points),
      100.0 * double(near) / double(points));
  CHECK(rate > 0.0018);
  CHECK(rate < 0.0040);
}
