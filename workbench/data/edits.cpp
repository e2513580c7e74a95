#include "data/edits.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <utility>

#include "core/dates.hpp"
#include "core/register_levels.hpp"
#include "core/text.hpp"
#include "data/audit_log.hpp"

// How an edit is kept (see schemas/004_edits.sql): one `edits` row, and one
// audit_log row per table row written, whose before/after are the whole row
// as a JSON object made by SQLite's json_object() from the row itself (so
// the JSON and the row always agree on types: an INTEGER stays a number, a
// TEXT a string). Undo reads those objects back with json_each() and
// compares them column by column with the row as it is now.
//
// Durability: every function commits before it returns, so an edit the GUI
// has confirmed is in the database file's WAL. The layer runs WAL with
// synchronous = NORMAL: a commit is written to the WAL (into the operating
// system's cache) but not fsync'ed, so it survives the program being killed
// or crashing at any point after commit returns; only a power cut or an OS
// crash can lose the last few commits, and even then the file stays
// consistent (tests/unit/edits_test.cpp kills a child process to check the
// first part).

namespace gb::data {

namespace {

// ---------------------------------------------------------------------------
// Validation. Everything a caller typed is checked here before the database
// is touched, so that the message names the field and what it may be.

// The register's vocabulary (core/register_levels.hpp).
constexpr auto kLevels = as_views(kRiskLevels);
constexpr auto kTrends = as_views(kRiskTrends);
constexpr auto kProgress = as_views(kControlProgress);
constexpr auto kRag = as_views(kRagWords);
constexpr auto kStatus = as_views(kActionStatuses);

// The text a caller gave, as shown in a message: long values are cut so a
// pasted paragraph does not swamp the message.
std::string shown_input(std::string_view v) {
  constexpr std::size_t kMax = 60;
  if (v.size() <= kMax) return std::string(v);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(v.substr(0, cut)) + "...";
}

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out;
}

bool is_one_of(std::string_view v, std::span<const std::string_view> allowed) {
  for (auto a : allowed)
    if (a == v) return true;
  return false;
}

void check_one_of(std::string_view field, std::string_view v, std::span<const std::string_view> allowed) {
  if (!is_one_of(v, allowed))
    throw Error(std::string(field) + " must be one of " + join(allowed) + " (got '" + shown_input(v) + "')");
}

// An optional field: absent (keep) and "" (clear) are always allowed.
void check_field(std::string_view field, const Field& v, std::span<const std::string_view> allowed) {
  if (!v || v->empty() || is_one_of(*v, allowed)) return;
  throw Error(std::string(field) + " must be one of " + join(allowed) + ", or empty to clear it (got '" +
              shown_input(*v) + "')");
}

void check_text(std::string_view field, const Field& v) {
  if (v && find_invalid_utf8(*v)) throw Error(std::string(field) + " is not valid UTF-8 text");
}

// Years outside this range are taken for typing mistakes (0222, 20222),
// not dates anyone means in a governance paper.
constexpr int kFirstYear = 1900, kLastYear = 2100;

void check_date(std::string_view field, std::string_view v) {
  if (!is_real_date(v, kFirstYear, kLastYear))
    throw Error(std::string(field) + " must be a real date written YYYY-MM-DD, between " + std::to_string(kFirstYear) +
                " and " + std::to_string(kLastYear) + " (got '" + shown_input(v) + "')");
}

void check_quarter(std::string_view field, std::string_view v) {
  const bool ok = v.size() == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' &&
                  date_digits(v, 0, 4) >= kFirstYear && date_digits(v, 0, 4) <= kLastYear;
  if (!ok)
    throw Error(std::string(field) + " must be a calendar quarter written YYYY-Qn, e.g. 2022-Q1 (got '" +
                shown_input(v) + "')");
}

// The calendar quarter a date falls in: 2022-03-31 -> 2022-Q1.
std::string quarter_of(std::string_view date) {
  const int m = date_digits(date, 5, 2);
  return std::string(date.substr(0, 4)) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

// The last day of a calendar quarter: 2022-Q1 -> 2022-03-31.
std::string quarter_end(std::string_view period) {
  static constexpr std::array<std::string_view, 4> kEnds = {"-03-31", "-06-30", "-09-30", "-12-31"};
  return std::string(period.substr(0, 4)) + std::string(kEnds[static_cast<std::size_t>(period[6] - '1')]);
}

void check_editable(Db& db) {
  if (db.read_only()) throw Error("cannot edit " + db.path().string() + ": it is open read-only");
  if (!db.table_exists("edits"))
    throw Error("cannot edit " + db.path().string() + ": its schema version is " + std::to_string(db.user_version()) +
                " and edits need version 4 or later (open it read-write with govbench, which upgrades it)");
}

// ---------------------------------------------------------------------------
// Reading and binding.

using OptText = std::optional<std::string>;

OptText column_opt(const Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return st.column_text(i);
}

void bind_opt(Statement& st, int i, const OptText& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind(i, nullptr);
}

// What a field of an edit makes of a stored value (see Field).
OptText resolve(const Field& given, const OptText& stored) {
  if (!given) return stored;
  if (given->empty()) return std::nullopt;
  return given;
}

// A field given for a new row: absent and "" both mean NULL.
OptText for_new_row(const Field& given) {
  if (!given || given->empty()) return std::nullopt;
  return given;
}

std::string sql_string(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A row's columns in table order with their values, as read from the
// database or from a JSON object in the audit log.
using Columns = std::vector<std::pair<std::string, Value>>;

// The whole row as a JSON object, or nullopt when there is no such row.
OptText row_json(Db& db, std::string_view table, std::int64_t id) {
  std::string sql = "SELECT json_object(";
  const auto cols = db.column_names(table);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) sql += ", ";
    sql += sql_string(cols[i]) + ", " + quote_identifier(cols[i]);
  }
  sql += ") FROM " + quote_identifier(table) + " WHERE rowid = ?";  // = id where the table has one
  Statement st = db.prepare(sql);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

Columns parse_row_json(const std::string& json, std::int64_t audit_id) {
  Statement check = scratch_query("SELECT json_valid(?1) AND json_type(?1) = 'object'");
  check.bind(1, json);
  check.step();
  if (check.column_int(0) != 1)
    throw Error("audit_log row " + std::to_string(audit_id) + " does not hold a JSON object of the row's columns");
  // On a connection of its own: a table named json_each in the file would hide the function.
  Statement st = scratch_query("SELECT key, atom FROM json_each(?)");
  st.bind(1, json);
  Columns out;
  while (st.step()) out.emplace_back(st.column_text(0), st.column_value(1));
  return out;
}

// The current values of the columns named in `like`, or nullopt when the
// row is gone.
std::optional<Columns> read_columns(Db& db, std::string_view table, std::int64_t id, const Columns& like) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < like.size(); ++i) {
    if (i) sql += ", ";
    sql += quote_identifier(like[i].first);
  }
  sql += " FROM " + quote_identifier(table) + " WHERE rowid = ?";
  Statement st = db.prepare(sql);
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  Columns out;
  for (std::size_t i = 0; i < like.size(); ++i) out.emplace_back(like[i].first, st.column_value(static_cast<int>(i)));
  return out;
}

