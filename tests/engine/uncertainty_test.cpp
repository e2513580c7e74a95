// gov.stats from a pack, and results that carry their uncertainty: the
// headline's interval and n, breakdown groups and series points with
// intervals, an XmR chart asked for with `spc`, the noise-aware RAG mode,
// "no significant change", and the words in the explanation (issue 22).
#include <catch2/catch.hpp>

#include "core/format.hpp"
#include "core/palette.hpp"
#include "engine/evaluator.hpp"
#include "engine/views.hpp"
#include "export/svg.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;
using namespace gb::engine;
using namespace gb::script;

namespace {

// One indicator file written for the test, on a copy of the demo database.
struct Fixture : gbtest::PacksOnDemo {
  explicit Fixture(const std::string& source) : PacksOnDemo({{"indicators/a.lua", source}}) {}
};
constexpr auto* ind = &gbtest::indicator_source;

}  // namespace

TEST_CASE("gov.stats: functions answer from a pack", "[stats][script]") {
  Fixture f(
      ind("t.wilson", "",
          "local w = gov.stats.wilson(12, 50); return { value = w.estimate, lower = w.lower, "
          "upper = w.upper, n = w.n }") +
      ind("t.cp", "", "return gov.stats.clopper_pearson(0, 20).upper") +
      ind("t.diff", "", "local d = gov.stats.proportion_diff(56, 70, 48, 80); return d.lower") +
      ind("t.wald", "", "return gov.stats.proportion_diff(56, 70, 48, 80, { method = 'wald' }).lower") +
      ind("t.rr", "", "local r = gov.stats.rate_ratio(15, 1200, 9, 1500); return r.upper") +
      ind("t.mean", "", "return gov.stats.mean({ 4.2, 3.9, 5.1 }).lower") +
      ind("t.mk", "",
          "local m = gov.stats.mann_kendall({ ['2021'] = 10, ['2020'] = 9, ['2022'] = 12, ['2023'] = 13 }); "
          "return m.slope") +
      ind("t.xmr", "",
          "local x = gov.stats.xmr({ 9.5, 10.5, 9.5, 10.5, 9.5, 10.5, 14 }, { baseline = 6, polarity = "
          "'lower_is_better', target = 12 }); assert(x.points[7].special and x.points[7].rules[1] == 'beyond'); "
          "assert(x.variation == 'special_cause_concerning', x.variation); assert(x.assurance == 'hit_and_miss'); "
          "return x.ucl") +
      ind("t.xmr_periods", "",
          "local x = gov.stats.xmr({ ['2021-Q1'] = 1, ['2021-Q2'] = 2, ['2021-Q3'] = 1, ['2021-Q4'] = 2 }, "
          "{ recalculate = { '2021-Q3' } }); assert(x.points[3].period == '2021-Q3'); return #x.segments") +
      ind("t.bad_count", "", "return gov.stats.wilson(12, 10).lower") +
      ind("t.bad_type", "", "return gov.stats.rate_ratio('a', 1, 2, 3)") +
      ind("t.bad_option", "", "return gov.stats.xmr({ 1, 2, 3 }, { baseline = 1 })") +
      ind("t.bad_values", "", "return gov.stats.mean({ 1, 'x' })"));
  CHECK(*f.eval->evaluate("t.wilson").value == Approx(0.24));
  CHECK(*f.eval->evaluate("t.wilson").ci.lower == Approx(0.14297391396991729).epsilon(1e-9));
  CHECK(*f.eval->evaluate("t.cp").value == Approx(0.16843347098308531).epsilon(1e-9));
  CHECK(*f.eval->evaluate("t.diff").value == Approx(0.052431472402364981).epsilon(1e-9));
  CHECK(*f.eval->evaluate("t.wald").value == Approx(0.057504899149037114).epsilon(1e-9));
  CHECK(*f.eval->evaluate("t.rr").value == Approx(4.7605468756492835).epsilon(1e-9));
  CHECK(*f.eval->evaluate("t.mean").value == Approx(2.8486564961789789).epsilon(1e-9));
  // Sen's slope: the median of the six pairwise slopes 1, 1, 4/3, 3/2, 3/2, 2, in period order.
  CHECK(*f.eval->evaluate("t.mk").value == Approx(17.0 / 12));
  const auto x = f.eval->evaluate("t.xmr");
  INFO(x.error);
  CHECK(*x.value == Approx(12.66));
  CHECK(*f.eval->evaluate("t.xmr_periods").value == 2);

  // Bad arguments: a Lua error naming the call, the problem and the line.
  auto err = f.eval->evaluate("t.bad_count");
  CHECK(err.status == IndicatorResult::Status::Error);
  CHECK_THAT(err.error, Catch::Contains("gov.stats.wilson: x must be between 0 and n (10), not 12"));
  CHECK_THAT(err.error, Catch::Contains("indicators/a.lua:"));
  CHECK_THAT(f.eval->evaluate("t.bad_type").error,
             Catch::Contains("gov.stats.rate_ratio: x1 (argument 1) must be a number, not string"));
  CHECK_THAT(f.eval->evaluate("t.bad_option").error,
             Catch::Contains("gov.stats.xmr: options.baseline must be a whole number of points, at least 2"));
  CHECK_THAT(f.eval->evaluate("t.bad_values").error,
             Catch::Contains("gov.stats.mean: values[2] must be a number, not string"));
}

