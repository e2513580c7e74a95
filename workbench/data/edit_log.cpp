// The edit log (edits_internal.hpp, edits.hpp): writing an edit and its
// audit rows, undo, and the list of edits.
//
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

#include <string_view>
#include <utility>

#include "data/audit_log.hpp"
#include "data/edits_internal.hpp"

namespace gb::data {

namespace detail {

// The source rows typed in the workbench cite. Created once, by the first
// edit, and never part of an edit itself: later rows cite it, so undoing
// the edit that happened to create it must not delete it.
constexpr std::string_view kManualDocument = "Edits typed in govbench";

std::int64_t manual_source(Db& db) {
  Statement q = db.prepare("SELECT id FROM sources WHERE kind = 'manual' AND document = ? ORDER BY id LIMIT 1");
  q.bind(1, kManualDocument);
  if (q.step()) return q.column_int(0);
  Statement ins = db.prepare("INSERT INTO sources (kind, document, note, id) VALUES ('manual', ?, ?, ?)");
  ins.bind(3, db.new_row_id("sources"));
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

namespace {

struct Written {
  std::int64_t edit_id = 0;
  std::int64_t first_audit_id = 0;
  std::string at, who;
};

// Writes audit rows of an edit.
std::int64_t write_audit_rows(Db& db, std::int64_t edit_id, const std::string& at, const std::string& who,
                              const std::vector<Change>& changes) {
  Statement a = db.prepare(
      "INSERT INTO audit_log (at, who, action, tbl, row_id, before, after, edit_id, undo_of, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::int64_t first = 0;
  for (const Change& c : changes) {
    a.reset();
    a.bind(1, at).bind(2, who).bind(3, c.action).bind(4, c.table).bind(5, std::to_string(c.row_id));
    bind_opt(a, 6, c.before);
    bind_opt(a, 7, c.after);
    a.bind(8, edit_id);
    if (c.undo_of)
      a.bind(9, *c.undo_of);
    else
      a.bind(9, nullptr);
    a.bind(10, db.new_row_id("audit_log"));
    a.run();
    if (!first) first = db.last_insert_rowid();
  }
  return first;
}

// Writes the edits row and its audit rows. The caller has made the changes
// in the same transaction and commits after this.
Written write_edit(Db& db, std::string_view kind, const std::string& description, const std::vector<Change>& changes,
                   std::optional<std::int64_t> undo_of, std::optional<std::int64_t> redo_of = std::nullopt) {
  // One timestamp for the edit and all its audit rows: SQLite's 'now' is
  // fixed within a statement, not across statements.
  Statement now = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
  now.step();
  const std::string at = now.column_text(0);
  const std::string who = current_user();
  db.note_change_summary(description);  // on a team replica, the change's summary

  // redo_of exists from schema version 8; an edit that is not a redo
  // leaves it out, so editing still works on a version 4-7 file opened by
  // a caller that did not migrate it.
  Statement e =
      db.prepare(redo_of ? "INSERT INTO edits (at, who, kind, description, undo_of, id, redo_of) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"
                         : "INSERT INTO edits (at, who, kind, description, undo_of, id) VALUES (?, ?, ?, ?, ?, ?)");
  e.bind(1, at).bind(2, who).bind(3, kind).bind(4, description);
  if (undo_of)
    e.bind(5, *undo_of);
  else
    e.bind(5, nullptr);
  e.bind(6, db.new_row_id("edits"));
  if (redo_of) e.bind(7, *redo_of);
  e.run();
  Written w;
  w.edit_id = db.last_insert_rowid();
  w.at = at;
  w.who = who;

  w.first_audit_id = write_audit_rows(db, w.edit_id, at, who, changes);
  return w;
}

}  // namespace

namespace {

// The edit the latest finish() or extend() on a connection recorded, on
// this thread (see take_last_edit in edit_model.hpp).
struct LastEdit {
  const Db* db = nullptr;
  EditResult result{};
};
thread_local LastEdit last_edit;

EditResult remember(Db& db, EditResult r) {
  last_edit = LastEdit{.db = &db, .result = r};
  return r;
}

}  // namespace

// Finishes an edit: records it, commits, and says what was done.
EditResult finish(Db& db, Transaction& tx, std::string_view kind, const std::string& description,
                  const std::vector<Change>& changes) {
  const Written w = write_edit(db, kind, description, changes, std::nullopt);
  tx.commit();  // before returning: see "Durability" at the top of this file
  return remember(db, EditResult{.edit_id = w.edit_id, .audit_id = w.first_audit_id, .description = description});
}

OptText EditRecorder::before(std::string_view table, std::int64_t id) const {
  return row_json(db, table, id);
}

void EditRecorder::inserted(std::string_view table, std::int64_t id) {
  changes.push_back({"insert", std::string(table), id, std::nullopt, row_json(db, table, id), std::nullopt});
}

void EditRecorder::updated(std::string_view table, std::int64_t id, const OptText& was) {
  OptText now = row_json(db, table, id);
  if (now != was) changes.push_back({"update", std::string(table), id, was, std::move(now), std::nullopt});
}

void EditRecorder::deleting(std::string_view table, std::int64_t id) {
  if (OptText was = row_json(db, table, id))
    changes.push_back({"delete", std::string(table), id, std::move(was), std::nullopt, std::nullopt});
}

// On a team replica, undo, redo and typing concern this replica's own
// edits (those in its block of ids, in the order they were made), never a
// colleague's that arrived from the hub: " AND <col> BETWEEN lo AND hi", or
// "" elsewhere.
std::string own_edits(const Db& db, std::string_view column) {
  const auto own = db.own_ids();
  if (!own) return "";
  return " AND " + std::string(column) + " BETWEEN " + std::to_string(own->first) + " AND " +
         std::to_string(own->second);
}

std::optional<std::int64_t> open_typing_edit(Db& db, std::string_view kind, std::string_view table, std::int64_t id,
                                             int window_seconds, const std::string* description) {
  Statement st =
      db.prepare("SELECT e.id FROM edits e WHERE e.id = (SELECT max(id) FROM edits WHERE 1" + own_edits(db, "id") +
                 ") AND e.kind = ? AND e.undone_by IS NULL "
                 "AND e.who IS ? AND julianday('now') - julianday(e.at) < ? / 86400.0 "
                 "AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.edit_id = e.id AND (a.tbl <> ? OR a.row_id <> ?)) "
                 "AND (? IS NULL OR e.description = ?)");
  st.bind(1, kind).bind(2, current_user()).bind(3, static_cast<std::int64_t>(window_seconds));
  st.bind(4, table).bind(5, std::to_string(id));
  if (description)
    st.bind(6, *description).bind(7, *description);
  else
    st.bind(6, nullptr).bind(7, nullptr);
  if (!st.step()) return std::nullopt;
  return st.column_int(0);
}

EditResult extend(Db& db, Transaction& tx, std::int64_t edit_id, const std::vector<Change>& changes) {
  Statement e = db.prepare("SELECT description, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM edits WHERE id = ?");
  e.bind(1, edit_id);
  if (!e.step()) throw Error("edit " + std::to_string(edit_id) + " does not exist");
  const std::string description = e.column_text(0);
  const std::int64_t first = write_audit_rows(db, edit_id, e.column_text(1), current_user(), changes);
  tx.commit();
  return remember(db, EditResult{.edit_id = edit_id, .audit_id = first, .description = description});
}

EditResult unchanged(std::string description) {
  return EditResult{.edit_id = 0, .audit_id = 0, .description = std::move(description)};
}

}  // namespace detail

using namespace detail;

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

namespace {

// "undo: redo: X" and "redo: undo: X" both describe X's fate; the history
// shows "undo: X" or "redo: X".
std::string base_description(std::string d) {
  for (;;) {
    if (d.starts_with("undo: ") || d.starts_with("redo: "))
      d.erase(0, 6);
    else
      return d;
  }
}

// Columns that are the meeting's own record rather than anything a person
// edits: a session's start (when it was first presented, on which data
// and packs). Undo and redo neither compare nor restore them, so a
// session's details can be undone after it has been presented.
bool meeting_record(std::string_view table, std::string_view column) {
  return table == "sessions" && (column == "started_at" || column == "data_fingerprint" || column == "packs");
}

bool same_row(std::string_view table, const Columns& a, const Columns& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].first != b[i].first) return false;
    if (!meeting_record(table, a[i].first) && !(a[i].second == b[i].second)) return false;
  }
  return true;
}

// Reverts one edit's changes, latest first: rows it inserted are deleted,
// rows it updated get their old values back, rows it deleted come back.
// `verb` is "undo" or "redo", for the refusal. Each row is checked against
// what the edit left just before it is reverted, so a row the edit wrote
// twice is put back in order; a refusal throws and the caller's
// transaction puts back anything already reverted.
std::vector<Change> revert_changes(Db& db, std::int64_t edit_id, std::string_view verb,
                                   const std::string& edit_description) {
  const auto refuse = [&](const std::string& label, std::string_view what) {
    const std::string v(verb);
    return Error("cannot " + v + ": " + label + " was " + std::string(what) + " after this edit (" + edit_description +
                 "); " + (v == "undo" ? "undoing" : "redoing") + " it would overwrite that change, so nothing was " +
                 (v == "undo" ? "undone" : "redone"));
  };
  auto changes = edit_changes(db, edit_id);
  std::vector<Change> reverts;
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    const EditChange& c = *it;
    const std::string& t = c.table;
    if (c.action == "insert" || c.action == "update") {
      const Columns after = parse_row_json(c.after.value_or(""), c.audit_id);
      const auto now = read_columns(db, t, c.row_id, after);
      if (!now) throw refuse(row_label(db, t, c.row_id, after), "deleted");
      if (!same_row(t, *now, after)) throw refuse(row_label(db, t, c.row_id, after), "changed");
      const OptText current = row_json(db, t, c.row_id);
      if (c.action == "insert") {
        // Rows that would go with it (ON DELETE CASCADE) and are not edits
        // themselves go first, noted, so that a redo brings them back too:
        // an agenda item's snapshot ("as presented").
        if (t == "agenda_items") {
          if (OptText snap = row_json(db, "agenda_snapshots", c.row_id)) {
            Statement del = db.prepare("DELETE FROM agenda_snapshots WHERE item_id = ?");
            del.bind(1, c.row_id);
            del.run();
            reverts.push_back({"delete", "agenda_snapshots", c.row_id, std::move(snap), std::nullopt, std::nullopt});
          }
        }
        Statement del = db.prepare("DELETE FROM " + quote_identifier(t) + " WHERE rowid = ?");
        del.bind(1, c.row_id);
        del.run();
        reverts.push_back({"delete", t, c.row_id, current, std::nullopt, c.audit_id});
      } else {
        const Columns before = parse_row_json(c.before.value_or(""), c.audit_id);
        std::string sql = "UPDATE " + quote_identifier(t) + " SET ";
        int n = 0;
        const auto restored = [&](const std::string& col) { return col != "id" && !meeting_record(t, col); };
        for (const auto& [col, v] : before) {
          if (!restored(col)) continue;
          if (n++) sql += ", ";
          sql += quote_identifier(col) + " = ?";
        }
        sql += " WHERE rowid = ?";
        Statement up = db.prepare(sql);
        int i = 1;
        for (const auto& [col, v] : before)
          if (restored(col)) up.bind(i++, v);
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
      throw Error("cannot " + std::string(verb) + " edit " + std::to_string(edit_id) + ": its audit_log row " +
                  std::to_string(c.audit_id) + " records '" + c.action + "', which an edit never writes");
    }
  }
  return reverts;
}

bool has_redo(Db& db) {
  return db.column_exists("edits", "redo_of");
}

// The undo redo_last_undo reverts: the latest undo not yet redone, made
// after the latest edit that is neither an undo nor a redo.
std::string redoable(const Db& db) {
  return "FROM edits u WHERE u.kind = 'undo' AND NOT EXISTS (SELECT 1 FROM edits r WHERE r.redo_of = u.id) "
         "AND u.id > (SELECT coalesce(max(id), 0) FROM edits WHERE kind NOT IN ('undo', 'redo')" +
         own_edits(db, "id") + ")" + own_edits(db, "u.id") + " ORDER BY u.id DESC LIMIT 1";
}

}  // namespace

