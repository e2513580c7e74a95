#include "engine/evaluator.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "engine/result_shape.hpp"
#include "engine/scoring.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;
using namespace gb::engine;
using namespace gb::script;

namespace {

// A pack of indicators written for the test, on a copy of the demo database.
using Fixture = gbtest::PacksOnDemo;
constexpr auto* ind = &gbtest::indicator_source;

}  // namespace

TEST_CASE("result shapes: number, nil, series, breakdown, explicit table", "[engine]") {
  Fixture f({{"indicators/a.lua",
              ind("t.number", "unit = '%',", "return 42.5") + ind("t.nil", "", "return nil") +
                  ind("t.series", "", "return { ['2021-Q2'] = 3, ['2021-Q1'] = 2 }") +
                  ind("t.breakdown", "", "return { Black = 12.5, Asian = 7 }") +
                  ind("t.explicit", "", "return { value = 3, explain = 'one plus two', note = 'n' }") +
                  ind("t.series_list", "",
                      "return { series = { { period = '2020', value = 1 }, { period = '2021', value = 5 } } }") +
                  ind("t.per_period", "", "return { breakdown = { Black = { ['2021-Q1'] = 1, ['2021-Q2'] = 2 } } }") +
                  ind("t.string", "", "return 'hello'") + ind("t.inf", "", "return 1/0") +
                  ind("t.unknown_field", "", "return { value = 1, colour = 'red' }")}});
  auto r = f.eval->evaluate("t.number");
  CHECK(r.status == IndicatorResult::Status::Ok);
  CHECK(r.kind == IndicatorResult::Kind::Number);
  CHECK(*r.value == 42.5);
  CHECK(r.explanation == "42.5%");
  r = f.eval->evaluate("t.nil");
  CHECK(r.status == IndicatorResult::Status::NoData);
  CHECK(r.rag == Rag::None);
  CHECK_FALSE(r.value);
  r = f.eval->evaluate("t.series");
  CHECK(r.kind == IndicatorResult::Kind::Series);
  REQUIRE(r.series.size() == 2);
  CHECK(r.series[0].period == "2021-Q1");
  CHECK(*r.value == 3);
  CHECK(r.explanation == "latest 2021-Q2: 3 (2021-Q1: 2, change +1)");
  r = f.eval->evaluate("t.breakdown");
  CHECK(r.kind == IndicatorResult::Kind::Breakdown);
  REQUIRE(r.breakdown.size() == 2);
  CHECK(r.breakdown[0].group == "Asian");
  CHECK_FALSE(r.value);
  CHECK(r.explanation == "2 groups; highest Black 12.5, lowest Asian 7");
  r = f.eval->evaluate("t.explicit");
  CHECK(*r.value == 3);
  CHECK(r.explanation == "one plus two");
  CHECK(r.note == "n");
  r = f.eval->evaluate("t.series_list");
  CHECK(*r.value == 5);
  r = f.eval->evaluate("t.per_period");
  REQUIRE(r.breakdown.size() == 1);
  CHECK(r.breakdown[0].series.size() == 2);
  for (const char* bad : {"t.string", "t.inf", "t.unknown_field"}) {
    INFO(bad);
    r = f.eval->evaluate(bad);
    CHECK(r.status == IndicatorResult::Status::Error);
    CHECK(r.rag == Rag::None);
    CHECK_THAT(r.error, Catch::StartsWith("pack t: indicators/a.lua:"));
  }
}

