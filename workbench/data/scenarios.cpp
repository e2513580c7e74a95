#include "data/scenarios.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/register_levels.hpp"
#include "data/audit_log.hpp"
#include "data/edits_internal.hpp"

namespace gb::data {

namespace {

// The register's vocabulary (core/register_levels.hpp).
constexpr const auto& kLevels = kRiskLevels;
constexpr const auto& kProgress = kControlProgress;
constexpr const auto& kStatus = kActionStatuses;
constexpr const auto& kRag = kRagWords;

template <std::size_t N>
void check_one_of(const char* field, const std::string& v, const std::array<const char*, N>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw Error(std::string(field) + " must be one of " + list + " (got '" + v + "')");
}

// A real calendar date (SQLite's date() lets 2021-02-30 through).
void check_date(const char* field, const std::string& v) {
  if (!is_real_date(v, 1900, 2200))
    throw Error(std::string(field) + " must be a real date written YYYY-MM-DD (got '" + v + "')");
}

void check_schema(Db& db) {
  if (db.read_only()) throw Error("cannot change scenarios in " + db.path().string() + ": it is open read-only");
  if (!db.table_exists("scenarios"))
    throw Error("scenarios need schema version 5 or later (" + db.path().string() + " is at version " +
                std::to_string(db.user_version()) + "; open it read-write with govbench, which upgrades it)");
}

void check_name(const std::string& name) {
  const bool blank = std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || c == '\t'; });
  if (blank) throw Error("a scenario needs a name");
  if (name.size() > 100)
    throw Error("a scenario name is at most 100 characters (got " + std::to_string(name.size()) + ")");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) throw Error("a scenario name may not hold control characters (line breaks, tabs)");
}

std::optional<std::string> opt_text(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return st.column_text(i);
}

void bind_opt(Statement& st, int i, const std::optional<std::string>& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind(i, nullptr);
}

Scenario read_row(const Statement& st) {
  Scenario s;
  s.id = st.column_int(0);
  s.name = st.column_text(1);
  s.description = st.column_text(2);
  s.as_of = st.column_text(3);
  if (!st.column_is_null(4)) s.session_id = st.column_int(4);
  s.created_at = st.column_text(5);
  s.created_by = st.column_text(6);
  s.applied_at = opt_text(st, 7);
  s.applied_by = opt_text(st, 8);
  return s;
}

constexpr const char* kSelect =
    "SELECT id, name, COALESCE(description, ''), as_of, session_id, created_at, COALESCE(created_by, ''), applied_at, "
    "applied_by FROM scenarios";

Scenario open_for_change(Db& db, std::int64_t scenario_id) {
  check_schema(db);
  Scenario s = load_scenario(db, scenario_id);
  if (s.applied())
    throw Error("scenario '" + s.name + "' was applied on " + *s.applied_at + " and can no longer be changed");
  return s;
}