TEST_CASE("results carry intervals and n, in words and in JSON", "[stats][engine]") {
  Fixture f(ind("t.gap", "unit = 'pp',",
                "return { value = -20.6, lower = -24.1, upper = -17.2, n = 98, n_label = 'neighbourhoods', "
                "explain = 'median of the gaps' }") +
            ind("t.groups", "unit = '%',",
                "return { breakdown = { Black = { value = 60, lower = 55, upper = 65, n = 400 }, White = 70 } }") +
            ind("t.points", "",
                "return { series = { { period = '2021', value = 50, lower = 48, upper = 52 }, "
                "{ period = '2022', value = 51, lower = 49, upper = 53 } } }") +
            ind("t.moved", "",
                "return { series = { { period = '2021', value = 50, lower = 49, upper = 51 }, "
                "{ period = '2022', value = 55, lower = 54, upper = 56 } } }") +
            ind("t.swapped", "", "return { value = 1, lower = 2, upper = 0 }") +
            ind("t.one_end", "", "return { value = 1, lower = 0 }"));
  auto r = f.eval->evaluate("t.gap");
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK(*r.ci.lower == -24.1);
  CHECK(*r.ci.n == 98);
  CHECK(r.explanation == "median of the gaps\n-20.6 pp, 95% CI -24.1 to -17.2, 98 neighbourhoods");
  const Tree t = r.to_tree();
  CHECK(t.find("lower")->as_number() == -24.1);
  CHECK(t.find("upper")->as_number() == -17.2);
  CHECK(t.find("n")->as_number() == 98);
  CHECK(t.find("level")->as_number() == 0.95);

  r = f.eval->evaluate("t.groups");
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  const auto black = std::find_if(r.breakdown.begin(), r.breakdown.end(), [](auto& b) { return b.group == "Black"; });
  REQUIRE(black != r.breakdown.end());
  CHECK(*black->value == 60);
  CHECK(*black->ci.upper == 65);
  CHECK(r.to_tree().find("intervals")->find("Black")->find("n")->as_number() == 400);

  r = f.eval->evaluate("t.points");
  CHECK(r.series.back().ci.lower == 49);
  CHECK(r.change_is_significant() == false);  // +1 with intervals of +/-2
  CHECK(r.to_tree().find("change_significant")->as_bool() == false);
  CHECK(f.eval->evaluate("t.moved").change_is_significant() == true);

  CHECK_THAT(f.eval->evaluate("t.swapped").error, Catch::Contains("'lower' (2.000000) is above 'upper'"));
  CHECK_THAT(f.eval->evaluate("t.one_end").error, Catch::Contains("give both 'lower' and 'upper'"));
}

