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