std::optional<std::int64_t> int_of(const Columns& cols, std::string_view name) {
  for (const auto& [k, v] : cols)
    if (k == name)
      if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  return std::nullopt;
}

std::string text_of(const Columns& cols, std::string_view name) {
  for (const auto& [k, v] : cols)
    if (k == name)
      if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "?";
}

// ---------------------------------------------------------------------------
// Names of things, for descriptions and messages.

// "risk 10" (short) or "risk 10 LEGITIMACY" (with the name).
std::optional<std::string> risk_label(Db& db, std::int64_t risk_id, bool with_name) {
  Statement st = db.prepare("SELECT ref, name FROM risks WHERE id = ?");
  st.bind(1, risk_id);
  if (!st.step()) return std::nullopt;
  std::string out = "risk " + std::to_string(st.column_int(0));
  if (with_name) out += " " + st.column_text(1);
  return out;
}

std::optional<std::string> control_label(Db& db, std::int64_t control_id, bool with_name) {
  Statement st = db.prepare("SELECT risk_id, seq FROM controls WHERE id = ?");
  st.bind(1, control_id);
  if (!st.step()) return std::nullopt;
  const auto risk = risk_label(db, st.column_int(0), with_name);
  return risk.value_or("risk ?") + (with_name ? ", key control " : " key control ") + std::to_string(st.column_int(1));
}

// The first `n` code points of a title, with an ellipsis when cut.
std::string short_title(std::string_view s, std::size_t n) {
  if (utf8_length(s) <= n) return std::string(s);
  std::size_t points = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == n - 1) break;
  }
  // Cut at a word boundary when one is not too far back.
  std::string_view head = s.substr(0, i);
  if (i < s.size() && s[i] != ' ')
    if (const auto space = head.rfind(' '); space != std::string_view::npos && space > head.size() / 2)
      head = head.substr(0, space);
  return std::string(trim(head)) + "\u2026";
}

// "action RBT 4" or, with the title, "action RBT 4 "Complete an urgent review of…"".
std::optional<std::string> action_label(Db& db, std::int64_t item_id, bool with_title) {
  Statement st = db.prepare(
      "SELECT p.code, a.seq, a.title FROM action_items a JOIN action_plans p ON p.id = a.plan_id WHERE a.id = ?");
  st.bind(1, item_id);
  if (!st.step()) return std::nullopt;
  std::string out = "action " + st.column_text(0) + " " + std::to_string(st.column_int(1));
  if (with_title) out += " \"" + short_title(st.column_text(2), 40) + "\"";
  return out;
}

