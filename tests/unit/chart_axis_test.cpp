// The chart rules the window and the papers share (core/chart_axis.hpp).
#include "core/chart_axis.hpp"

#include <catch2/catch.hpp>

using namespace gb;

TEST_CASE("a line's axis starts at zero near the data and is never tighter than its minimum span", "[chart]") {
  // A ±0.1 point wobble in a 60% series: cut, but at least 5 points tall.
  auto a = chart::value_axis(60.0, 60.2, chart::AxisFor::Line, "%");
  REQUIRE(a);
  CHECK(a->hi - a->lo >= 5.0);
  CHECK(a->lo <= 60.0);
  CHECK(a->hi >= 60.2);
  CHECK_FALSE(a->from_zero);
  CHECK(chart::cut_axis_note(*a, "%").rfind("axis starts at ", 0) == 0);
  // Counts: a tenth of the largest value.
  a = chart::value_axis(1000, 1001, chart::AxisFor::Line, "cases");
  REQUIRE(a);
  CHECK(a->hi - a->lo >= 100.0);
  // Near zero (the low end within half the high one): from zero.
  a = chart::value_axis(30, 70, chart::AxisFor::Line, "%");
  REQUIRE(a);
  CHECK(a->lo == 0);
  CHECK(a->from_zero);
  // Negative gaps: up to zero when near it.
  a = chart::value_axis(-10, -2, chart::AxisFor::Line, "pp");
  REQUIRE(a);
  CHECK(a->hi == 0);
  // Widening never crosses zero: the axis then starts at it.
  a = chart::value_axis(0.5, 0.6, chart::AxisFor::Line, "%");
  REQUIRE(a);
  CHECK(a->lo == 0);
  CHECK(a->hi >= 5.0);
  CHECK_FALSE(chart::value_axis(0, INFINITY, chart::AxisFor::Line, ""));
}

TEST_CASE("bars always stand on zero and ticks cover the axis", "[chart]") {
  auto a = chart::value_axis(55, 80, chart::AxisFor::Bars, "%");
  REQUIRE(a);
  CHECK(a->lo == 0);
  CHECK(a->ticks.front() == a->lo);
  CHECK(a->ticks.back() == Approx(a->hi));
  CHECK(a->ticks.size() >= 3);
  a = chart::value_axis(-12.4, -8.3, chart::AxisFor::Bars, "pp");
  REQUIRE(a);
  CHECK(a->hi == 0);
  CHECK(a->lo <= -12.4);
}

TEST_CASE("series colours: the paper's in the light theme and distinct lines in the dark", "[chart][palette]") {
  CHECK(hex(chart::series_colour(0)) == "#0072B2");
  CHECK(hex(chart::series_colour(1)) == "#E69F00");
  CHECK(chart::series_colour(8) == chart::series_colour(0));  // the cycle repeats
  // On the dark background every series colour reads (3:1, the WCAG figure for graphics).
  for (std::size_t i = 0; i < 8; ++i) {
    INFO(i);
    CHECK(contrast_ratio(chart::series_colour(i, PaletteTheme::Dark), theme_background(PaletteTheme::Dark)) >= 3.0);
  }
}

TEST_CASE("chart labels: spread apart with order kept, moved as little as they can, within the plot", "[chart]") {
  // Far apart: where they were wanted.
  CHECK(chart::spread_labels({10, 50, 90}, 12, 0, 200) == std::vector<double>{10, 50, 90});
  // An SPC chart whose upper limit (70.26) is all but on the target (70):
  // the two labels 2 units apart are set a gap apart, around where they were.
  const auto two = chart::spread_labels({98, 100}, 12, 0, 200);
  CHECK(two[1] - two[0] == Approx(12));
  CHECK((two[0] + two[1]) / 2 == Approx(99));
  // Any order in, the same order out.
  const auto rev = chart::spread_labels({100, 98}, 12, 0, 200);
  CHECK(rev[0] - rev[1] == Approx(12));
  // Four at once (upper, target, mean, lower), some crowded: every pair a
  // gap apart, in the order wanted.
  const auto four = chart::spread_labels({40, 41, 47, 90}, 10, 0, 200);
  CHECK(four[1] - four[0] >= 10 - 1e-9);
  CHECK(four[2] - four[1] >= 10 - 1e-9);
  CHECK(four[3] == Approx(90));
  // At the edge: kept inside the plot.
  const auto edge = chart::spread_labels({199, 200}, 12, 0, 200);
  CHECK(edge[1] <= 200);
  CHECK(edge[1] - edge[0] == Approx(12));
  const auto top = chart::spread_labels({0, 1, 2}, 12, 0, 200);
  CHECK(top[0] >= 0);
  CHECK(top[2] - top[0] == Approx(24));
  CHECK(chart::spread_labels({}, 12, 0, 200).empty());
}
