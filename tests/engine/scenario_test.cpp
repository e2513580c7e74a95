// What-if scenarios: stored apart from the register, evaluated through an
// overlay on the script connection, compared, applied through the edit API.
#include "engine/scenario.hpp"

#include <catch2/catch.hpp>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/scenarios.hpp"
#include "data/settings.hpp"
#include "engine/register_model.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::engine;

namespace {

// Every row of the tables a scenario may change, and the edit record, as text.
// The register's tables and its edits and audit rows. A scenario's own
// writes (creating it, its changes) are edits in the history too, kinds
// 'scenario' and 'scenario_change' on the scenario tables: left out here,
// since what must not change before apply is the register.
std::string register_dump(const std::filesystem::path& path) {
  data::Db db = data::Db::open(path, data::OpenMode::ReadOnly);
  std::string out;
  for (const char* table : {"risks", "risk_assessments", "risk_targets", "controls", "control_progress", "action_items",
                            "action_updates", "edits", "audit_log"}) {
    const auto cols = db.column_names(table);
    std::string expr;
    for (const auto& c : cols)
      expr += (expr.empty() ? "" : " || '|' || ") + std::string("quote(") + data::quote_identifier(c) + ")";
    const std::string where = std::string(table) == "edits" ? " WHERE kind NOT IN ('scenario', 'scenario_change')"
                              : std::string(table) == "audit_log"
                                  ? " WHERE tbl IS NULL OR tbl NOT IN ('scenarios', 'scenario_changes')"
                                  : "";
    data::Statement st = db.prepare("SELECT " + expr + " FROM " + table + where + " ORDER BY rowid");
    out += std::string("== ") + table + "\n";
    while (st.step()) out += st.column_text(0) + "\n";
  }
  return out;
}

const ScoredRisk& risk_ref(const ScoredRegister& reg, std::int64_t ref) {
  for (const auto& r : reg.risks)
    if (r.ref == ref) return r;
  FAIL("no risk " << ref);
  return reg.risks.front();
}

const IndicatorResult* indicator(const std::vector<IndicatorResult>& all, const std::string& id) {
  for (const auto& r : all)
    if (r.id == id) return &r;
  return nullptr;
}

struct Demo {
  gbtest::TempDir dir;
  std::filesystem::path path;
  script::PackSet packs;
  std::unique_ptr<script::ScriptDb> sdb;
  std::unique_ptr<IndicatorEvaluator> ev;
  explicit Demo(const std::vector<std::pair<std::string, std::string>>& extra_pack = {}) {
    path = gbtest::demo_copy(dir);
    packs.add_source(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts", "bundled");
    if (!extra_pack.empty()) {
      gbtest::write_pack(dir.path(), "probe", extra_pack);
      packs.add_source(dir / "probe", "--packs");
    }
    packs.load();
    INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
    REQUIRE(packs.problems().empty());
    sdb = std::make_unique<script::ScriptDb>(path);
    ev = std::make_unique<IndicatorEvaluator>(packs, *sdb);
  }
};

const char* kAsOf = "2021-12-31";  // the demo register's latest assessment date

}  // namespace

TEST_CASE("schema 5 holds scenarios apart from the register", "[scenario][migrations]") {
  CHECK(data::latest_schema_version() >= 5);
  gbtest::TempDir dir;
  data::Db db = data::open_governance_db(gbtest::demo_copy(dir), data::OpenMode::ReadWrite);
  CHECK(db.user_version() == data::latest_schema_version());
  CHECK(db.table_exists("scenarios"));
  CHECK(db.table_exists("scenario_changes"));
  const std::string before = data::content_fingerprint(db);
  const auto id = data::create_scenario(db, {.name = "x", .as_of = kAsOf});
  data::set_risk_change(db, id, {.risk_id = 9, .likelihood = "VH"});
  CHECK(data::content_fingerprint(db) == before);  // proposals are not governance data
}

TEST_CASE("scenario changes are validated and name what is wrong", "[scenario]") {
  gbtest::TempDir dir;
  data::Db db = data::open_governance_db(gbtest::demo_copy(dir), data::OpenMode::ReadWrite);
  const auto id = data::create_scenario(db, {.name = "Risk 9 up", .as_of = kAsOf});
  CHECK_THROWS_WITH(data::create_scenario(db, {.name = "risk 9 UP", .as_of = kAsOf}),
                    Catch::Contains("already exists"));
  CHECK_THROWS_WITH(data::create_scenario(db, {.name = "  ", .as_of = kAsOf}), Catch::Contains("needs a name"));
  CHECK_THROWS_WITH(data::create_scenario(db, {.name = "a\nb", .as_of = kAsOf}), Catch::Contains("control characters"));
  CHECK_THROWS_WITH(data::create_scenario(db, {.name = "d", .as_of = "2021-02-30"}),
                    Catch::Contains("as_of must be a real date written YYYY-MM-DD (got '2021-02-30')"));
  CHECK_THROWS_WITH(data::set_risk_change(db, id, {.risk_id = 9, .likelihood = "X"}),
                    Catch::Contains("likelihood must be one of VL, L, M, H, VH (got 'X')"));
  CHECK_THROWS_WITH(data::set_risk_change(db, id, {.risk_id = 999, .likelihood = "H"}),
                    Catch::Contains("risk_id 999 does not exist"));
  CHECK_THROWS_WITH(data::set_risk_change(db, id, {.risk_id = 9}),
                    Catch::Contains("needs a likelihood, an impact or both"));
  CHECK_THROWS_WITH(data::set_control_change(db, id, {.control_id = 1, .progress = "late"}),
                    Catch::Contains("progress must be one of"));
  CHECK_THROWS_WITH(data::set_action_change(db, id, {.item_id = 1, .status = "done"}),
                    Catch::Contains("status must be one of"));
  CHECK_THROWS_WITH(data::risk_id_for_ref(db, "99"), Catch::Contains("no risk with ref 99"));
  CHECK_THROWS_WITH(data::control_id_for(db, "9.99"), Catch::Contains("risk 9 has no key control 99"));
  CHECK_THROWS_WITH(data::require_scenario(db, "nope"),
                    Catch::Contains("no scenario 'nope' (known: Risk 9 up)"));  // nothing refused was created
  CHECK(data::load_scenario(db, id).changes.empty());                           // nothing refused was stored

  data::set_risk_change(db, id, {.risk_id = 9, .likelihood = "H"});
  data::set_risk_change(db, id, {.risk_id = 9, .likelihood = "VH"});  // replaces, not adds
  const auto s = data::require_scenario(db, "risk 9 up");
  REQUIRE(s.changes.size() == 1);
  CHECK(s.changes[0].label == "risk 9 PUBLIC & LOCAL ENGAGEMENT");
  CHECK(s.changes[0].proposed.substr(0, 2) == "VH");
}

TEST_CASE(
    "what-if: risk 9's likelihood up moves it on the heat map and changes dependent indicators in the scenario only, "
    "the register is unchanged until applied, applying writes audit-log rows",
    "[scenario][done-when]") {
  Demo d;
  const auto before_dump = register_dump(d.path);
  const Outcome baseline = compute_outcome(d.packs, *d.sdb, *d.ev, kDefaultRule, kAsOf, true);
  const ScoredRisk& r9 = risk_ref(baseline.reg, 9);
  REQUIRE(r9.current.likelihood != "VH");
  static const std::vector<std::string> kLevels = {"VL", "L", "M", "H", "VH"};
  const auto up = kLevels[static_cast<std::size_t>(std::find(kLevels.begin(), kLevels.end(), r9.current.likelihood) -
                                                   kLevels.begin()) +
                          1];

  std::int64_t scenario_id = 0;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    scenario_id = data::create_scenario(w, {.name = "risk 9 up", .as_of = kAsOf});
    data::set_risk_change(w, scenario_id, {.risk_id = r9.risk_id, .likelihood = up});
  }
  data::Scenario s;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadOnly);
    s = data::load_scenario(w, scenario_id);
  }

  // Under the scenario: risk 9 sits in another heat-map cell; nothing else moves.
  const OutcomeDiff diff = compare_scenarios(d.packs, *d.sdb, *d.ev, nullptr, &s, kDefaultRule, kAsOf, true);
  REQUIRE(diff.moved_count() == 1);
  const RiskMove* move = nullptr;
  for (const auto& m : diff.risks)
    if (m.moved()) move = &m;
  REQUIRE(move);
  CHECK(move->ref == 9);
  CHECK(move->from.likelihood == r9.current.likelihood);
  CHECK(move->to.likelihood == up);
  CHECK(move->to.impact == r9.current.impact);
  const HeatGrid grid = heat_grid(d.packs, baseline.reg);
  CHECK(grid.likelihood_index(move->to.likelihood) == grid.likelihood_index(move->from.likelihood) + 1);
  REQUIRE(move->to.score);
  CHECK(*move->to.score > *move->from.score);

  // Dependent indicators change, with a delta; independent ones do not.
  const IndicatorChange* score = nullptr;
  const IndicatorChange* distance = nullptr;
  for (const auto& c : diff.indicators) {
    if (c.id == "risk.score") score = &c;
    if (c.id == "risk.target_distance") distance = &c;
    if (c.id.rfind("trust.", 0) == 0) CHECK_FALSE(c.changed);  // PAS, misconduct, ...: nothing to do with risk 9
    if (c.id == "risk.count") CHECK_FALSE(c.changed);
  }
  REQUIRE(score);  // a breakdown by risk: only risk 9's group changes
  CHECK(score->changed);
  REQUIRE(score->groups.size() == 1);
  CHECK(score->groups[0].group == "9");
  CHECK(score->groups[0].to > score->groups[0].from);
  REQUIRE(distance);  // a number: the mean distance from target rises
  CHECK(distance->changed);
  REQUIRE(distance->delta);
  CHECK(*distance->delta > 0);
  CHECK(diff.changed_indicator_count() >= 2);

  // ... in the scenario only: the baseline computed again is as before,
  // and the file's register rows are byte-identical.
  const Outcome again = compute_outcome(d.packs, *d.sdb, *d.ev, kDefaultRule, kAsOf, true);
  CHECK(risk_ref(again.reg, 9).current.likelihood == r9.current.likelihood);
  CHECK(indicator(again.indicators, "risk.target_distance")->value ==
        indicator(baseline.indicators, "risk.target_distance")->value);
  CHECK_FALSE(overlay_installed(*d.sdb));
  CHECK(register_dump(d.path) == before_dump);

  // Apply: through the edit API, with audit-log rows; the register now
  // reads as the scenario did.
  std::vector<data::EditResult> edits;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    edits = data::apply_scenario(w, scenario_id);
    REQUIRE(edits.size() == 1);
    REQUIRE(edits[0].changed());
    CHECK(edits[0].description.find("risk 9") != std::string::npos);
    const auto changes = data::edit_changes(w, edits[0].edit_id);
    REQUIRE(!changes.empty());
    CHECK(changes[0].table == "risk_assessments");
    CHECK(changes[0].after->find("\"likelihood\":\"" + up + "\"") != std::string::npos);
    data::Statement audit = w.prepare("SELECT count(*) FROM audit_log WHERE edit_id = ?");
    audit.bind(1, edits[0].edit_id);
    audit.step();
    CHECK(audit.column_int(0) >= 1);
    CHECK(data::load_scenario(w, scenario_id).applied());
    CHECK_THROWS_WITH(data::apply_scenario(w, scenario_id), Catch::Contains("can no longer be changed"));
  }
  CHECK(register_dump(d.path) != before_dump);
  const Outcome applied = compute_outcome(d.packs, *d.sdb, *d.ev, kDefaultRule, kAsOf, true);
  CHECK(risk_ref(applied.reg, 9).current.likelihood == up);
  CHECK(risk_ref(applied.reg, 9).current.score == move->to.score);
  CHECK(indicator(applied.indicators, "risk.target_distance")->value == distance->to.value);
}