std::int64_t upsert_change(Db& db, std::int64_t scenario_id, const char* kind, std::int64_t target,
                           const std::optional<std::string>& likelihood, const std::optional<std::string>& impact,
                           const std::optional<std::string>& progress, const std::optional<std::string>& status,
                           const std::optional<std::string>& rag) {
  Transaction tx(db);
  detail::EditRecorder rec(db);
  Statement was = db.prepare("SELECT id FROM scenario_changes WHERE scenario_id = ? AND kind = ? AND target_id = ?");
  was.bind(1, scenario_id).bind(2, kind).bind(3, target);
  const std::optional<std::int64_t> existing = was.step() ? std::optional(was.column_int(0)) : std::nullopt;
  const auto before = existing ? rec.before("scenario_changes", *existing) : std::nullopt;
  Statement st = db.prepare(
      "INSERT INTO scenario_changes (scenario_id, kind, target_id, likelihood, impact, progress, status, rag, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scenario_id, kind, target_id) DO UPDATE SET "
      "likelihood = excluded.likelihood, impact = excluded.impact, progress = excluded.progress, "
      "status = excluded.status, rag = excluded.rag");
  st.bind(1, scenario_id).bind(2, kind).bind(3, target);
  bind_opt(st, 4, likelihood);
  bind_opt(st, 5, impact);
  bind_opt(st, 6, progress);
  bind_opt(st, 7, status);
  bind_opt(st, 8, rag);
  st.bind(9, db.new_row_id("scenario_changes"));
  st.run();
  Statement id = db.prepare("SELECT id FROM scenario_changes WHERE scenario_id = ? AND kind = ? AND target_id = ?");
  id.bind(1, scenario_id).bind(2, kind).bind(3, target);
  id.step();
  const std::int64_t out = id.column_int(0);
  if (existing)
    rec.updated("scenario_changes", out, before);
  else
    rec.inserted("scenario_changes", out);
  if (rec.changes.empty()) return out;  // the same change again: nothing written
  const Scenario s = load_scenario(db, scenario_id);
  std::string what = "a change";
  for (const auto& c : s.changes)
    if (c.id == out) what = c.label + ": " + c.baseline + " -> " + c.proposed;
  detail::finish(db, tx, "scenario_change", "scenario '" + s.name + "': " + what, rec.changes);
  return out;
}

std::string quarter_of(const std::string& date) {
  const int m = (date[5] - '0') * 10 + (date[6] - '0');
  return date.substr(0, 4) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

std::string or_dash(const std::optional<std::string>& v) {
  return v ? *v : "-";
}

// Labels and "what stands now" for a change, read from the governance tables.
void describe(Db& db, const Scenario& s, ScenarioChange& c) {
  if (c.kind == "risk") {
    Statement st = db.prepare(
        "SELECT r.ref, r.name, a.likelihood, a.impact FROM risks r LEFT JOIN risk_assessments a ON a.id = "
        "(SELECT a2.id FROM risk_assessments a2 WHERE a2.risk_id = r.id AND a2.as_of <= ? ORDER BY a2.as_of DESC "
        "LIMIT 1) WHERE r.id = ?");
    st.bind(1, s.as_of).bind(2, c.target_id);
    if (!st.step()) {
      c.label = "risk id " + std::to_string(c.target_id) + " (no longer in the register)";
      return;
    }
    c.label = "risk " + std::to_string(st.column_int(0)) + " " + st.column_text(1);
    const auto l = opt_text(st, 2), i = opt_text(st, 3);
    c.baseline = l ? *l + " v " + *i : "no assessment";
    c.proposed = (c.likelihood ? *c.likelihood : or_dash(l)) + " v " + (c.impact ? *c.impact : or_dash(i));
  } else if (c.kind == "control") {
    Statement st = db.prepare(
        "SELECT r.ref, c.seq, (SELECT p.progress FROM control_progress p WHERE p.control_id = c.id AND p.period <= ? "
        "ORDER BY p.period DESC LIMIT 1) FROM controls c JOIN risks r ON r.id = c.risk_id WHERE c.id = ?");
    st.bind(1, quarter_of(s.as_of)).bind(2, c.target_id);
    if (!st.step()) {
      c.label = "control id " + std::to_string(c.target_id) + " (no longer in the register)";
      return;
    }
    c.label = "risk " + std::to_string(st.column_int(0)) + " key control " + std::to_string(st.column_int(1));
    c.baseline = opt_text(st, 2).value_or("not reported");
    c.proposed = c.progress.value_or("-");
  } else {
    Statement st = db.prepare(
        "SELECT p.code, i.seq, i.title, i.status, i.rag FROM action_items i JOIN action_plans p ON p.id = i.plan_id "
        "WHERE i.id = ?");
    st.bind(1, c.target_id);
    if (!st.step()) {
      c.label = "action id " + std::to_string(c.target_id) + " (no longer in its plan)";
      return;
    }
    std::string title = st.column_text(2);
    if (title.size() > 48) title = title.substr(0, 45) + "...";
    c.label = "action " + st.column_text(0) + "." + std::to_string(st.column_int(1)) + " " + title;
    const auto status = opt_text(st, 3), rag = opt_text(st, 4);
    c.baseline = or_dash(status) + " / " + or_dash(rag);
    c.proposed = (c.status ? *c.status : or_dash(status)) + " / " + (c.rag ? *c.rag : or_dash(rag));
  }
}

std::int64_t parse_id(const std::string& s, const char* what) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0)
    throw Error(std::string(what) + " '" + s + "' is not a positive whole number");
  return v;
}

}  // namespace

