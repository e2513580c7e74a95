// ctx.shared (script/shared_values.hpp): a value built once per state of
// the database, its reads given to every indicator that uses it, brought up
// to date from the audit log, and never served after the data changed, to
// another pack, on another database or at another date.
#include "script/shared_values.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "data/migrations.hpp"
#include "data/synthetic.hpp"
#include "engine/edit_path.hpp"
#include "engine/evaluator.hpp"
#include "script/lua_state.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;
using namespace gb::engine;

namespace {

constexpr auto* ind = &gbtest::indicator_source;
const char* const kAsOf = "2022-12-31";

script::SharedValues::Counts& counts(const script::PackSet& packs, const std::string& pack) {
  return packs.entry(pack)->active->state().shared_values().counts();
}

// A shared count of the assessments; its update counts the changes it was
// given (and checks them against the database).
const char* const kAssessed = R"(
local function assessed(ctx)
  return ctx.shared('assessed', function()
    return { n = ctx.value('SELECT count(*) FROM risk_assessments'), updates = 0 }
  end, function(v, changes)
    for _, c in ipairs(changes) do
      assert(c.table == 'risk_assessments', c.table)
      if c.action == 'insert' then v.n = v.n + 1 end
      if c.action == 'delete' then v.n = v.n - 1 end
      v.last = c
    end
    v.updates = v.updates + 1
    return v
  end)
end
)";

}  // namespace

TEST_CASE("a shared value is built once and its reads go to every indicator that uses it", "[engine][shared]") {
  gbtest::PacksOnDemo f({{"indicators/a.lua",
                          std::string(kAssessed) + ind("t.one", "", "return assessed(ctx).n") +
                              ind("t.two", "", "return assessed(ctx).n + ctx.value('SELECT count(*) FROM controls')") +
                              ind("t.other", "", "return ctx.value('SELECT count(*) FROM risks')")}});
  const auto all = f.eval->evaluate_all({kAsOf, {}});
  REQUIRE(all[0].error.empty());
  CHECK(counts(f.packs, "t").built == 1);
  CHECK(counts(f.packs, "t").served == 1);
  // t.two got the value from the first build, yet it read what the build read.
  const auto* two = f.eval->reads_of("t.two", kAsOf);
  REQUIRE(two);
  CHECK(two->tables == std::set<std::string>{"controls", "risk_assessments"});
  CHECK_FALSE(two->unknown);
  CHECK(f.eval->reads_of("t.other", kAsOf)->tables == std::set<std::string>{"risks"});

  // An edit of what it read: updated with the row written, and both
  // indicators computed again; never served as it was.
  data::Db rw = data::open_governance_db(f.db_path, data::OpenMode::ReadWrite);
  EditPath edits(rw);
  edits.assess({.risk_id = 10, .as_of = "2022-06-30", .likelihood = "L", .impact = "L"});
  const auto after = f.eval->evaluate_all({kAsOf, {}});
  CHECK(*after[0].value == *all[0].value + 1);
  CHECK(*after[1].value == *all[1].value + 1);
  CHECK(*after[2].value == *all[2].value);
  CHECK(counts(f.packs, "t").updated == 1);
  CHECK(counts(f.packs, "t").built == 1);

  // A write with no audit rows (another program): built again.
  rw.exec("UPDATE risk_assessments SET trend = 'stable' WHERE id = (SELECT min(id) FROM risk_assessments)");
  const auto again = f.eval->evaluate_all({kAsOf, {}});
  CHECK(*again[0].value == *after[0].value);
  CHECK(counts(f.packs, "t").built == 2);
}