TEST_CASE("spc on a series: the chart, its verdicts and its words", "[stats][spc][engine]") {
  const std::string series =
      "{ series = { ['2021-01'] = 9.5, ['2021-02'] = 10.5, ['2021-03'] = 9.5, ['2021-04'] = 10.5, ['2021-05'] = 9.5, "
      "['2021-06'] = 10.5, ['2021-07'] = 14 }, spc = { baseline = 6, target = 12 } }";
  Fixture f(ind("t.spc", "unit = 'days', polarity = 'lower_is_better', thresholds = { green = 12, amber = 13 },",
                "return " + series) +
            ind("t.bad_spc", "", "return { value = 3, spc = true }"));
  auto r = f.eval->evaluate("t.spc");
  INFO(r.error);
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  REQUIRE(r.spc);
  CHECK(r.spc->variation == spc::Variation::Concerning);
  CHECK(r.spc->assurance == spc::Assurance::HitAndMiss);
  CHECK(r.change_is_significant() == true);
  CHECK_THAT(r.explanation, Catch::Contains("Special cause: concerning (mean 10, limits 7.3 to 12.7); Hit and miss "
                                            "against the target (12 days)"));
  const Tree t = r.to_tree();
  CHECK(t.find("spc")->find("variation")->as_string() == "special_cause_concerning");
  CHECK(t.find("spc")->find("special")->as_array().size() == 1);
  CHECK_THAT(f.eval->evaluate("t.bad_spc").error, Catch::Contains("'spc' needs a series"));
}

TEST_CASE("noise-aware RAG: red only when the interval lies beyond the amber line", "[stats][engine]") {
  const std::string th =
      "unit = '%', polarity = 'higher_is_better', thresholds = { green = 80, amber = 70, mode = "
      "'significant' },";
  const std::string plain = "unit = '%', polarity = 'higher_is_better', thresholds = { green = 80, amber = 70 },";
  Fixture f(ind("t.noisy", th, "return { value = 66, lower = 58, upper = 74 }") +
            ind("t.plain", plain, "return { value = 66, lower = 58, upper = 74 }") +
            ind("t.sure", th, "return { value = 60, lower = 55, upper = 65 }") + ind("t.bare", th, "return 66") +
            ind("t.common", th,
                "return { series = { ['2021'] = 72, ['2022'] = 66, ['2023'] = 71, ['2024'] = 67 }, spc = true }") +
            ind("t.groups", th, "return { breakdown = { A = { value = 66, lower = 60, upper = 72 }, B = 85 } }"));
  auto r = f.eval->evaluate("t.noisy");
  CHECK(r.rag == Rag::Amber);
  CHECK_THAT(r.explanation, Catch::Contains("RAG amber, not red: the value is beyond the amber line but within noise"));
  CHECK(f.eval->evaluate("t.plain").rag == Rag::Red);
  CHECK(f.eval->evaluate("t.sure").rag == Rag::Red);
  CHECK(f.eval->evaluate("t.bare").rag == Rag::Red);      // nothing says how noisy: the plain band
  CHECK(f.eval->evaluate("t.common").rag == Rag::Amber);  // common-cause variation around the line
  CHECK(f.eval->evaluate("t.groups").rag == Rag::Amber);
}

TEST_CASE("thresholds.mode is checked", "[stats][engine]") {
  gbtest::TempDir dir;
  gbtest::write_pack(
      dir.path(), "t",
      {{"indicators/a.lua",
        ind("t.x", "polarity = 'higher_is_better', thresholds = { green = 2, amber = 1, mode = 'noisy' },",
            "return 1")}});
  PackSet packs;
  packs.add_source(dir / "t", "--packs");
  packs.load();
  REQUIRE_FALSE(packs.problems().empty());
  CHECK_THAT(packs.problems()[0].to_string(), Catch::Contains("field 'thresholds.mode' must be 'plain'"));
}