TEST_CASE("RAG from thresholds and polarity, from a rag function, and per breakdown group", "[engine][rag]") {
  Fixture f(
      {{"indicators/a.lua",
        ind("t.high", "unit = '%', polarity = 'higher_is_better', thresholds = { green = 80, amber = 70 },",
            "return 75") +
            ind("t.low", "polarity = 'lower_is_better', thresholds = { green = 5, amber = 10 },", "return 4") +
            ind("t.low_red", "polarity = 'lower_is_better', thresholds = { green = 5, amber = 10 },", "return 10.5") +
            ind("t.fn", "rag = function(v) return v > 2 and 'red' or 'green' end,", "return 3") +
            ind("t.bad_fn", "rag = function(v) return 'purple' end,", "return 3") +
            ind("t.groups", "polarity = 'lower_is_better', thresholds = { green = 5, amber = 10 },",
                "return { A = 4, B = 7, C = 11 }") +
            ind("t.none_is_not_red", "polarity = 'higher_is_better', thresholds = { green = 1, amber = 0 },",
                "return nil")}});
  auto r = f.eval->evaluate("t.high");
  CHECK(r.rag == Rag::Amber);
  CHECK(r.explanation == "75% -> amber (green >= 80, amber >= 70)");
  CHECK(f.eval->evaluate("t.low").rag == Rag::Green);
  CHECK(f.eval->evaluate("t.low_red").rag == Rag::Red);
  CHECK(f.eval->evaluate("t.fn").rag == Rag::Red);
  r = f.eval->evaluate("t.bad_fn");
  CHECK(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::Contains("rag returned 'purple'"));
  r = f.eval->evaluate("t.groups");
  CHECK(r.rag == Rag::Red);
  CHECK(r.breakdown[0].rag == Rag::Green);
  CHECK(r.breakdown[1].rag == Rag::Amber);
  CHECK(r.breakdown[2].rag == Rag::Red);
  CHECK(r.explanation == "3 groups; highest C 11, lowest A 4; 1 red, 1 amber, 1 green -> red (the worst group)");
  r = f.eval->evaluate("t.none_is_not_red");
  CHECK(r.status == IndicatorResult::Status::NoData);
  CHECK(r.rag == Rag::None);
}

TEST_CASE("indicators use others, a cycle names every indicator in it, a failure propagates", "[engine][dag]") {
  Fixture f({{"indicators/a.lua", ind("t.base", "", "return ctx.value('SELECT count(*) FROM risks')") +
                                      ind("t.double", "", "return ctx.indicator('t.base').value * 2") +
                                      ind("t.cyc_a", "", "return ctx.indicator('t.cyc_b').value") +
                                      ind("t.cyc_b", "", "return ctx.indicator('t.cyc_c').value") +
                                      ind("t.cyc_c", "", "return ctx.indicator('t.cyc_a').value") +
                                      ind("t.broken", "", "error('the source table is empty')") +
                                      ind("t.uses_broken", "", "local r = ctx.indicator('t.broken'); return r.value") +
                                      ind("t.missing", "", "return ctx.indicator('t.nope').value")}});
  CHECK(*f.eval->evaluate("t.double").value == 22);
  auto r = f.eval->evaluate("t.cyc_a");
  CHECK(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::Contains("dependency cycle: t.cyc_a -> t.cyc_b -> t.cyc_c -> t.cyc_a"));
  r = f.eval->evaluate("t.uses_broken");
  CHECK(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::Contains("ctx.indicator('t.broken')") && Catch::Contains("the source table is empty"));
  CHECK_THAT(r.error, Catch::StartsWith("pack t: indicators/a.lua:"));
  r = f.eval->evaluate("t.missing");
  CHECK_THAT(r.error, Catch::Contains("no indicator 't.nope'"));
}

TEST_CASE("results are cached until the pack or the database changes", "[engine][cache]") {
  Fixture f({{"indicators/a.lua", ind("t.count", "", "return ctx.value('SELECT count(*) FROM sources')")}});
  const auto first = f.eval->evaluate("t.count");
  const auto before = f.eval->evaluations();
  CHECK(*f.eval->evaluate("t.count").value == *first.value);
  CHECK(f.eval->evaluations() == before);
  CHECK(f.eval->cache_hits() == 1);
  {
    data::Db w = data::Db::open(f.db_path, data::OpenMode::ReadWrite);
    w.exec("INSERT INTO sources (kind, document) VALUES ('manual', 'a new source')");
  }
  CHECK(*f.eval->evaluate("t.count").value == *first.value + 1);
  CHECK(f.eval->evaluations() == before + 1);
}