std::optional<std::string> improvement_label(Db& db, std::int64_t action_id) {
  Statement st = db.prepare(
      "SELECT ar.year, ar.number, ar.id, ia.seq FROM improvement_actions ia "
      "JOIN improvement_areas ar ON ar.id = ia.area_id WHERE ia.id = ?");
  st.bind(1, action_id);
  if (!st.step()) return std::nullopt;
  // Proposed areas have no number yet; their id is the only name they have.
  const std::string area =
      st.column_is_null(1) ? "area #" + std::to_string(st.column_int(2)) : "area " + std::to_string(st.column_int(1));
  return "GIP " + st.column_text(0) + " " + area + " action " + std::to_string(st.column_int(3));
}

// The row an audit row is about, as a noun phrase for a message, from the
// row's JSON (the row itself may be gone).
std::string row_label(Db& db, const std::string& table, std::int64_t row_id, const Columns& cols) {
  const auto id_or = [&](std::optional<std::int64_t> v) { return v.value_or(0); };
  if (table == "risk_assessments")
    return risk_label(db, id_or(int_of(cols, "risk_id")), false).value_or("a risk") + "'s assessment of " +
           text_of(cols, "as_of");
  if (table == "control_progress")
    return control_label(db, id_or(int_of(cols, "control_id")), false).value_or("a key control") + "'s progress for " +
           text_of(cols, "period");
  if (table == "action_items") return action_label(db, row_id, false).value_or("action item " + std::to_string(row_id));
  if (table == "action_updates")
    return "the " + text_of(cols, "as_of") + " update to " +
           action_label(db, id_or(int_of(cols, "item_id")), false).value_or("an action");
  if (table == "improvement_actions")
    return improvement_label(db, row_id).value_or("improvement action " + std::to_string(row_id));
  return table + " row " + std::to_string(row_id);
}

// Parts of a description: "likelihood VH -> H", "commentary edited".
void note_value_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to) {
  if (from == to) return;
  parts.push_back(std::string(name) + " " + from.value_or("none") + " -> " + to.value_or("none"));
}

void note_text_change(std::vector<std::string>& parts, std::string_view name, const OptText& from, const OptText& to) {
  if (from == to) return;
  parts.push_back(std::string(name) + (!from ? " added" : !to ? " cleared" : " edited"));
}

// ---------------------------------------------------------------------------
// Writing an edit.

struct Change {
  std::string action;  // insert, update, delete
  std::string table;
  std::int64_t row_id = 0;
  OptText before, after;
  std::optional<std::int64_t> undo_of;
};

// The source rows typed in the workbench cite. Created once, by the first
// edit, and never part of an edit itself: later rows cite it, so undoing
// the edit that happened to create it must not delete it.
constexpr std::string_view kManualDocument = "Edits typed in govbench";

std::int64_t manual_source(Db& db) {
  Statement q = db.prepare("SELECT id FROM sources WHERE kind = 'manual' AND document = ? ORDER BY id LIMIT 1");
  q.bind(1, kManualDocument);
  if (q.step()) return q.column_int(0);
  Statement ins = db.prepare("INSERT INTO sources (kind, document, note) VALUES ('manual', ?, ?)");
  ins.bind(1, kManualDocument);
  ins.bind(2,
           "Values entered or changed by analysts in the workbench. Who changed what, and when, is in "
           "the edits and audit_log tables.");
  ins.run();
  const std::int64_t id = db.last_insert_rowid();
  record_audit(db, AuditEntry{.action = "insert",
                              .table = "sources",
                              .row_id = std::to_string(id),
                              .before = "",
                              .after = row_json(db, "sources", id).value_or("")});
  return id;
}

struct Written {
  std::int64_t edit_id = 0;
  std::int64_t first_audit_id = 0;
};