namespace {

std::int64_t insert_scenario(detail::EditRecorder& rec, const NewScenario& s) {
  Db& db = rec.db;
  check_schema(db);
  check_name(s.name);
  check_date("as_of", s.as_of);
  if (find_scenario(db, s.name)) throw Error("a scenario named '" + s.name + "' already exists");
  Statement st = db.prepare(
      "INSERT INTO scenarios (name, description, as_of, session_id, created_by, id) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(6, db.new_row_id("scenarios"));
  st.bind(1, s.name);
  if (s.description.empty())
    st.bind(2, nullptr);
  else
    st.bind(2, s.description);
  st.bind(3, s.as_of);
  if (s.session_id)
    st.bind(4, *s.session_id);
  else
    st.bind(4, nullptr);
  st.bind(5, current_user());
  st.run();
  const std::int64_t id = db.last_insert_rowid();
  rec.inserted("scenarios", id);
  return id;
}

}  // namespace

std::int64_t create_scenario(Db& db, const NewScenario& s) {
  check_schema(db);
  detail::check_editable(db);
  Transaction tx(db);
  detail::EditRecorder rec(db);
  const std::int64_t id = insert_scenario(rec, s);
  detail::finish(db, tx, "scenario", "scenario '" + s.name + "' created (as at " + s.as_of + ")", rec.changes);
  return id;
}

std::vector<Scenario> list_scenarios(Db& db) {
  std::vector<Scenario> out;
  if (!db.table_exists("scenarios")) return out;
  Statement st = db.prepare(std::string(kSelect) + " ORDER BY created_at DESC, id DESC");
  while (st.step()) out.push_back(read_row(st));
  for (auto& s : out) {
    Statement n = db.prepare("SELECT count(*) FROM scenario_changes WHERE scenario_id = ?");
    n.bind(1, s.id);
    n.step();
    s.changes.resize(static_cast<std::size_t>(n.column_int(0)));  // counts only; load_scenario fills them
  }
  return out;
}

Scenario load_scenario(Db& db, std::int64_t id) {
  Statement st = db.prepare(std::string(kSelect) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw Error("no scenario with id " + std::to_string(id));
  Scenario s = read_row(st);
  Statement ch = db.prepare(
      "SELECT id, kind, target_id, likelihood, impact, progress, status, rag FROM scenario_changes "
      "WHERE scenario_id = ? ORDER BY CASE kind WHEN 'risk' THEN 1 WHEN 'control' THEN 2 ELSE 3 END, target_id");
  ch.bind(1, id);
  while (ch.step()) {
    ScenarioChange c;
    c.id = ch.column_int(0);
    c.kind = ch.column_text(1);
    c.target_id = ch.column_int(2);
    c.likelihood = opt_text(ch, 3);
    c.impact = opt_text(ch, 4);
    c.progress = opt_text(ch, 5);
    c.status = opt_text(ch, 6);
    c.rag = opt_text(ch, 7);
    s.changes.push_back(std::move(c));
  }
  for (auto& c : s.changes) describe(db, s, c);
  return s;
}

std::optional<Scenario> find_scenario(Db& db, const std::string& name) {
  if (!db.table_exists("scenarios")) return std::nullopt;
  Statement st = db.prepare("SELECT id FROM scenarios WHERE name = ? COLLATE NOCASE");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return load_scenario(db, st.column_int(0));
}

std::optional<Scenario> open_scenario(Db& db, const std::string& name) {
  auto found = find_scenario(db, name);
  if (found && found->applied()) found.reset();
  return found;
}

Scenario require_scenario(Db& db, const std::string& name) {
  if (auto s = find_scenario(db, name)) return *s;
  std::string known;
  for (const auto& s : list_scenarios(db)) known += (known.empty() ? "" : ", ") + s.name;
  throw Error(
      "no scenario '" + name + "'" +
      (known.empty() ? " (there are none: create one with 'govbench scenario new')" : " (known: " + known + ")"));
}

std::int64_t set_risk_change(Db& db, std::int64_t scenario_id, const RiskChange& c) {
  const Scenario s = open_for_change(db, scenario_id);
  if (!c.likelihood && !c.impact) throw Error("a risk change needs a likelihood, an impact or both");
  if (c.likelihood) check_one_of("likelihood", *c.likelihood, kLevels);
  if (c.impact) check_one_of("impact", *c.impact, kLevels);
  Statement r = db.prepare(
      "SELECT (SELECT count(*) FROM risk_assessments a WHERE a.risk_id = r.id AND a.as_of <= ?) FROM risks r WHERE "
      "r.id = ?");
  r.bind(1, s.as_of).bind(2, c.risk_id);
  if (!r.step()) throw Error("risk_id " + std::to_string(c.risk_id) + " does not exist in risks");
  if (r.column_int(0) == 0 && (!c.likelihood || !c.impact))
    throw Error("risk_id " + std::to_string(c.risk_id) + " has no assessment on or before " + s.as_of +
                ", so a change to it needs both likelihood and impact");
  return upsert_change(db, scenario_id, "risk", c.risk_id, c.likelihood, c.impact, std::nullopt, std::nullopt,
                       std::nullopt);
}

std::int64_t set_control_change(Db& db, std::int64_t scenario_id, const ControlChange& c) {
  open_for_change(db, scenario_id);
  check_one_of("progress", c.progress, kProgress);
  Statement r = db.prepare("SELECT 1 FROM controls WHERE id = ?");
  r.bind(1, c.control_id);
  if (!r.step()) throw Error("control_id " + std::to_string(c.control_id) + " does not exist in controls");
  return upsert_change(db, scenario_id, "control", c.control_id, std::nullopt, std::nullopt, c.progress, std::nullopt,
                       std::nullopt);
}

std::int64_t set_action_change(Db& db, std::int64_t scenario_id, const ActionChange& c) {
  open_for_change(db, scenario_id);
  if (!c.status && !c.rag) throw Error("an action change needs a status, a RAG or both");
  if (c.status) check_one_of("status", *c.status, kStatus);
  if (c.rag) check_one_of("rag", *c.rag, kRag);
  Statement r = db.prepare("SELECT 1 FROM action_items WHERE id = ?");
  r.bind(1, c.item_id);
  if (!r.step()) throw Error("item_id " + std::to_string(c.item_id) + " does not exist in action_items");
  return upsert_change(db, scenario_id, "action", c.item_id, std::nullopt, std::nullopt, std::nullopt, c.status, c.rag);
}

bool remove_change(Db& db, std::int64_t scenario_id, const std::string& kind, std::int64_t target_id) {
  const Scenario s = open_for_change(db, scenario_id);
  for (const auto& c : s.changes) {
    if (c.kind != kind || c.target_id != target_id) continue;
    Transaction tx(db);
    detail::EditRecorder rec(db);
    rec.deleting("scenario_changes", c.id);
    Statement st = db.prepare("DELETE FROM scenario_changes WHERE id = ?");
    st.bind(1, c.id);
    st.run();
    detail::finish(db, tx, "scenario_change", "scenario '" + s.name + "': removed " + c.label, rec.changes);
    return true;
  }
  return false;
}

std::int64_t copy_scenario(Db& db, std::int64_t scenario_id, const std::string& new_name) {
  check_schema(db);
  const Scenario from = load_scenario(db, scenario_id);
  detail::check_editable(db);
  Transaction tx(db);
  detail::EditRecorder rec(db);
  const std::int64_t id = insert_scenario(
      rec, {.name = new_name, .as_of = from.as_of, .description = from.description, .session_id = from.session_id});
  // Row by row, each with a new id of its own (a replica's block, see
  // Db::new_row_id).
  Statement from_ids = db.prepare("SELECT id FROM scenario_changes WHERE scenario_id = ? ORDER BY id");
  from_ids.bind(1, scenario_id);
  std::vector<std::int64_t> originals;
  while (from_ids.step()) originals.push_back(from_ids.column_int(0));
  Statement st = db.prepare(
      "INSERT INTO scenario_changes (id, scenario_id, kind, target_id, likelihood, impact, progress, status, rag) "
      "SELECT ?, ?, kind, target_id, likelihood, impact, progress, status, rag FROM scenario_changes WHERE id = ?");
  for (const std::int64_t original : originals) {
    st.reset();
    st.bind(1, db.new_row_id("scenario_changes")).bind(2, id).bind(3, original);
    st.run();
  }
  Statement added = db.prepare("SELECT id FROM scenario_changes WHERE scenario_id = ? ORDER BY id");
  added.bind(1, id);
  while (added.step()) rec.inserted("scenario_changes", added.column_int(0));
  detail::finish(db, tx, "scenario", "scenario '" + from.name + "' copied as '" + new_name + "'", rec.changes);
  return id;
}

void discard_scenario(Db& db, std::int64_t scenario_id) {
  check_schema(db);
  const Scenario s = load_scenario(db, scenario_id);  // throws when there is none
  detail::check_editable(db);
  Transaction tx(db);
  detail::EditRecorder rec(db);
  Statement ids = db.prepare("SELECT id FROM scenario_changes WHERE scenario_id = ? ORDER BY id");
  ids.bind(1, scenario_id);
  while (ids.step()) rec.deleting("scenario_changes", ids.column_int(0));
  Statement ch = db.prepare("DELETE FROM scenario_changes WHERE scenario_id = ?");
  ch.bind(1, scenario_id);
  ch.run();
  rec.deleting("scenarios", scenario_id);
  Statement st = db.prepare("DELETE FROM scenarios WHERE id = ?");
  st.bind(1, scenario_id);
  st.run();
  detail::finish(db, tx, "scenario", "scenario '" + s.name + "' discarded", rec.changes);
}

std::vector<EditResult> apply_scenario(Db& db, std::int64_t scenario_id) {
  const Scenario s = open_for_change(db, scenario_id);
  if (s.changes.empty()) throw Error("scenario '" + s.name + "' has no changes to apply");
  std::vector<EditResult> out;
  Transaction tx(db);  // each edit below is a savepoint inside this one
  for (const auto& c : s.changes) {
    try {
      if (c.kind == "risk") {
        // The scenario's overlay (engine/scenario.cpp) shows the same row:
        // the assessment of as_of, else a new one carrying trend, progress
        // and RAG forward from the latest before it.
        Statement cur = db.prepare(
            "SELECT likelihood, impact, trend, progress, rag, as_of FROM risk_assessments WHERE risk_id = ? AND as_of "
            "<= ? "
            "ORDER BY as_of DESC LIMIT 1");
        cur.bind(1, c.target_id).bind(2, s.as_of);
        AssessmentEdit e{.risk_id = c.target_id, .as_of = s.as_of};
        if (cur.step()) {
          e.likelihood = c.likelihood.value_or(cur.column_text(0));
          e.impact = c.impact.value_or(cur.column_text(1));
          if (cur.column_text(5) != s.as_of) {
            e.trend = opt_text(cur, 2);
            e.progress = opt_text(cur, 3);
            e.rag = opt_text(cur, 4);
          }
        } else {
          e.likelihood = c.likelihood.value_or("");
          e.impact = c.impact.value_or("");
        }
        out.push_back(record_assessment(db, e));
      } else if (c.kind == "control") {
        out.push_back(set_control_progress(
            db, {.control_id = c.target_id, .period = quarter_of(s.as_of), .progress = c.progress.value_or("")}));
      } else {
        out.push_back(set_action_status(db, {.item_id = c.target_id, .status = c.status, .rag = c.rag}));
      }
    } catch (const Error& e) {
      throw Error("scenario '" + s.name + "': " + c.label + ": " + e.message() + "; nothing was applied");
    }
  }
  // The mark is an edit too, the last of the apply: the first undo after
  // an apply opens the scenario again, the next ones take back its changes
  // in the register, and a scenario's own edits are never undone while it
  // is applied (frozen).
  {
    Transaction mark(db);  // a savepoint inside the apply
    detail::EditRecorder rec(db);
    const auto before = rec.before("scenarios", scenario_id);
    Statement done = db.prepare(
        "UPDATE scenarios SET applied_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), applied_by = ? WHERE id = ?");
    done.bind(1, current_user()).bind(2, scenario_id);
    done.run();
    rec.updated("scenarios", scenario_id, before);
    detail::finish(db, mark, "scenario",
                   "scenario '" + s.name + "' applied (" + std::to_string(s.changes.size()) +
                       (s.changes.size() == 1 ? " change)" : " changes)"),
                   rec.changes);
  }
  tx.commit();
  return out;
}

std::int64_t risk_id_for_ref(Db& db, const std::string& ref) {
  const std::int64_t n = parse_id(ref, "risk ref");
  Statement st = db.prepare("SELECT id FROM risks WHERE ref = ?");
  st.bind(1, n);
  if (!st.step()) throw Error("there is no risk with ref " + ref);
  return st.column_int(0);
}

std::int64_t control_id_for(Db& db, const std::string& spec) {
  const auto dot = spec.find('.');
  if (dot == std::string::npos) {
    const std::int64_t id = parse_id(spec, "control id");
    Statement st = db.prepare("SELECT 1 FROM controls WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) throw Error("there is no control with id " + spec);
    return id;
  }
  const std::int64_t ref = parse_id(spec.substr(0, dot), "risk ref");
  const std::int64_t seq = parse_id(spec.substr(dot + 1), "control number");
  Statement st =
      db.prepare("SELECT c.id FROM controls c JOIN risks r ON r.id = c.risk_id WHERE r.ref = ? AND c.seq = ?");
  st.bind(1, ref).bind(2, seq);
  if (!st.step()) throw Error("risk " + std::to_string(ref) + " has no key control " + std::to_string(seq));
  return st.column_int(0);
}

std::int64_t action_id_for(Db& db, const std::string& spec) {
  const auto dot = spec.find('.');
  if (dot == std::string::npos) {
    const std::int64_t id = parse_id(spec, "action id");
    Statement st = db.prepare("SELECT 1 FROM action_items WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) throw Error("there is no action item with id " + spec);
    return id;
  }
  const std::string plan = spec.substr(0, dot);
  const std::int64_t seq = parse_id(spec.substr(dot + 1), "action number");
  Statement st = db.prepare(
      "SELECT i.id FROM action_items i JOIN action_plans p ON p.id = i.plan_id WHERE p.code = ? AND i.seq = ?");
  st.bind(1, plan).bind(2, seq);
  if (!st.step()) throw Error("plan " + plan + " has no action " + std::to_string(seq));
  return st.column_int(0);
}

}  // namespace gb::data