TEST_CASE("ctx.as_of evaluates as at a past date and provenance records it", "[engine][as_of]") {
  Fixture f({{"indicators/a.lua",
              ind("t.assessed", "",
                  "return ctx.value('SELECT count(*) FROM risk_assessments WHERE as_of <= ?', ctx.as_of)")}});
  EvalOptions early;
  early.as_of = "2020-03-31";
  const auto a = f.eval->evaluate("t.assessed", early);
  const auto b = f.eval->evaluate("t.assessed", EvalOptions{"2021-12-31", {}});
  CHECK(*a.value < *b.value);
  CHECK(a.provenance.as_of == "2020-03-31");
  CHECK(a.provenance.pack == "t");
  CHECK(a.provenance.file == "indicators/a.lua");
  CHECK(a.provenance.line == 1);
  CHECK(a.provenance.definition_hash.size() == 16);
  EvalOptions bad;
  bad.as_of = "31/12/2021";
  CHECK_THAT(f.eval->evaluate("t.assessed", bad).error, Catch::Contains("not a real date written YYYY-MM-DD"));
  bad.as_of = "2023-02-29";  // the right shape, but 2023 is not a leap year
  CHECK_THAT(f.eval->evaluate("t.assessed", bad).error, Catch::Contains("'2023-02-29' is not a real date"));
}

TEST_CASE("period labels", "[engine]") {
  for (const char* ok : {"2021", "2021-Q1", "2021-03", "2021-03-31", "2021/22", "2021/22-Q3"})
    CHECK(is_period_label(ok));
  for (const char* no : {"21", "2021-Q5", "Q1", "Black", "2021-3", "2021/2"}) CHECK_FALSE(is_period_label(no));
}

TEST_CASE("a scoring rule as data and as code scores the register", "[engine][scoring]") {
  Fixture f(std::vector<std::pair<std::string, std::string>>{{"rules/r.lua", R"(
local LEVEL = { VL = 1, L = 1, M = 2, H = 3, VH = 4 }
gov.rule { id = 't.code', title = 'code',
  score = function(r) return LEVEL[r.likelihood] * LEVEL[r.impact] end,
  band = function(s) return s >= 12 and 'red' or s >= 6 and 'amber' or 'green' end }
gov.rule { id = 't.grid', title = 'grid', likelihood = { 'L', 'M', 'H', 'VH' }, impact = { 'L', 'M', 'H', 'VH' },
  grid = { { 'green', 'green', 'green', 'amber' }, { 'green', 'green', 'amber', 'amber' },
           { 'green', 'amber', 'amber', 'red' }, { 'amber', 'amber', 'red', 'red' } } }
gov.rule { id = 't.bad_band', title = 'bad', score = function(r) return 1 end, band = function(s) return 'mauve' end }
)"}});
  auto reg = score_register(f.packs, *f.db, "t.code", "2021-12-31");
  REQUIRE(reg.risks.size() == 11);
  CHECK(reg.risks[9].name == "LEGITIMACY");
  CHECK(*reg.risks[9].current.score == 16);
  CHECK(reg.risks[9].current.band == Rag::Red);
  CHECK(*reg.risks[9].target.score == 4);
  CHECK(reg.errors.empty());
  auto grid = score_register(f.packs, *f.db, "t.grid", "2021-12-31");
  CHECK(*grid.risks[9].current.score == 16);  // 4 x 4
  CHECK(grid.risks[9].current.band == Rag::Red);
  CHECK(grid.red + grid.amber + grid.green == 11);
  auto bad = score_register(f.packs, *f.db, "t.bad_band", "2021-12-31");
  REQUIRE_FALSE(bad.errors.empty());
  CHECK_THAT(bad.errors[0], Catch::Contains("band returned 'mauve'"));
  CHECK(bad.risks[0].current.band == Rag::None);
  CHECK_THROWS_WITH(score_register(f.packs, *f.db, "t.nope", ""), Catch::Contains("no scoring rule 't.nope'"));
  // The register as it stood earlier: fewer assessments, different positions.
  auto early = score_register(f.packs, *f.db, "t.code", "2020-03-31");
  CHECK(early.risks[9].as_of <= "2020-03-31");
}

TEST_CASE("a pack call's time budget does not outlive the call: later host queries run to the end",
          "[engine][limits]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  gbtest::write_pack(dir.path(), "t",
                     {{"indicators/a.lua", ind("t.count", "", "return ctx.value('SELECT count(*) FROM risks')")}});
  Limits limits;
  limits.time_budget = std::chrono::milliseconds(50);
  PackSet packs(limits);
  packs.add_source(dir / "t", "--packs");
  packs.load();
  REQUIRE(packs.problems().empty());
  ScriptDb db(db_path);
  IndicatorEvaluator eval(packs, db);
  CHECK(*eval.evaluate("t.count").value == 11);
  std::this_thread::sleep_for(std::chrono::milliseconds(120));  // the call's 50 ms budget has long passed
  // A host query on the same connection (as scoring or the scenario overlay
  // make) that takes a while must not be interrupted by the old deadline.
  data::Statement q = db.db().prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) "
      "SELECT count(*) FROM n");
  REQUIRE(q.step());
  CHECK(q.column_int(0) == 300000);
}