std::optional<UndoResult> undo_last_edit(Db& db) {
  check_editable(db);
  Transaction tx(db);
  Statement q = db.prepare("SELECT id, description FROM edits WHERE kind <> 'undo' AND undone_by IS NULL" +
                           own_edits(db, "id") + " ORDER BY id DESC LIMIT 1");
  if (!q.step()) return std::nullopt;  // nothing written; the transaction rolls back
  const std::int64_t original = q.column_int(0);
  const std::string original_description = q.column_text(1);
  const std::vector<Change> reverts = revert_changes(db, original, "undo", original_description);
  const std::string description = "undo: " + base_description(original_description);
  const Written w = write_edit(db, "undo", description, reverts, original);
  Statement mark = db.prepare("UPDATE edits SET undone_by = ? WHERE id = ?");
  mark.bind(1, w.edit_id).bind(2, original);
  mark.run();
  tx.commit();  // before returning, as for an edit
  return UndoResult{.edit_id = w.edit_id, .undone_edit_id = original, .description = description};
}

std::optional<UndoResult> redo_last_undo(Db& db) {
  check_editable(db);
  if (!has_redo(db))
    throw Error("cannot redo in " + db.path().string() + ": its schema version is " +
                std::to_string(db.user_version()) +
                " and redo needs version 8 or later (open it read-write with govbench, which upgrades it)");
  Transaction tx(db);
  Statement q = db.prepare(std::string("SELECT u.id, u.description ") + redoable(db));
  if (!q.step()) return std::nullopt;
  const std::int64_t undo = q.column_int(0);
  const std::string undo_description = q.column_text(1);
  const std::vector<Change> reverts = revert_changes(db, undo, "redo", undo_description);
  const std::string description = "redo: " + base_description(undo_description);
  const Written w = write_edit(db, "redo", description, reverts, std::nullopt, undo);
  tx.commit();
  return UndoResult{.edit_id = w.edit_id, .undone_edit_id = undo, .description = description};
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
  if (st.column_count() > 7 && !st.column_is_null(7)) s.redo_of = st.column_int(7);
  return s;
}

}  // namespace

