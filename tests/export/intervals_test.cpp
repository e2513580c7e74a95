// Intervals on the papers' charts (issue 22): a bar's whisker, a line's
// band, the axis reaching the interval's ends and the <title> saying it in
// the words the window's tooltip uses; and the words themselves, whose ends
// keep the decimals of their estimate.
#include <catch2/catch.hpp>
#include <string>

#include "core/chart_axis.hpp"
#include "core/format.hpp"
#include "core/indicator_result.hpp"
#include "export/svg.hpp"

using gb::Tree;

namespace {

Tree point(const char* label, double value, double lower, double upper) {
  Tree p = Tree::object();
  p.set("label", label);
  p.set("value", value);
  p.set("lower", lower);
  p.set("upper", upper);
  return p;
}

Tree chart(const char* kind, const char* unit, Tree points) {
  Tree el = Tree::object();
  el.set("type", "chart");
  el.set("kind", kind);
  el.set("unit", unit);
  Tree s = Tree::object();
  s.set("name", "Rate");
  s.set("points", std::move(points));
  Tree series = Tree::array();
  series.push(std::move(s));
  el.set("series", std::move(series));
  return el;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("interval words keep the decimals of their estimate", "[export][stats]") {
  CHECK(gb::format_interval(4.22, 4.05, 4.4, "") == "4.22, 95% CI 4.05 to 4.40");
  CHECK(gb::format_interval(-20.6, -24.1, -17.2, "pp") == "-20.6 pp, 95% CI -24.1 to -17.2");
  CHECK(gb::format_interval(61, 57.1, 64.8, "%", 0.9) == "61%, 90% CI 57.1 to 64.8");
  CHECK(gb::format_interval(-8, -10, -6, "pp") == "-8 pp, 95% CI -10 to -6");
  CHECK(gb::format_interval(1.5, 1.375629923630108, 6.5299150739353085, "per 1,000") ==
        "1.5 per 1,000, 95% CI 1.38 to 6.53");
  gb::IndicatorResult r;
  r.value = 4.22;
  r.ci.lower = 4.05;
  r.ci.upper = 4.4;
  CHECK(r.interval_words() == "4.22, 95% CI 4.05 to 4.40");
}

TEST_CASE("papers: bars with an interval get a whisker and a title saying it", "[export][chart]") {
  Tree pts = Tree::array();
  pts.push(point("Black", 4.22, 4.05, 4.4));
  Tree plain = Tree::object();
  plain.set("label", "White");
  plain.set("value", 1.0);
  pts.push(std::move(plain));
  const auto f = gb::exporter::detail::chart_parts(chart("bar", "", std::move(pts)));
  REQUIRE(f.note.empty());
  // One whisker: the line from lower to upper and its two end caps.
  CHECK(count(f.svg, "class=\"ci-whisker\"") == 3);
  CHECK_THAT(f.svg, Catch::Contains("<title>Black: 4.22, 95% CI 4.05 to 4.40</title>"));
  CHECK(count(f.svg, "<rect") == 2);  // the bars themselves are unchanged
}

TEST_CASE("papers: the value axis reaches the whisker's end", "[export][chart]") {
  Tree pts = Tree::array();
  pts.push(point("A", 8, 6, 13));  // the bar ends at 8, its interval at 13
  const auto f = gb::exporter::detail::chart_parts(chart("bar", "", std::move(pts)));
  REQUIRE(f.note.empty());
  CHECK_THAT(f.svg, Catch::Contains(">15</text>"));  // ticks 0, 5, 10, 15 (without it 0, 2, ..., 8)
}

TEST_CASE("papers: a line whose points carry intervals has a translucent band in its colour", "[export][chart]") {
  Tree pts = Tree::array();
  pts.push(point("2021-Q1", 60, 57, 63));
  pts.push(point("2021-Q2", 62, 59.5, 64.5));
  pts.push(point("2021-Q3", 61, 58, 64));
  Tree el = chart("line", "%", std::move(pts));
  el.set("level", 0.9);
  const auto f = gb::exporter::detail::chart_parts(el);
  REQUIRE(f.note.empty());
  CHECK(count(f.svg, "class=\"ci-band\"") == 1);  // one run of three points: one polygon
  CHECK_THAT(f.svg, Catch::Contains("fill=\"" + gb::hex(gb::chart::series_colour(0)) + "\" fill-opacity=\"0.2\""));
  CHECK_THAT(f.svg, Catch::Contains("<title>2021-Q2: 62%, 90% CI 59.5 to 64.5</title>"));
  // The band is drawn under the line.
  CHECK(f.svg.find("ci-band") < f.svg.find("stroke-linejoin"));
}

TEST_CASE("papers: charts without intervals draw no whiskers or bands", "[export][chart]") {
  Tree pts = Tree::array();
  Tree p = Tree::object();
  p.set("label", "A");
  p.set("value", 3.0);
  p.set("lower", 2.0);  // one end only: no interval
  pts.push(p);
  for (const char* kind : {"bar", "line"}) {
    const auto f = gb::exporter::detail::chart_parts(chart(kind, "", pts));
    CHECK(f.svg.find("ci-") == std::string::npos);
  }
}