TEST_CASE("update is given the rows written: table and action and row and before and after", "[engine][shared]") {
  gbtest::PacksOnDemo f({{"indicators/a.lua", std::string(kAssessed) + ind("t.last", "", R"(
      local v = assessed(ctx)
      if not v.last then return 0 end
      assert(v.last.after.risk_id == 10 and v.last.after.likelihood == 'VH', 'after')
      assert(v.last.before == nil and math.type(v.last.row_id) == 'integer', 'row')
      return v.updates)")}});
  CHECK(*f.eval->evaluate("t.last", {kAsOf, {}}).value == 0);
  data::Db rw = data::open_governance_db(f.db_path, data::OpenMode::ReadWrite);
  EditPath edits(rw);
  edits.assess({.risk_id = 10, .as_of = "2022-05-31", .likelihood = "VH", .impact = "L"});
  const IndicatorResult r = f.eval->evaluate("t.last", {kAsOf, {}});
  INFO(r.error);
  REQUIRE(r.value);
  CHECK(*r.value == 1);
}

TEST_CASE("an edit of a table a shared value did not read leaves it as it is", "[engine][shared]") {
  gbtest::PacksOnDemo f(
      {{"indicators/a.lua",
        std::string(kAssessed) +
            ind("t.both", "", "return assessed(ctx).n + ctx.value('SELECT count(*) FROM control_progress')")}});
  const double before = *f.eval->evaluate("t.both", {kAsOf, {}}).value;
  data::Db rw = data::open_governance_db(f.db_path, data::OpenMode::ReadWrite);
  EditPath edits(rw);
  std::int64_t control = 0;
  {
    data::Statement st = rw.prepare("SELECT min(id) FROM controls");
    REQUIRE(st.step());
    control = st.column_int(0);
  }
  edits.control_progress({.control_id = control, .period = "2022-Q4", .progress = "slipped"});
  const double after = *f.eval->evaluate("t.both", {kAsOf, {}}).value;
  CHECK(after >= before);
  CHECK(counts(f.packs, "t").built == 1);
  CHECK(counts(f.packs, "t").updated == 0);
  CHECK(counts(f.packs, "t").served == 1);
}

TEST_CASE("shared values are never served to another pack or database or date", "[engine][shared]") {
  const gbtest::TempDir dir;
  const auto packs_dir = dir / "packs";
  const auto value = [](const char* what) {
    return std::string("return ctx.shared('x', function() return { v = ") + what + " } end).v";
  };
  gbtest::write_pack(
      packs_dir, "a",
      {{"indicators/a.lua", ind("a.x", "", value("1 + ctx.value('SELECT count(*) FROM risk_assessments')"))}});
  gbtest::write_pack(packs_dir, "b", {{"indicators/b.lua", ind("b.x", "", value("2"))}});
  gbtest::write_pack(
      packs_dir, "c",
      {{"indicators/c.lua",
        ind("c.date", "", "return ctx.shared('x', function() return { v = tonumber(ctx.as_of:sub(1, 4)) } end).v")}});
  script::PackSet packs;
  packs.add_source(packs_dir, "--packs");
  packs.load();
  REQUIRE(packs.problems().empty());
  const auto one = gbtest::demo_copy(dir, "one.db");
  const auto two = gbtest::demo_copy(dir, "two.db");
  {
    data::Db rw = data::open_governance_db(two, data::OpenMode::ReadWrite);
    EditPath edits(rw);
    edits.assess({.risk_id = 10, .as_of = "2022-06-30", .likelihood = "L", .impact = "L"});
  }
  script::ScriptDb db_one(one), db_two(two);
  IndicatorEvaluator on_one(packs, db_one), on_two(packs, db_two);
  const double a1 = *on_one.evaluate("a.x", {kAsOf, {}}).value;
  CHECK(*on_one.evaluate("b.x", {kAsOf, {}}).value == 2);
  CHECK(*on_two.evaluate("a.x", {kAsOf, {}}).value == a1 + 1);
  CHECK(*on_one.evaluate("c.date", {kAsOf, {}}).value == 2022);
  CHECK(*on_one.evaluate("c.date", {"2021-12-31", {}}).value == 2021);
}

TEST_CASE("a failed build leaves the reads with the caller and a build may not use itself", "[engine][shared]") {
  gbtest::PacksOnDemo f({{"indicators/a.lua", ind("t.failed", "", R"(
      local ok, err = pcall(ctx.shared, 'bad', function()
        ctx.value('SELECT count(*) FROM controls')
        error('boom')
      end)
      assert(not ok and tostring(err):find('boom'), tostring(err))
      return ctx.value('SELECT count(*) FROM risks'))") +
                                                  ind("t.self", "", R"(
      local function v() return ctx.shared('self', function() return v() end) end
      return v())")}});
  const IndicatorResult failed = f.eval->evaluate("t.failed", {kAsOf, {}});
  INFO(failed.error);
  REQUIRE(failed.value);
  const auto* reads = f.eval->reads_of("t.failed", kAsOf);
  REQUIRE(reads);
  CHECK(reads->tables == std::set<std::string>{"controls", "risks"});
  const IndicatorResult self = f.eval->evaluate("t.self", {kAsOf, {}});
  CHECK(self.error.find("a value cannot be built from itself") != std::string::npos);
}

TEST_CASE("random assessment edits on a larger register: the shared register equals a full evaluation",
          "[engine][shared][incremental]") {
  const gbtest::TempDir dir;
  const auto path = dir / "synthetic.db";
  data::SyntheticOptions o;
  o.observations = 2000;
  o.risks = 300;
  o.actions = 20;
  o.seed = 5;
  data::generate_synthetic(path, o);
  const auto bundled = std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts";
  script::PackSet kept_packs, cold_packs;
  for (auto* p : {&kept_packs, &cold_packs}) {
    p->add_source(bundled, "bundled");
    p->load();
    REQUIRE(p->problems().empty());
  }
  script::ScriptDb db(path);
  IndicatorEvaluator kept(kept_packs, db);
  kept.evaluate_all({kAsOf, {}});
  data::Db rw = data::open_governance_db(path, data::OpenMode::ReadWrite);
  EditPath edits(rw);
  std::vector<std::int64_t> risks;
  {
    data::Statement st = rw.prepare("SELECT id FROM risks");
    while (st.step()) risks.push_back(st.column_int(0));
  }
  std::mt19937 rng(11);
  const char* levels[] = {"VL", "L", "M", "H", "VH"};
  const char* dates[] = {"2020-03-31", "2022-06-30", "2022-12-31", "2023-03-31"};
  const char* trends[] = {"improving", "stable", "worsening"};
  auto one_of = [&](const auto& list) {
    return std::string(list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)]);
  };
  for (int step = 0; step < 12; ++step) {
    INFO("step " << step);
    edits.assess({.risk_id = risks[std::uniform_int_distribution<std::size_t>(0, risks.size() - 1)(rng)],
                  .as_of = one_of(dates),
                  .likelihood = one_of(levels),
                  .impact = one_of(levels),
                  .trend = one_of(trends)});
    if (step % 4 == 3) edits.undo();
    const auto incremental = kept.evaluate_all({kAsOf, {}});
    cold_packs.forget_shared_values();
    IndicatorEvaluator fresh(cold_packs, db);
    const auto full = fresh.evaluate_all({kAsOf, {}});
    REQUIRE(incremental.size() == full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      INFO(full[i].id);
      IndicatorResult a = incremental[i], b = full[i];
      a.provenance.evaluated_at.clear();
      b.provenance.evaluated_at.clear();
      a.provenance.data_version = b.provenance.data_version = 0;
      REQUIRE(a.to_tree().to_json() == b.to_tree().to_json());
    }
  }
  // The register was brought up to date, not read again, after most edits.
  CHECK(counts(kept_packs, "met-risk").updated > 0);
}