TEST_CASE("a compute that returns nothing is flagged as a likely missing return, with its line", "[engine][errors]") {
  // ind() puts `compute = function(ctx)` on the definition's first line and
  // the body from the next.
  Fixture f({{"indicators/a.lua", ind("t.no_return", "", "local v = ctx.value('SELECT count(*) FROM risks')")},
             {"indicators/b.lua", ind("t.only_bare", "", "if ctx.as_of then return end")},
             {"indicators/c.lua", ind("t.off_the_end", "", "if ctx.as_of < '1900' then\n  return 5\nend")},
             {"indicators/d.lua", ind("t.bare_on_purpose", "", "if ctx.as_of > '1900' then return end\nreturn 5")},
             {"indicators/e.lua", ind("t.nil", "", "return nil")},
             {"indicators/f.lua", ind("t.nested", "", "local f = function() return 1 end\nlocal x = f()")}});
  auto r = f.eval->evaluate("t.no_return");
  CHECK(r.status == IndicatorResult::Status::NoData);
  CHECK(r.warning ==
        "pack t: indicators/a.lua:1: t.no_return: compute returned nothing — is a `return` missing? It "
        "has no `return` that gives a value, so it returns nothing on every path");
  CHECK_THAT(r.explanation,
             Catch::StartsWith("no data (pack t: indicators/a.lua:1: t.no_return: compute returned nothing"));
  r = f.eval->evaluate("t.only_bare");
  CHECK_THAT(r.warning, Catch::StartsWith("pack t: indicators/b.lua:1: t.only_bare: compute returned nothing") &&
                            Catch::EndsWith("returns nothing on every path"));
  r = f.eval->evaluate("t.off_the_end");
  CHECK(r.warning ==
        "pack t: indicators/c.lua:1: t.off_the_end: compute returned nothing — is a `return` missing? It "
        "ran off its end (line 5) without returning");
  // A bare `return` where the code means "no data", and nil: no warning.
  r = f.eval->evaluate("t.bare_on_purpose");
  CHECK(r.status == IndicatorResult::Status::NoData);
  CHECK(r.warning.empty());
  CHECK(r.explanation == "no data");
  CHECK(f.eval->evaluate("t.nil").warning.empty());
  // A `return` in a nested function is that function's, not compute's.
  CHECK_THAT(f.eval->evaluate("t.nested").warning, Catch::Contains("returns nothing on every path"));
}

TEST_CASE("a bad value returned names the `return` that gave it", "[engine][errors]") {
  Fixture f({{"indicators/a.lua", ind("t.string", "",
                                      "if ctx.as_of < '1900' then\n"
                                      "  return 1\n"
                                      "end\n"
                                      "local label = 'n/a'\n"
                                      "return label")}});
  const auto r = f.eval->evaluate("t.string");
  REQUIRE(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::StartsWith("pack t: indicators/a.lua:6: t.string: compute returned a string") &&
                          Catch::EndsWith("(the `return` on line 6)"));
}

TEST_CASE("the time budget message names the setting", "[engine][errors]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  gbtest::write_pack(dir.path(), "t",
                     {{"indicators/a.lua", ind("t.loop", "", "local n = 0\nwhile true do n = n + 1 end")}});
  Limits limits;
  limits.time_budget = std::chrono::milliseconds(200);
  PackSet packs(limits);
  packs.add_source(dir / "t", "--packs");
  packs.load();
  REQUIRE(packs.problems().empty());
  ScriptDb db(db_path);
  IndicatorEvaluator eval(packs, db);
  const auto r = eval.evaluate("t.loop");
  REQUIRE(r.status == IndicatorResult::Status::Error);
  CHECK(r.error == "pack t: indicators/a.lua:3: exceeded the 0.2 s time budget (setting script.time_budget_ms)");
}