TEST_CASE("control and action changes read through the overlay, main.<table> is the register as stored", "[scenario]") {
  Demo d;
  std::int64_t control = 0, item = 0;
  std::string old_status;
  data::Scenario s;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    control = data::control_id_for(w, "9.1");
    data::Statement a = w.prepare(
        "SELECT id, COALESCE(status, '') FROM action_items WHERE status IS NOT 'complete' ORDER BY id LIMIT 1");
    REQUIRE(a.step());
    item = a.column_int(0);
    old_status = a.column_text(1);
    const auto id = data::create_scenario(w, {.name = "slip", .as_of = "2022-02-15"});
    data::set_control_change(w, id, {.control_id = control, .progress = "slipped"});
    data::set_action_change(w, id, {.item_id = item, .status = "complete"});
    s = data::load_scenario(w, id);
  }
  auto text = [&](const std::string& sql, std::int64_t key) {
    data::Statement st = d.sdb->db().prepare(sql);
    st.bind(1, key);
    return st.step() ? (st.column_is_null(0) ? std::string("NULL") : st.column_text(0)) : std::string("none");
  };
  const std::string latest = "SELECT progress FROM control_progress WHERE control_id = ? ORDER BY period DESC LIMIT 1";
  const std::string baseline_progress = text(latest, control);
  {
    ScenarioOverlay overlay(*d.sdb, s);
    CHECK(text(latest, control) == "slipped");
    CHECK(text("SELECT period FROM control_progress WHERE control_id = ? ORDER BY period DESC LIMIT 1", control) ==
          "2022-Q1");
    CHECK(text("SELECT progress FROM control_status WHERE control_id = ?", control) ==
          "slipped");  // a main view, read through
    CHECK(text("SELECT status FROM action_items WHERE id = ?", item) == "complete");
    CHECK(text("SELECT COALESCE(status, '') FROM main.action_items WHERE id = ?", item) == old_status);
    CHECK_THROWS_WITH(ScenarioOverlay(*d.sdb, s), Catch::Contains("already being evaluated"));
  }
  CHECK(text(latest, control) == baseline_progress);
  CHECK(text("SELECT COALESCE(status, '') FROM action_items WHERE id = ?", item) == old_status);
}