// Writes the edits row and its audit rows. The caller has made the changes
// in the same transaction and commits after this.
Written write_edit(Db& db, std::string_view kind, const std::string& description, const std::vector<Change>& changes,
                   std::optional<std::int64_t> undo_of) {
  // One timestamp for the edit and all its audit rows: SQLite's 'now' is
  // fixed within a statement, not across statements.
  Statement now = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
  now.step();
  const std::string at = now.column_text(0);
  const std::string who = current_user();

  Statement e = db.prepare("INSERT INTO edits (at, who, kind, description, undo_of) VALUES (?, ?, ?, ?, ?)");
  e.bind(1, at).bind(2, who).bind(3, kind).bind(4, description);
  if (undo_of)
    e.bind(5, *undo_of);
  else
    e.bind(5, nullptr);
  e.run();
  Written w;
  w.edit_id = db.last_insert_rowid();

  Statement a = db.prepare(
      "INSERT INTO audit_log (at, who, action, tbl, row_id, before, after, edit_id, undo_of) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Change& c : changes) {
    a.reset();
    a.bind(1, at).bind(2, who).bind(3, c.action).bind(4, c.table).bind(5, std::to_string(c.row_id));
    bind_opt(a, 6, c.before);
    bind_opt(a, 7, c.after);
    a.bind(8, w.edit_id);
    if (c.undo_of)
      a.bind(9, *c.undo_of);
    else
      a.bind(9, nullptr);
    a.run();
    if (!w.first_audit_id) w.first_audit_id = db.last_insert_rowid();
  }
  return w;
}

// Finishes an edit: records it, commits, and says what was done.
EditResult finish(Db& db, Transaction& tx, std::string_view kind, const std::string& description,
                  const std::vector<Change>& changes) {
  const Written w = write_edit(db, kind, description, changes, std::nullopt);
  tx.commit();  // before returning: see "Durability" at the top of this file
  return EditResult{.edit_id = w.edit_id, .audit_id = w.first_audit_id, .description = description};
}

EditResult unchanged(std::string description) {
  return EditResult{.edit_id = 0, .audit_id = 0, .description = std::move(description)};
}

}  // namespace

// ---------------------------------------------------------------------------