std::vector<EditSummary> recent_edits(Db& db, int limit) {
  std::vector<EditSummary> out;
  if (limit <= 0 || !db.table_exists("edits")) return out;
  Statement st = db.prepare(std::string("SELECT id, at, who, kind, description, undo_of, undone_by") +
                            (has_redo(db) ? ", redo_of" : "") + " FROM edits ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  while (st.step()) out.push_back(summary_from(st));
  return out;
}

std::optional<EditSummary> next_undo(Db& db) {
  if (!db.table_exists("edits")) return std::nullopt;
  Statement st = db.prepare(
      "SELECT id, at, who, kind, description, undo_of, undone_by FROM edits "
      "WHERE kind <> 'undo' AND undone_by IS NULL" +
      own_edits(db, "id") + " ORDER BY id DESC LIMIT 1");
  if (!st.step()) return std::nullopt;
  return summary_from(st);
}

std::optional<EditResult> take_last_edit(Db& db) {
  if (detail::last_edit.db != &db) return std::nullopt;
  detail::last_edit.db = nullptr;
  return detail::last_edit.result;
}

std::optional<EditSummary> next_redo(Db& db) {
  if (!db.table_exists("edits") || !has_redo(db)) return std::nullopt;
  Statement st = db.prepare(std::string("SELECT u.id, u.at, u.who, u.kind, u.description, u.undo_of, u.undone_by ") +
                            redoable(db));
  if (!st.step()) return std::nullopt;
  return summary_from(st);
}

}  // namespace gb::data