TEST_CASE("pack SQL cannot write, drop or replace the overlay", "[scenario][sandbox]") {
  Demo d(std::vector<std::pair<std::string, std::string>>{{"indicators/probe.lua", R"LUA(
gov.indicator { id = "probe.tamper", title = "Tamper attempts refused", unit = "",
  compute = function(ctx)
    local refused, messages = 0, {}
    for _, sql in ipairs {
      "DROP VIEW temp.risk_assessments",
      "DROP TABLE temp.gb_scenario_risk_assessments",
      "DELETE FROM temp.gb_scenario_risk_assessments",
      "INSERT INTO temp.gb_scenario_risk_assessments (id, risk_id, as_of, likelihood, impact) VALUES (-99, 9, '2021-12-31', 'VL', 'VL')",
      "UPDATE temp.gb_scenario_risk_assessments SET likelihood = 'VL'",
      "CREATE TEMP VIEW risk_targets AS SELECT * FROM main.risk_targets WHERE 0",
      "PRAGMA query_only = 0",
    } do
      local ok, err = pcall(ctx.sql, sql)
      if not ok then refused = refused + 1 else messages[#messages + 1] = sql end
    end
    return { value = refused, explain = table.concat(messages, "; ") }
  end }
gov.indicator { id = "probe.r9", title = "Risk 9 likelihood", unit = "",
  compute = function(ctx)
    return { value = #ctx.sql("SELECT 1 FROM risk_register WHERE ref = 9 AND likelihood = 'VH'"),
             explain = ctx.value("SELECT likelihood FROM main.risk_register WHERE ref = 9") }
  end }
)LUA"}});
  data::Scenario s;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    const auto id = data::create_scenario(w, {.name = "vh", .as_of = kAsOf});
    data::set_risk_change(w, id, {.risk_id = 9, .likelihood = "VH"});
    s = data::load_scenario(w, id);
  }
  ScenarioOverlay overlay(*d.sdb, s);
  const IndicatorResult t = d.ev->evaluate("probe.tamper", {.as_of = kAsOf, .params = {}});
  INFO(t.error << t.explanation);
  REQUIRE(t.value);
  CHECK(*t.value == 7);
  const IndicatorResult r = d.ev->evaluate("probe.r9", {.as_of = kAsOf, .params = {}});
  INFO(r.error);
  CHECK(r.value == 1.0);         // the overlay is intact and read through risk_register
  CHECK(r.explanation != "VH");  // main.risk_register: the register as stored
  const ScoredRegister reg = score_register(d.packs, *d.sdb, kDefaultRule, kAsOf);
  CHECK(risk_ref(reg, 9).current.likelihood == "VH");
}

TEST_CASE("the indicator cache is keyed on the overlay", "[scenario]") {
  Demo d;
  data::Scenario s;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    const auto id = data::create_scenario(w, {.name = "vh", .as_of = kAsOf});
    data::set_risk_change(w, id, {.risk_id = 9, .likelihood = "VH", .impact = "VH"});
    s = data::load_scenario(w, id);
  }
  const auto base = d.ev->evaluate("risk.target_distance", {.as_of = kAsOf, .params = {}});
  std::optional<double> under;
  {
    ScenarioOverlay overlay(*d.sdb, s);
    under = d.ev->evaluate("risk.target_distance", {.as_of = kAsOf, .params = {}}).value;
  }
  REQUIRE(base.value);
  CHECK(under != base.value);
  CHECK(d.ev->evaluate("risk.target_distance", {.as_of = kAsOf, .params = {}}).value == base.value);
}

TEST_CASE("apply is all or nothing, and scenarios compare, copy and discard", "[scenario]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  data::Db w = data::open_governance_db(path, data::OpenMode::ReadWrite);
  const auto a = data::create_scenario(w, {.name = "a", .as_of = kAsOf});
  data::set_risk_change(w, a, {.risk_id = 9, .likelihood = "VH"});
  data::set_control_change(
      w, a, {.control_id = data::control_id_for(w, "9.1"), .progress = "on_track"});  // slipped in 2021-Q4
  // A change the edit API refuses at apply time (stored behind the API's back: a risk that does not exist).
  w.exec("INSERT INTO scenario_changes (scenario_id, kind, target_id, likelihood, impact) VALUES (" +
         std::to_string(a) + ", 'risk', 999, 'H', 'H')");
  const auto before = register_dump(path);
  CHECK_THROWS_WITH(data::apply_scenario(w, a), Catch::Contains("nothing was applied"));
  CHECK(register_dump(path) == before);
  CHECK_FALSE(data::load_scenario(w, a).applied());

  const auto b = data::copy_scenario(w, a, "b");
  CHECK(data::load_scenario(w, b).changes.size() == 3);
  CHECK(data::remove_change(w, b, "risk", 999));
  data::discard_scenario(w, a);
  CHECK_FALSE(data::find_scenario(w, "a"));
  CHECK(data::list_scenarios(w).size() == 1);
  const auto edits = data::apply_scenario(w, b);
  CHECK(edits.size() == 2);
  // The mark, two register edits, then the scenarios' own (created, changed, copied, discarded).
  const auto history = data::recent_edits(w, 10);
  REQUIRE(history.size() >= 4);
  CHECK(history[0].description == "scenario 'b' applied (2 changes)");
  CHECK(history[1].kind != "scenario_change");
  CHECK(history[2].kind != "scenario_change");
  CHECK(history[3].description == "scenario 'a' discarded");
  // The mark first (the scenario opens again), then each applied edit, like any other.
  CHECK(data::undo_last_edit(w));
  CHECK_FALSE(data::load_scenario(w, b).applied());
  CHECK(data::undo_last_edit(w));
  CHECK(data::undo_last_edit(w));
}

TEST_CASE("re-scoring only the risks a scenario changes equals a full re-score through the overlay", "[scenario]") {
  Demo d;
  data::Scenario s;
  {
    data::Db w = data::open_governance_db(d.path, data::OpenMode::ReadWrite);
    // Dated after the register's latest assessments: new rows in the overlay.
    const auto id = data::create_scenario(w, {.name = "many", .as_of = "2022-06-30"});
    data::set_risk_change(w, id, {.risk_id = 9, .likelihood = "VH"});
    data::set_risk_change(w, id, {.risk_id = 10, .impact = "L"});
    data::set_risk_change(w, id, {.risk_id = 1, .likelihood = "VL", .impact = "VL"});
    data::set_control_change(w, id, {.control_id = data::control_id_for(w, "9.2"), .progress = "on_track"});
    s = data::load_scenario(w, id);
  }
  for (const char* as_of : {"2022-06-30", "2023-01-01", "2021-12-31"}) {
    INFO(as_of);
    const ScoredRegister base = score_register(d.packs, *d.sdb, kDefaultRule, as_of);
    const ScoredRegister quick = score_under_scenario(d.packs, *d.sdb, base, s);
    ScoredRegister full;
    {
      ScenarioOverlay overlay(*d.sdb, s);
      full = score_register(d.packs, *d.sdb, kDefaultRule, as_of);
    }
    REQUIRE(quick.risks.size() == full.risks.size());
    for (std::size_t i = 0; i < full.risks.size(); ++i) {
      const auto &q = quick.risks[i], &f = full.risks[i];
      INFO("risk " << f.ref);
      CHECK(q.ref == f.ref);
      CHECK(q.as_of == f.as_of);
      CHECK(q.trend == f.trend);
      CHECK(scored_position_text(q.current) == scored_position_text(f.current));
      CHECK(scored_position_text(q.target) == scored_position_text(f.target));
    }
    CHECK(quick.red == full.red);
    CHECK(quick.amber == full.amber);
    CHECK(quick.green == full.green);
    // Before the scenario's date nothing moves; from it, risk 9 is VH.
    const bool after = std::string(as_of) >= "2022-06-30";
    CHECK((risk_ref(quick, 9).current.likelihood == "VH") == after);
  }
}
