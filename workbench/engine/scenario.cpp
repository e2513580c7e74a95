#include "engine/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "core/error.hpp"
#include "data/db.hpp"

namespace gb::engine {

namespace {

// Marks an installed overlay (one per connection at a time).
constexpr const char* kMarker = "gb_scenario_overlay";

std::string quarter_of(const std::string& date) {
  const int m = (date[5] - '0') * 10 + (date[6] - '0');
  return date.substr(0, 4) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

std::string quarter_end(const std::string& period) {
  static constexpr const char* kEnds[] = {"-03-31", "-06-30", "-09-30", "-12-31"};
  return period.substr(0, 4) + kEnds[period[6] - '1'];
}

std::int64_t changes(data::Db& db) {
  data::Statement st = db.prepare("SELECT changes()");
  st.step();
  return st.column_int(0);
}

void bind_opt(data::Statement& st, int i, const std::optional<std::string>& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind(i, nullptr);
}

// A row of the scenario for a dated table (risk_assessments by as_of,
// control_progress by quarter), as the edit API would write it on apply:
// the row of that date changed in place (same id), else a copy of the
// latest row before it, re-dated, with a fresh negative id, else a new row.
struct DatedRow {
  const char* table;
  const char* owner_column;  // risk_id, control_id
  const char* date_column;   // as_of, period
};

void overlay_dated_row(data::Db& db, const DatedRow& t, std::int64_t owner, const std::string& date,
                       std::int64_t new_id, const std::string& set_clause,
                       const std::vector<std::optional<std::string>>& values, const std::string& new_row_reset,
                       const std::string& insert_new) {
  const std::string temp = std::string("temp.gb_scenario_") + t.table;
  auto run_set = [&](const std::string& where, std::int64_t key) {
    data::Statement up = db.prepare("UPDATE " + temp + " SET " + set_clause + " WHERE " + where);
    int i = 1;
    for (const auto& v : values) bind_opt(up, i++, v);
    up.bind(i, key);
    up.run();
  };
  data::Statement same = db.prepare("INSERT INTO " + temp + " SELECT * FROM main." + t.table + " WHERE " +
                                    t.owner_column + " = ? AND " + t.date_column + " = ?");
  same.bind(1, owner).bind(2, date);
  same.run();
  if (changes(db) == 1) {
    data::Statement id =
        db.prepare("SELECT id FROM " + temp + " WHERE " + t.owner_column + " = ? AND " + t.date_column + " = ?");
    id.bind(1, owner).bind(2, date);
    id.step();
    run_set("id = ?", id.column_int(0));
    return;
  }
  data::Statement before = db.prepare("SELECT id FROM main." + std::string(t.table) + " WHERE " + t.owner_column +
                                      " = ? AND " + t.date_column + " < ? ORDER BY " + t.date_column + " DESC LIMIT 1");
  before.bind(1, owner).bind(2, date);
  if (before.step()) {
    const std::int64_t old_id = before.column_int(0);
    data::Statement copy = db.prepare("INSERT INTO " + temp + " SELECT * FROM main." + t.table + " WHERE id = ?");
    copy.bind(1, old_id);
    copy.run();
    data::Statement redate =
        db.prepare("UPDATE " + temp + " SET id = ?, " + t.date_column + " = ?, " + new_row_reset + " WHERE id = ?");
    redate.bind(1, new_id).bind(2, date).bind(3, old_id);
    redate.run();
    run_set("id = ?", new_id);
    return;
  }
  data::Statement ins = db.prepare(insert_new);
  ins.bind(1, new_id).bind(2, owner).bind(3, date);
  int i = 4;
  for (const auto& v : values) bind_opt(ins, i++, v);
  ins.run();
}

// Recreates a main view's CREATE VIEW text as a TEMP view, or "" when the
// text is not a plain CREATE VIEW (the file is not ours to trust).
std::string as_temp_view(const std::string& sql) {
  std::size_t i = 0;
  while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\n' || sql[i] == '\t' || sql[i] == '\r')) ++i;
  static const std::string kHead = "CREATE VIEW ";
  if (sql.size() - i < kHead.size()) return "";
  for (std::size_t k = 0; k < kHead.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(sql[i + k])) != kHead[k]) return "";
  return "CREATE TEMP VIEW " + sql.substr(i + kHead.size());
}

std::vector<double> numbers(const IndicatorResult& r) {
  std::vector<double> out;
  for (const auto& p : r.series) out.push_back(p.value);
  for (const auto& b : r.breakdown) {
    out.push_back(b.value.value_or(-1e300));
    out.push_back(static_cast<double>(b.rag));
    for (const auto& p : b.series) out.push_back(p.value);
  }
  return out;
}

bool same_result(const IndicatorResult& a, const IndicatorResult& b) {
  return a.status == b.status && a.value == b.value && a.rag == b.rag && a.error == b.error && numbers(a) == numbers(b);
}

}  // namespace

bool overlay_installed(script::ScriptDb& db) {
  data::Statement st = db.db().prepare("SELECT 1 FROM temp.sqlite_master WHERE name = ?");
  st.bind(1, kMarker);
  return st.step();
}

ScenarioOverlay::ScenarioOverlay(script::ScriptDb& db, const data::Scenario& s) : db_(db), name_(s.name) {
  if (overlay_installed(db_)) throw Error("a scenario is already being evaluated on this connection");
  data::Db& d = db_.db();
  script::ScriptDb::TempWrites writes(db_);
  try {
    d.exec(std::string("CREATE TEMP TABLE ") + kMarker + " (scenario TEXT)");
    drops_.push_back(std::string("DROP TABLE temp.") + kMarker);
    std::map<std::string, std::vector<const data::ScenarioChange*>> by_table;
    for (const auto& c : s.changes) {
      const char* table = c.kind == "risk"      ? "risk_assessments"
                          : c.kind == "control" ? "control_progress"
                                                : "action_items";
      by_table[table].push_back(&c);
    }
    std::int64_t next_id = -1;
    for (const auto& [table, list] : by_table) {
      const std::string temp = "gb_scenario_" + table;
      d.exec("CREATE TEMP TABLE " + temp + " AS SELECT * FROM main." + table + " WHERE 0");
      drops_.insert(drops_.begin(), "DROP TABLE temp." + temp);
      for (const auto* c : list) {
        if (c->kind == "risk") {
          overlay_dated_row(d, {"risk_assessments", "risk_id", "as_of"}, c->target_id, s.as_of, next_id--,
                            "likelihood = COALESCE(?, likelihood), impact = COALESCE(?, impact)",
                            {c->likelihood, c->impact}, "period = '" + quarter_of(s.as_of) + "', commentary = NULL",
                            "INSERT INTO temp." + temp +
                                " (id, risk_id, as_of, likelihood, impact, period) VALUES (?, ?, ?, ?, ?, '" +
                                quarter_of(s.as_of) + "')");
        } else if (c->kind == "control") {
          const std::string q = quarter_of(s.as_of);
          overlay_dated_row(
              d, {"control_progress", "control_id", "period"}, c->target_id, q, next_id--,
              "progress = COALESCE(?, progress)", {c->progress}, "period_end = '" + quarter_end(q) + "', note = NULL",
              "INSERT INTO temp." + temp + " (id, control_id, period, progress, period_end) VALUES (?, ?, ?, ?, '" +
                  quarter_end(q) + "')");
        } else {
          data::Statement copy =
              d.prepare("INSERT INTO temp." + temp + " SELECT * FROM main.action_items WHERE id = ?");
          copy.bind(1, c->target_id);
          copy.run();
          data::Statement up = d.prepare("UPDATE temp." + temp +
                                         " SET status = COALESCE(?, status), rag = COALESCE(?, rag) WHERE id = ?");
          bind_opt(up, 1, c->status);
          bind_opt(up, 2, c->rag);
          up.bind(3, c->target_id);
          up.run();
        }
      }
      d.exec("CREATE TEMP VIEW " + table + " AS SELECT * FROM main." + table +
             " WHERE id NOT IN (SELECT id FROM temp." + temp + ") UNION ALL SELECT * FROM temp." + temp);
      drops_.insert(drops_.begin(), "DROP VIEW temp." + table);
    }
    // Main views, recreated in temp so that they read through the overlay.
    std::vector<std::pair<std::string, std::string>> views;
    {
      data::Statement st = d.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'view' ORDER BY rowid");
      while (st.step()) views.emplace_back(st.column_text(0), st.column_text(1));
    }
    for (const auto& [name, sql] : views) {
      const std::string temp_sql = as_temp_view(sql);
      if (temp_sql.empty()) continue;
      d.prepare(temp_sql).run();
      drops_.insert(drops_.begin(), "DROP VIEW temp." + data::quote_identifier(name));
    }
  } catch (const Error& e) {
    remove();
    throw Error("cannot evaluate scenario '" + s.name + "': " + e.message());
  }
  db_.overlay_changed();
}

ScenarioOverlay::~ScenarioOverlay() {
  remove();
}

void ScenarioOverlay::remove() noexcept {
  if (drops_.empty()) return;
  try {
    script::ScriptDb::TempWrites writes(db_);
    for (const auto& sql : drops_) db_.db().exec(sql);
  } catch (...) {
    // The connection is left with the objects; overlay_installed() says so.
  }
  drops_.clear();
  db_.overlay_changed();
}

Outcome compute_outcome(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                        const std::string& rule_id, const std::string& as_of, bool indicators) {
  Outcome o;
  // Host SQL: not under the budget the last pack call left on the connection.
  db.set_deadline(std::chrono::steady_clock::time_point::max());
  o.reg = score_register(packs, db, rule_id, as_of);
  if (indicators) o.indicators = evaluator.evaluate_all({.as_of = o.reg.as_of, .params = {}});
  return o;
}

bool RiskMove::moved() const {
  return from.likelihood != to.likelihood || from.impact != to.impact || from.score != to.score || from.band != to.band;
}

std::size_t OutcomeDiff::moved_count() const {
  return static_cast<std::size_t>(
      std::count_if(risks.begin(), risks.end(), [](const RiskMove& m) { return m.moved(); }));
}

std::size_t OutcomeDiff::changed_indicator_count() const {
  return static_cast<std::size_t>(
      std::count_if(indicators.begin(), indicators.end(), [](const IndicatorChange& c) { return c.changed; }));
}

OutcomeDiff diff_outcomes(const Outcome& from, const Outcome& to) {
  OutcomeDiff d;
  d.rule_id = to.reg.rule_id;
  d.from_red = from.reg.red, d.from_amber = from.reg.amber, d.from_green = from.reg.green;
  d.to_red = to.reg.red, d.to_amber = to.reg.amber, d.to_green = to.reg.green;
  std::map<std::int64_t, RiskMove> risks;
  for (const auto& r : from.reg.risks) {
    auto& m = risks[r.ref];
    m.risk_id = r.risk_id, m.ref = r.ref, m.name = r.name, m.from = r.current;
  }
  for (const auto& r : to.reg.risks) {
    auto& m = risks[r.ref];
    m.risk_id = r.risk_id, m.ref = r.ref, m.name = r.name, m.to = r.current;
  }
  for (auto& [ref, m] : risks) d.risks.push_back(std::move(m));
  std::map<std::string, const IndicatorResult*> before;
  for (const auto& r : from.indicators) before[r.id] = &r;
  for (const auto& r : to.indicators) {
    IndicatorChange c;
    c.id = r.id, c.title = r.title, c.unit = r.unit, c.to = r;
    if (auto it = before.find(r.id); it != before.end()) c.from = *it->second;
    if (c.from.value && c.to.value) c.delta = *c.to.value - *c.from.value;
    c.changed = !same_result(c.from, c.to);
    std::map<std::string, IndicatorChange::Group> groups;
    for (const auto& b : c.from.breakdown) groups[b.group].from = b.value;
    for (const auto& b : c.to.breakdown) groups[b.group].to = b.value;
    for (auto& [name, g] : groups)
      if (g.from != g.to) {
        g.group = name;
        c.groups.push_back(g);
      }
    d.indicators.push_back(std::move(c));
  }
  return d;
}

namespace {

std::vector<std::int64_t> changed_risks(const data::Scenario& s) {
  std::vector<std::int64_t> ids;
  for (const auto& c : s.changes)
    if (c.kind == "risk") ids.push_back(c.target_id);
  return ids;
}

}  // namespace

ScoredRegister score_under_scenario(const script::PackSet& packs, script::ScriptDb& db, const ScoredRegister& baseline,
                                    const data::Scenario& scenario) {
  ScenarioOverlay overlay(db, scenario);
  return rescore_risks(packs, db, baseline, changed_risks(scenario));
}

OutcomeDiff compare_scenarios(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                              const data::Scenario* a, const data::Scenario* b, const std::string& rule_id,
                              const std::string& as_of, bool indicators) {
  db.set_deadline(std::chrono::steady_clock::time_point::max());
  const ScoredRegister base = score_register(packs, db, rule_id, as_of);
  auto under = [&](const data::Scenario* s) {
    Outcome o;
    if (!s) {
      o.reg = base;
      if (indicators) o.indicators = evaluator.evaluate_all({.as_of = base.as_of, .params = {}});
      return o;
    }
    ScenarioOverlay overlay(db, *s);
    o.reg = rescore_risks(packs, db, base, changed_risks(*s));
    if (indicators) o.indicators = evaluator.evaluate_all({.as_of = base.as_of, .params = {}});
    return o;
  };
  const Outcome from = under(a);
  const Outcome to = under(b);
  return diff_outcomes(from, to);
}

std::string scored_position_text(const ScoredPosition& p) {
  if (p.likelihood.empty()) return "-";
  std::string s = p.likelihood + " v " + p.impact;
  if (p.score) s += " = " + format_number(*p.score);
  if (p.band != Rag::None) s += std::string(" ") + rag_name(p.band);
  if (!p.error.empty()) s += " (error)";
  return s;
}

}  // namespace gb::engine