EditResult record_assessment(Db& db, const AssessmentEdit& e) {
  check_date("as_of", e.as_of);
  check_one_of("likelihood", e.likelihood, kLevels);
  check_one_of("impact", e.impact, kLevels);
  check_field("trend", e.trend, kTrends);
  check_field("progress", e.progress, kProgress);
  check_field("rag", e.rag, kRag);
  check_text("commentary", e.commentary);
  check_editable(db);

  Transaction tx(db);
  const auto risk = risk_label(db, e.risk_id, true);
  if (!risk) throw Error("risk_id " + std::to_string(e.risk_id) + " does not exist in risks");

  Statement cur = db.prepare(
      "SELECT id, likelihood, impact, trend, progress, rag, commentary FROM risk_assessments "
      "WHERE risk_id = ? AND as_of = ?");
  cur.bind(1, e.risk_id).bind(2, e.as_of);
  std::vector<Change> changes;
  std::string description;

  if (cur.step()) {
    const std::int64_t id = cur.column_int(0);
    const OptText old_l = column_opt(cur, 1), old_i = column_opt(cur, 2), old_trend = column_opt(cur, 3),
                  old_progress = column_opt(cur, 4), old_rag = column_opt(cur, 5), old_comm = column_opt(cur, 6);
    const OptText trend = resolve(e.trend, old_trend), progress = resolve(e.progress, old_progress),
                  rag = resolve(e.rag, old_rag), commentary = resolve(e.commentary, old_comm);
    std::vector<std::string> parts;
    note_value_change(parts, "likelihood", old_l, e.likelihood);
    note_value_change(parts, "impact", old_i, e.impact);
    note_value_change(parts, "trend", old_trend, trend);
    note_value_change(parts, "progress", old_progress, progress);
    note_value_change(parts, "rag", old_rag, rag);
    note_text_change(parts, "commentary", old_comm, commentary);
    if (parts.empty()) return unchanged(*risk + ": no change (" + e.as_of + ")");

    const OptText before = row_json(db, "risk_assessments", id);
    const std::int64_t source = manual_source(db);
    Statement up = db.prepare(
        "UPDATE risk_assessments SET likelihood = ?, impact = ?, trend = ?, progress = ?, rag = ?, commentary = ?, "
        "source_id = ? WHERE id = ?");
    up.bind(1, e.likelihood).bind(2, e.impact);
    bind_opt(up, 3, trend);
    bind_opt(up, 4, progress);
    bind_opt(up, 5, rag);
    bind_opt(up, 6, commentary);
    up.bind(7, source).bind(8, id);
    up.run();
    changes.push_back({"update", "risk_assessments", id, before, row_json(db, "risk_assessments", id), std::nullopt});
    description = *risk + ": " + join(parts) + " (" + e.as_of + ")";
  } else {
    const OptText trend = for_new_row(e.trend), progress = for_new_row(e.progress), rag = for_new_row(e.rag),
                  commentary = for_new_row(e.commentary);
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO risk_assessments (risk_id, as_of, period, likelihood, impact, trend, progress, rag, commentary, "
        "source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.risk_id).bind(2, e.as_of).bind(3, quarter_of(e.as_of)).bind(4, e.likelihood).bind(5, e.impact);
    bind_opt(ins, 6, trend);
    bind_opt(ins, 7, progress);
    bind_opt(ins, 8, rag);
    bind_opt(ins, 9, commentary);
    ins.bind(10, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back(
        {"insert", "risk_assessments", id, std::nullopt, row_json(db, "risk_assessments", id), std::nullopt});
    std::vector<std::string> parts{"new assessment " + e.likelihood + " v " + e.impact};
    if (trend) parts.push_back("trend " + *trend);
    if (progress) parts.push_back("progress " + *progress);
    if (rag) parts.push_back("rag " + *rag);
    if (commentary) parts.push_back("commentary added");
    description = *risk + ": " + join(parts) + " (" + e.as_of + ")";
  }
  return finish(db, tx, "assessment", description, changes);
}

EditResult set_control_progress(Db& db, const ControlProgressEdit& e) {
  check_quarter("period", e.period);
  check_one_of("progress", e.progress, kProgress);
  check_text("note", e.note);
  check_editable(db);

  Transaction tx(db);
  const auto control = control_label(db, e.control_id, true);
  if (!control) throw Error("control_id " + std::to_string(e.control_id) + " does not exist in controls");

  Statement cur = db.prepare("SELECT id, progress, note FROM control_progress WHERE control_id = ? AND period = ?");
  cur.bind(1, e.control_id).bind(2, e.period);
  std::vector<Change> changes;
  std::string description;

  if (cur.step()) {
    const std::int64_t id = cur.column_int(0);
    const OptText old_progress = column_opt(cur, 1), old_note = column_opt(cur, 2);
    const OptText note = resolve(e.note, old_note);
    std::vector<std::string> parts;
    note_value_change(parts, "progress", old_progress, e.progress);
    note_text_change(parts, "note", old_note, note);
    if (parts.empty()) return unchanged(*control + ": " + e.period + " no change");

    const OptText before = row_json(db, "control_progress", id);
    const std::int64_t source = manual_source(db);
    Statement up = db.prepare("UPDATE control_progress SET progress = ?, note = ?, source_id = ? WHERE id = ?");
    up.bind(1, e.progress);
    bind_opt(up, 2, note);
    up.bind(3, source).bind(4, id);
    up.run();
    changes.push_back({"update", "control_progress", id, before, row_json(db, "control_progress", id), std::nullopt});
    description = *control + ": " + e.period + " " + join(parts);
  } else {
    const OptText note = for_new_row(e.note);
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO control_progress (control_id, period, period_end, progress, note, source_id) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.control_id).bind(2, e.period).bind(3, quarter_end(e.period)).bind(4, e.progress);
    bind_opt(ins, 5, note);
    ins.bind(6, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back(
        {"insert", "control_progress", id, std::nullopt, row_json(db, "control_progress", id), std::nullopt});
    description = *control + ": " + e.period + " progress " + e.progress + (note ? ", note added" : "") + " (new)";
  }
  return finish(db, tx, "control_progress", description, changes);
}

EditResult set_action_status(Db& db, const ActionStatusEdit& e) {
  check_field("status", e.status, kStatus);
  check_field("rag", e.rag, kRag);
  check_text("update_text", e.update_text);
  if (e.update_text) {
    if (trim(*e.update_text).empty()) throw Error("update_text must not be empty (leave it out to record no update)");
    check_date("as_of", e.as_of);
  } else if (!e.as_of.empty()) {
    throw Error("as_of is the date of an update, but no update_text was given");
  }
  if (!e.status && !e.rag && !e.update_text) throw Error("nothing to change: give a status, a rag or an update_text");
  check_editable(db);

  Transaction tx(db);
  const auto item = action_label(db, e.item_id, true);
  if (!item) throw Error("item_id " + std::to_string(e.item_id) + " does not exist in action_items");

  Statement cur = db.prepare("SELECT status, rag FROM action_items WHERE id = ?");
  cur.bind(1, e.item_id);
  cur.step();
  const OptText old_status = column_opt(cur, 0), old_rag = column_opt(cur, 1);
  const OptText status = resolve(e.status, old_status), rag = resolve(e.rag, old_rag);
  std::vector<std::string> parts;
  note_value_change(parts, "status", old_status, status);
  note_value_change(parts, "rag", old_rag, rag);
  std::vector<Change> changes;

  if (!parts.empty()) {
    // The item keeps its source: its title and wording are still the
    // paper's; the audit row says who set the status and when.
    const OptText before = row_json(db, "action_items", e.item_id);
    Statement up = db.prepare("UPDATE action_items SET status = ?, rag = ? WHERE id = ?");
    bind_opt(up, 1, status);
    bind_opt(up, 2, rag);
    up.bind(3, e.item_id);
    up.run();
    changes.push_back(
        {"update", "action_items", e.item_id, before, row_json(db, "action_items", e.item_id), std::nullopt});
  }
  if (e.update_text) {
    // The update reports the item's status and RAG as they are after this edit.
    const std::int64_t source = manual_source(db);
    Statement ins = db.prepare(
        "INSERT INTO action_updates (item_id, as_of, text, status, rag, source_id) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.item_id).bind(2, e.as_of).bind(3, *e.update_text);
    bind_opt(ins, 4, status);
    bind_opt(ins, 5, rag);
    ins.bind(6, source);
    ins.run();
    const std::int64_t id = db.last_insert_rowid();
    changes.push_back({"insert", "action_updates", id, std::nullopt, row_json(db, "action_updates", id), std::nullopt});
    parts.push_back("update of " + e.as_of + " added");
  }
  if (changes.empty()) return unchanged(*item + ": no change");
  return finish(db, tx, "action_status", *item + ": " + join(parts), changes);
}

EditResult set_improvement_action(Db& db, const ImprovementActionEdit& e) {
  check_field("status", e.status, kStatus);
  check_field("rag", e.rag, kRag);
  check_text("quarterly_update", e.quarterly_update);
  if (e.update_as_of && !e.update_as_of->empty()) check_date("update_as_of", *e.update_as_of);
  if (!e.status && !e.rag && !e.quarterly_update && !e.update_as_of)
    throw Error("nothing to change: give a status, a rag, a quarterly_update or an update_as_of");
  check_editable(db);

  Transaction tx(db);
  const auto label = improvement_label(db, e.action_id);
  if (!label) throw Error("action_id " + std::to_string(e.action_id) + " does not exist in improvement_actions");

  Statement cur =
      db.prepare("SELECT status, rag, quarterly_update, update_as_of FROM improvement_actions WHERE id = ?");
  cur.bind(1, e.action_id);
  cur.step();
  const OptText old_status = column_opt(cur, 0), old_rag = column_opt(cur, 1), old_update = column_opt(cur, 2),
                old_as_of = column_opt(cur, 3);
  const OptText status = resolve(e.status, old_status), rag = resolve(e.rag, old_rag),
                update = resolve(e.quarterly_update, old_update), as_of = resolve(e.update_as_of, old_as_of);
  // An update nobody can date is no use to a board paper.
  if (update && !as_of)
    throw Error("update_as_of is required with a quarterly_update (the date the update reports at, YYYY-MM-DD)");
  std::vector<std::string> parts;
  note_value_change(parts, "status", old_status, status);
  note_value_change(parts, "rag", old_rag, rag);
  note_text_change(parts, "quarterly update", old_update, update);
  note_value_change(parts, "update date", old_as_of, as_of);
  if (parts.empty()) return unchanged(*label + ": no change");

  // As for action items, the action keeps its source (see set_action_status).
  const OptText before = row_json(db, "improvement_actions", e.action_id);
  Statement up = db.prepare(
      "UPDATE improvement_actions SET status = ?, rag = ?, quarterly_update = ?, update_as_of = ? WHERE id = ?");
  bind_opt(up, 1, status);
  bind_opt(up, 2, rag);
  bind_opt(up, 3, update);
  bind_opt(up, 4, as_of);
  up.bind(5, e.action_id);
  up.run();
  std::vector<Change> changes{{"update", "improvement_actions", e.action_id, before,
                               row_json(db, "improvement_actions", e.action_id), std::nullopt}};
  return finish(db, tx, "improvement_action", *label + ": " + join(parts), changes);
}

EditResult record_session_action(Db& db, const SessionActionEdit& e) {
  check_text("title", e.title);
  check_text("owner", e.owner);
  if (trim(e.title).empty()) throw Error("an action needs a title (what is to be done)");
  if (trim(e.owner).empty()) throw Error("an action needs an owner (who is to do it)");
  if (!e.due.empty()) check_date("due", e.due);
  check_editable(db);
  if (!db.table_exists("session_records"))
    throw Error("cannot record a session action in " + db.path().string() +
                ": it has no review sessions (schema version " + std::to_string(db.user_version()) +
                ", sessions need 5)");

  Transaction tx(db);
  Statement item = db.prepare(
      "SELECT i.position, s.id, s.title, s.held_on FROM agenda_items i JOIN sessions s ON s.id = i.session_id "
      "WHERE i.id = ?");
  item.bind(1, e.agenda_item_id);
  if (!item.step()) throw Error("there is no agenda item with id " + std::to_string(e.agenda_item_id));
  const std::int64_t position = item.column_int(0), session_id = item.column_int(1);
  const std::string session_title = item.column_text(2), held_on = item.column_text(3);
  std::vector<std::int64_t> risk_ids;
  for (const std::int64_t ref : e.risk_refs) {
    Statement r = db.prepare("SELECT id FROM risks WHERE ref = ?");
    r.bind(1, ref);
    if (!r.step()) throw Error("there is no risk " + std::to_string(ref) + " in the register");
    if (std::find(risk_ids.begin(), risk_ids.end(), r.column_int(0)) == risk_ids.end())
      risk_ids.push_back(r.column_int(0));
  }

  const std::int64_t source = manual_source(db);
  // The plan session actions belong to: like the manual source, made once
  // and outside any edit, so undoing the first action leaves it for the rest.
  std::int64_t plan = 0;
  {
    Statement q = db.prepare("SELECT id FROM action_plans WHERE code = 'REVIEW'");
    if (q.step()) {
      plan = q.column_int(0);
    } else {
      Statement ins = db.prepare(
          "INSERT INTO action_plans (code, title, description, source_id) VALUES ('REVIEW', "
          "'Actions agreed in review sessions', 'Actions recorded in govbench review sessions; each names its session "
          "and agenda item.', ?)");
      ins.bind(1, source);
      ins.run();
      plan = db.last_insert_rowid();
      record_audit(db, AuditEntry{.action = "insert",
                                  .table = "action_plans",
                                  .row_id = std::to_string(plan),
                                  .before = "",
                                  .after = row_json(db, "action_plans", plan).value_or("")});
    }
  }
  Statement seq = db.prepare("SELECT COALESCE(max(seq), 0) + 1 FROM action_items WHERE plan_id = ?");
  seq.bind(1, plan);
  seq.step();
  const std::int64_t next = seq.column_int(0);

  std::vector<Change> changes;
  Statement ins = db.prepare(
      "INSERT INTO action_items (plan_id, seq, title, detail, owner, due, status, source_id) "
      "VALUES (?, ?, ?, ?, ?, ?, 'planned', ?)");
  ins.bind(1, plan).bind(2, next).bind(3, std::string(trim(e.title)));
  ins.bind(4, "Agreed at session " + std::to_string(session_id) + " \"" + session_title + "\" (" + held_on +
                  "), agenda item " + std::to_string(position));
  ins.bind(5, std::string(trim(e.owner)));
  if (e.due.empty())
    ins.bind(6, nullptr);
  else
    ins.bind(6, e.due);
  ins.bind(7, source);
  ins.run();
  const std::int64_t action_id = db.last_insert_rowid();
  changes.push_back(
      {"insert", "action_items", action_id, std::nullopt, row_json(db, "action_items", action_id), std::nullopt});
  for (const std::int64_t risk_id : risk_ids) {
    Statement link = db.prepare("INSERT INTO action_item_risks (item_id, risk_id, source_id) VALUES (?, ?, ?)");
    link.bind(1, action_id).bind(2, risk_id).bind(3, source);
    link.run();
    const std::int64_t rowid = db.last_insert_rowid();
    changes.push_back(
        {"insert", "action_item_risks", rowid, std::nullopt, row_json(db, "action_item_risks", rowid), std::nullopt});
  }
  Statement rec = db.prepare(
      "INSERT INTO session_records (item_id, kind, text, action_item_id, who) VALUES (?, 'action', '', ?, ?)");
  rec.bind(1, e.agenda_item_id).bind(2, action_id).bind(3, current_user());
  rec.run();
  const std::int64_t rec_id = db.last_insert_rowid();
  changes.push_back(
      {"insert", "session_records", rec_id, std::nullopt, row_json(db, "session_records", rec_id), std::nullopt});
  const std::string description = "action REVIEW " + std::to_string(next) + " \"" + short_title(trim(e.title), 40) +
                                  "\" (" + std::string(trim(e.owner)) + (e.due.empty() ? "" : ", due " + e.due) +
                                  ") agreed at session " + std::to_string(session_id) + " item " +
                                  std::to_string(position);
  return finish(db, tx, "session_action", description, changes);
}

// ---------------------------------------------------------------------------

std::vector<EditChange> edit_changes(Db& db, std::int64_t edit_id) {
  Statement st =
      db.prepare("SELECT id, action, tbl, row_id, before, after, undo_of FROM audit_log WHERE edit_id = ? ORDER BY id");
  st.bind(1, edit_id);
  std::vector<EditChange> out;
  while (st.step()) {
    EditChange c;
    c.audit_id = st.column_int(0);
    c.action = st.column_text(1);
    c.table = st.column_text(2);
    c.row_id = st.column_int(3);
    c.before = column_opt(st, 4);
    c.after = column_opt(st, 5);
    if (!st.column_is_null(6)) c.undo_of = st.column_int(6);
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<UndoResult> undo_last_edit(Db& db) {
  check_editable(db);
  Transaction tx(db);
  Statement q = db.prepare(
      "SELECT id, description FROM edits WHERE kind <> 'undo' AND undone_by IS NULL ORDER BY id DESC LIMIT 1");
  if (!q.step()) return std::nullopt;  // nothing written; the transaction rolls back
  const std::int64_t original = q.column_int(0);
  const std::string original_description = q.column_text(1);
  const auto refuse = [&](const std::string& label, std::string_view what) {
    return Error("cannot undo: " + label + " was " + std::string(what) + " after this edit (" + original_description +
                 "); undoing it would overwrite that change, so nothing was undone");
  };

  // Latest change first, so a row an edit wrote twice would be put back in
  // order; each row is checked against what the edit left just before it
  // is reverted. A refusal throws, and the transaction puts back anything
  // already reverted.
  auto changes = edit_changes(db, original);
  std::vector<Change> reverts;
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    const EditChange& c = *it;
    const std::string& t = c.table;
    if (c.action == "insert" || c.action == "update") {
      const Columns after = parse_row_json(c.after.value_or(""), c.audit_id);
      const auto now = read_columns(db, t, c.row_id, after);
      if (!now) throw refuse(row_label(db, t, c.row_id, after), "deleted");
      if (*now != after) throw refuse(row_label(db, t, c.row_id, after), "changed");
      const OptText current = row_json(db, t, c.row_id);
      if (c.action == "insert") {
        Statement del = db.prepare("DELETE FROM " + quote_identifier(t) + " WHERE rowid = ?");
        del.bind(1, c.row_id);
        del.run();
        reverts.push_back({"delete", t, c.row_id, current, std::nullopt, c.audit_id});
      } else {
        const Columns before = parse_row_json(c.before.value_or(""), c.audit_id);
        std::string sql = "UPDATE " + quote_identifier(t) + " SET ";
        int n = 0;
        for (const auto& [col, v] : before) {
          if (col == "id") continue;
          if (n++) sql += ", ";
          sql += quote_identifier(col) + " = ?";
        }
        sql += " WHERE rowid = ?";
        Statement up = db.prepare(sql);
        int i = 1;
        for (const auto& [col, v] : before)
          if (col != "id") up.bind(i++, v);
        up.bind(i, c.row_id);
        up.run();
        reverts.push_back({"update", t, c.row_id, current, row_json(db, t, c.row_id), c.audit_id});
      }
    } else if (c.action == "delete") {
      const Columns before = parse_row_json(c.before.value_or(""), c.audit_id);
      if (row_json(db, t, c.row_id)) throw refuse(row_label(db, t, c.row_id, before), "created again");
      std::string cols, marks;
      for (const auto& [col, v] : before) {
        if (!cols.empty()) {
          cols += ", ";
          marks += ", ";
        }
        cols += quote_identifier(col);
        marks += "?";
      }
      Statement ins = db.prepare("INSERT INTO " + quote_identifier(t) + " (" + cols + ") VALUES (" + marks + ")");
      int i = 1;
      for (const auto& [col, v] : before) ins.bind(i++, v);
      ins.run();
      reverts.push_back({"insert", t, c.row_id, std::nullopt, row_json(db, t, c.row_id), c.audit_id});
    } else {
      throw Error("cannot undo edit " + std::to_string(original) + ": its audit_log row " + std::to_string(c.audit_id) +
                  " records '" + c.action + "', which an edit never writes");
    }
  }

  const std::string description = "undo: " + original_description;
  const Written w = write_edit(db, "undo", description, reverts, original);
  Statement mark = db.prepare("UPDATE edits SET undone_by = ? WHERE id = ?");
  mark.bind(1, w.edit_id).bind(2, original);
  mark.run();
  tx.commit();  // before returning, as for an edit
  return UndoResult{.edit_id = w.edit_id, .undone_edit_id = original, .description = description};
}

namespace {

EditSummary summary_from(const Statement& st) {
  EditSummary s;
  s.id = st.column_int(0);
  s.at = st.column_text(1);
  s.who = st.column_text(2);
  s.kind = st.column_text(3);
  s.description = st.column_text(4);
  if (!st.column_is_null(5)) s.undo_of = st.column_int(5);
  if (!st.column_is_null(6)) s.undone_by = st.column_int(6);
  return s;
}

}  // namespace

std::vector<EditSummary> recent_edits(Db& db, int limit) {
  std::vector<EditSummary> out;
  if (limit <= 0 || !db.table_exists("edits")) return out;
  Statement st =
      db.prepare("SELECT id, at, who, kind, description, undo_of, undone_by FROM edits ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  while (st.step()) out.push_back(summary_from(st));
  return out;
}

std::optional<EditSummary> next_undo(Db& db) {
  if (!db.table_exists("edits")) return std::nullopt;
  Statement st = db.prepare(
      "SELECT id, at, who, kind, description, undo_of, undone_by FROM edits "
      "WHERE kind <> 'undo' AND undone_by IS NULL ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  return summary_from(st);
}

}  // namespace gb::data