TEST_CASE("tiles: no arrow for a change within noise, and the uncertainty in words", "[stats][export]") {
  Tree tile = Tree::object();
  tile.set("unit", "pp");
  tile.set("change", -0.4);
  CHECK(tile_change_text(tile) == "\u2193 \u22120.4 pp on previous");
  tile.set("change_significant", false);
  CHECK(tile_change_text(tile) == "No significant change");
  tile.set("interval", "-8 pp, 95% CI -10 to -6, 98 neighbourhoods");
  tile.set("spc_words", "Common cause variation");
  CHECK(tile_uncertainty_lines(tile) ==
        std::vector<std::string>{"-8 pp, 95% CI -10 to -6, 98 neighbourhoods", "Common cause variation"});
}

TEST_CASE("a tile shows its interval once: its note is the working without the lines the tile shows",
          "[stats][views]") {
  gbtest::PacksOnDemo f({{"indicators/a.lua", ind("t.gap", "unit = 'pp',",
                                                  "return { value = -20.6, lower = -24.1, upper = -17.2, n = 98, "
                                                  "n_label = 'neighbourhoods', explain = 'median of the gaps\\nLowest: "
                                                  "Bromley' }")},
                         {"views/v.lua",
                          "gov.view { id = 't.v', title = 'V', build = function(ctx, p)\n"
                          "  return gov.ui.page { title = 'V', gov.ui.tiles { items = { { indicator = 't.gap' } } } }\n"
                          "end }\n"}});
  const Tree view = engine::build_view(f.packs, *f.db, *f.eval, {"t.v", {}, "2021-12-31"}, "demo.db");
  INFO(view.to_json());
  REQUIRE(view.find("children"));
  const Tree& page = view.find("children")->as_array().at(0);
  const Tree& tile = page.find("children")->as_array().at(0).find("items")->as_array().at(0);
  CHECK(tile.find("interval")->as_string() == "-20.6 pp, 95% CI -24.1 to -17.2, 98 neighbourhoods");
  // The working keeps its own lines, each on its own, without the interval's.
  CHECK(tile.find("note")->as_string() == "median of the gaps\nLowest: Bromley");
}

TEST_CASE("papers draw an spc chart: mean, limits, special causes and verdicts", "[stats][export]") {
  Tree el = Tree::object();
  el.set("type", "chart");
  el.set("kind", "spc");
  el.set("unit", "%");
  el.set("target", 70.0);
  el.set("variation_words", "Special cause: concerning");
  Tree points = Tree::array();
  for (int i = 0; i < 8; ++i) {
    Tree p = Tree::object();
    p.set("label", "2021-Q" + std::to_string(i % 4 + 1));
    p.set("value", i == 7 ? 60.0 : 72.0 + (i % 2));
    p.set("mean", 72.5);
    p.set("lcl", 69.8);
    p.set("ucl", 75.2);
    if (i == 7) p.set("special", "concerning");
    points.push(std::move(p));
  }
  Tree series = Tree::array();
  Tree s = Tree::object();
  s.set("name", "x");
  s.set("points", std::move(points));
  series.push(std::move(s));
  el.set("series", std::move(series));
  const auto f = exporter::detail::chart_parts(el);
  CHECK(f.note.empty());
  CHECK_THAT(f.svg, Catch::Contains("class=\"spc-mean\""));
  CHECK_THAT(f.svg, Catch::Contains("class=\"spc-limit\""));
  CHECK_THAT(f.svg, Catch::Contains("class=\"spc-special\""));
  CHECK_THAT(f.svg, Catch::Contains(hex(rag_fill(Rag::Amber))));
  CHECK(f.caption == "Special cause: concerning.");
  // Every line named with its value at the right edge; the lower limit
  // (69.8) lies all but on the target (70), and their labels are set apart.
  auto label_y = [&](const std::string& text) {
    const auto at = f.svg.find(">" + text + "</text>");
    REQUIRE(at != std::string::npos);
    const auto y = f.svg.rfind(" y=\"", at);
    return std::stod(f.svg.substr(y + 4));
  };
  const double upper = label_y("upper 75.2%"), mean = label_y("mean 72.5%"), lower = label_y("lower 69.8%"),
               target = label_y("target 70%");
  CHECK(upper < mean);
  CHECK(mean < target);
  CHECK(target < lower);
  CHECK(lower - target >= 11 - 1e-6);
}
