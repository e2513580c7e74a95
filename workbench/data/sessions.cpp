#include "data/sessions.hpp"

#include <algorithm>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "data/audit_log.hpp"
#include "data/edits_internal.hpp"

// Every change a person makes to a session, its agenda or its notes and
// decisions is an edit (edit_log.cpp): one transaction with its `edits`
// row and one audit_log row per row written, so it is in the one history
// that undo and redo walk (schemas/008_redo.sql). An action becomes an
// action_items row through record_session_action (edits.cpp). A session's
// start and its snapshots ("as presented") are the meeting's own record,
// written as the agenda is presented, and are not edits.

namespace gb::data {

namespace {

constexpr std::size_t kMaxText = 100000;  // a note longer than this is a paste gone wrong
// Typing into a note (or an item's note) within this long of the edit that
// began it extends that edit (see detail::open_typing_edit).
constexpr int kTypingSeconds = 300;

void check_sessions_schema(Db& db) {
  if (!db.table_exists("sessions"))
    throw Error("database " + db.path().string() + " has schema version " + std::to_string(db.user_version()) +
                "; review sessions need version 5 or later (open it read-write with govbench, which upgrades it)");
}

void check_writable(Db& db) {
  if (db.read_only()) throw Error("cannot change sessions in " + db.path().string() + ": it is open read-only");
  check_sessions_schema(db);
}

void check_text(std::string_view field, std::string_view v) {
  if (find_invalid_utf8(v)) throw Error(std::string(field) + " is not valid UTF-8 text");
  if (v.size() > kMaxText)
    throw Error(std::string(field) + " is " + std::to_string(v.size()) + " bytes; the most a field holds is " +
                std::to_string(kMaxText));
}

void check_fields(const SessionFields& f) {
  check_text("title", f.title);
  check_text("board", f.board);
  if (trim(f.title).empty()) throw Error("title must not be empty");
  // Checked here, so the message names the field before the database's
  // trigger (schemas/006_real_dates.sql) would refuse it.
  if (!is_real_date(f.held_on, 1900, 2100))
    throw Error("date must be a real date written YYYY-MM-DD (got '" + f.held_on + "')");
  for (const auto& a : f.attendees) {
    check_text("attendee", a);
    if (a.find('\n') != std::string::npos) throw Error("an attendee's name cannot hold a line break");
  }
}

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& a : items) {
    const std::string t(trim(a));
    if (t.empty()) continue;
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

int agenda_length(Db& db, std::int64_t session_id) {
  Statement st = db.prepare("SELECT count(*) FROM agenda_items WHERE session_id = ?");
  st.bind(1, session_id);
  st.step();
  return static_cast<int>(st.column_int(0));
}

void require_session(Db& db, std::int64_t session_id) {
  check_sessions_schema(db);
  Statement st = db.prepare("SELECT 1 FROM sessions WHERE id = ?");
  st.bind(1, session_id);
  if (!st.step()) throw Error("there is no session " + std::to_string(session_id) + " (see 'govbench session list')");
}

void check_position(Db& db, std::int64_t session_id, int position, int allowed_max) {
  if (position < 1 || position > allowed_max) {
    const int n = agenda_length(db, session_id);
    throw Error("session " + std::to_string(session_id) + " has no agenda item " + std::to_string(position) +
                " (its agenda has " + std::to_string(n) + (n == 1 ? " item)" : " items)"));
  }
}

// Renumbers a session's agenda to 1..n in the given order of item ids.
// Positions are unique, so the items that move are first parked out of
// the way, one row at a time, each step noted: undo reverts the steps
// latest first and so never meets a position taken.
void renumber(detail::EditRecorder& rec, std::int64_t session_id, const std::vector<std::int64_t>& order) {
  Db& db = rec.db;
  struct Move {
    std::int64_t id = 0, from = 0, to = 0;
  };
  std::vector<Move> moves;
  Statement cur = db.prepare("SELECT position FROM agenda_items WHERE id = ? AND session_id = ?");
  for (std::size_t i = 0; i < order.size(); ++i) {
    cur.reset();
    cur.bind(1, order[i]).bind(2, session_id);
    const auto want = static_cast<std::int64_t>(i + 1);
    if (cur.step() && cur.column_int(0) != want) moves.push_back({order[i], cur.column_int(0), want});
  }
  Statement park = db.prepare("UPDATE agenda_items SET position = position + 1000000 WHERE id = ?");
  Statement put = db.prepare("UPDATE agenda_items SET position = ? WHERE id = ?");
  for (const Move& m : moves) {
    if (m.from > 1000000) continue;  // already out of the way (an item just added)
    const std::int64_t id = m.id;
    const auto before = rec.before("agenda_items", id);
    park.reset();
    park.bind(1, id);
    park.run();
    rec.updated("agenda_items", id, before);
  }
  for (const Move& m : moves) {
    const auto before = rec.before("agenda_items", m.id);
    put.reset();
    put.bind(1, m.to).bind(2, m.id);
    put.run();
    rec.updated("agenda_items", m.id, before);
  }
}

std::string session_title(Db& db, std::int64_t session_id) {
  Statement st = db.prepare("SELECT title FROM sessions WHERE id = ?");
  st.bind(1, session_id);
  return st.step() ? "'" + st.column_text(0) + "'" : std::to_string(session_id);
}

// "item 2 (audit_panel.risks) of session 'Audit Panel'"
std::string item_label(Db& db, const AgendaItem& it) {
  return "item " + std::to_string(it.position) + " (" + it.view_id + ") of session " + session_title(db, it.session_id);
}

std::vector<std::int64_t> item_ids(Db& db, std::int64_t session_id) {
  Statement st = db.prepare("SELECT id FROM agenda_items WHERE session_id = ? ORDER BY position");
  st.bind(1, session_id);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

AgendaItem item_from(Statement& st) {
  AgendaItem it;
  it.id = st.column_int(0);
  it.session_id = st.column_int(1);
  it.position = static_cast<int>(st.column_int(2));
  it.view_id = st.column_text(3);
  it.params = parse_params_json(st.column_text(4));
  it.note = st.column_text(5);
  return it;
}

constexpr const char* kItemColumns = "SELECT id, session_id, position, view_id, params, note FROM agenda_items ";

std::vector<SessionRecord> records_where(Db& db, const std::string& where, std::int64_t key) {
  Statement st = db.prepare(
      "SELECT r.id, r.item_id, r.kind, r.text, r.at, COALESCE(r.who, ''), COALESCE(r.action_item_id, 0), "
      "       COALESCE(p.code || ' ' || a.seq, ''), COALESCE(a.title, ''), COALESCE(a.owner, ''), "
      "       COALESCE(a.due, a.due_text, ''), COALESCE(a.status, ''), "
      "       COALESCE((SELECT group_concat(ref, ', ') FROM (SELECT k.ref FROM action_item_risks x "
      "                 JOIN risks k ON k.id = x.risk_id WHERE x.item_id = a.id ORDER BY k.ref)), '') "
      "  FROM session_records r JOIN agenda_items i ON i.id = r.item_id "
      "  LEFT JOIN action_items a ON a.id = r.action_item_id LEFT JOIN action_plans p ON p.id = a.plan_id "
      " WHERE " +
      where + " ORDER BY i.position, r.id");
  st.bind(1, key);
  std::vector<SessionRecord> out;
  while (st.step()) {
    SessionRecord r;
    r.id = st.column_int(0);
    r.item_id = st.column_int(1);
    const std::string kind = st.column_text(2);
    r.kind = kind == "decision" ? RecordKind::Decision : kind == "action" ? RecordKind::Action : RecordKind::Note;
    r.text = st.column_text(3);
    r.at = st.column_text(4);
    r.who = st.column_text(5);
    r.action_item_id = st.column_int(6);
    if (r.kind == RecordKind::Action) {
      r.action_ref = st.column_text(7);
      r.text = st.column_text(8);
      r.owner = st.column_text(9);
      r.due = st.column_text(10);
      r.status = st.column_text(11);
      r.risks = st.column_text(12);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

const char* record_kind_name(RecordKind k) {
  switch (k) {
    case RecordKind::Note:
      return "note";
    case RecordKind::Decision:
      return "decision";
    case RecordKind::Action:
      return "action";
  }
  return "note";
}

std::int64_t create_session(Db& db, const SessionFields& f) {
  check_writable(db);
  check_fields(f);
  Transaction tx(db);
  detail::EditRecorder rec(db);
  Statement st = db.prepare("INSERT INTO sessions (title, board, held_on, attendees, id) VALUES (?, ?, ?, ?, ?)");
  st.bind(5, db.new_row_id("sessions"));
  st.bind(1, std::string(trim(f.title)))
      .bind(2, std::string(trim(f.board)))
      .bind(3, f.held_on)
      .bind(4, join_lines(f.attendees));
  st.run();
  const std::int64_t id = db.last_insert_rowid();
  rec.inserted("sessions", id);
  detail::finish(db, tx, "session", "session '" + std::string(trim(f.title)) + "' (" + f.held_on + ") created",
                 rec.changes);
  return id;
}

void update_session(Db& db, std::int64_t session_id, const SessionFields& f) {
  check_writable(db);
  check_fields(f);
  Transaction tx(db);
  require_session(db, session_id);
  detail::EditRecorder rec(db);
  const std::string was = session_title(db, session_id);
  const auto before = rec.before("sessions", session_id);
  Statement st = db.prepare("UPDATE sessions SET title = ?, board = ?, held_on = ?, attendees = ? WHERE id = ?");
  st.bind(1, std::string(trim(f.title)))
      .bind(2, std::string(trim(f.board)))
      .bind(3, f.held_on)
      .bind(4, join_lines(f.attendees));
  st.bind(5, session_id);
  st.run();
  rec.updated("sessions", session_id, before);
  if (rec.changes.empty()) return;  // nothing changed: nothing written
  detail::finish(db, tx, "session", "session " + was + " details changed", rec.changes);
}

std::vector<Session> list_sessions(Db& db) {
  std::vector<Session> out;
  if (!db.table_exists("sessions")) return out;
  Statement st = db.prepare("SELECT id FROM sessions ORDER BY held_on DESC, id DESC");
  while (st.step()) out.push_back(get_session(db, st.column_int(0)));
  return out;
}

Session get_session(Db& db, std::int64_t session_id) {
  require_session(db, session_id);
  Statement st = db.prepare(
      "SELECT id, title, board, held_on, attendees, created_at, COALESCE(started_at, ''), "
      "COALESCE(data_fingerprint, ''), COALESCE(packs, ''), "
      "(SELECT count(*) FROM agenda_items WHERE session_id = sessions.id) FROM sessions WHERE id = ?");
  st.bind(1, session_id);
  st.step();
  Session s;
  s.id = st.column_int(0);
  s.title = st.column_text(1);
  s.board = st.column_text(2);
  s.held_on = st.column_text(3);
  s.attendees = nonblank_lines(st.column_text(4));
  s.created_at = st.column_text(5);
  s.started_at = st.column_text(6);
  s.data_fingerprint = st.column_text(7);
  s.packs_json = st.column_text(8);
  s.items = static_cast<int>(st.column_int(9));
  return s;
}

bool mark_session_started(Db& db, std::int64_t session_id, const std::string& fingerprint, const std::string& packs) {
  check_writable(db);
  Transaction tx(db);
  require_session(db, session_id);
  Statement st = db.prepare(
      "UPDATE sessions SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), data_fingerprint = ?, packs = ? "
      "WHERE id = ? AND started_at IS NULL");
  st.bind(1, fingerprint).bind(2, packs).bind(3, session_id);
  st.run();
  Statement changed = db.prepare("SELECT changes()");
  changed.step();
  const bool started = changed.column_int(0) > 0;
  tx.commit();
  return started;
}

std::vector<AgendaItem> agenda(Db& db, std::int64_t session_id) {
  require_session(db, session_id);
  Statement st = db.prepare(std::string(kItemColumns) + "WHERE session_id = ? ORDER BY position");
  st.bind(1, session_id);
  std::vector<AgendaItem> out;
  while (st.step()) out.push_back(item_from(st));
  return out;
}

AgendaItem agenda_item_at(Db& db, std::int64_t session_id, int position) {
  require_session(db, session_id);
  Statement st = db.prepare(std::string(kItemColumns) + "WHERE session_id = ? AND position = ?");
  st.bind(1, session_id).bind(2, position);
  if (!st.step()) check_position(db, session_id, position, 0);
  return item_from(st);
}

AgendaItem agenda_item(Db& db, std::int64_t item_id) {
  check_sessions_schema(db);
  Statement st = db.prepare(std::string(kItemColumns) + "WHERE id = ?");
  st.bind(1, item_id);
  if (!st.step()) throw Error("there is no agenda item with id " + std::to_string(item_id));
  return item_from(st);
}

std::int64_t add_agenda_item(Db& db, std::int64_t session_id, const NewAgendaItem& item) {
  check_writable(db);
  check_text("note", item.note);
  check_text("view", item.view_id);
  if (trim(item.view_id).empty()) throw Error("an agenda item needs a view id");
  for (const auto& [k, v] : item.params) {
    check_text("parameter name", k);
    check_text("parameter " + k, v);
    if (k.empty()) throw Error("a parameter needs a name");
  }
  const std::string params = params_json(db, item.params);
  Transaction tx(db);
  require_session(db, session_id);
  const int n = agenda_length(db, session_id);
  const int position = item.position == 0 ? n + 1 : item.position;
  check_position(db, session_id, position, n + 1);
  detail::EditRecorder rec(db);
  Statement st = db.prepare(
      "INSERT INTO agenda_items (session_id, position, view_id, params, note, id) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(6, db.new_row_id("agenda_items"));
  st.bind(1, session_id)
      .bind(2, n + 1 + 1000000)
      .bind(3, std::string(trim(item.view_id)))
      .bind(4, params)
      .bind(5, item.note);
  st.run();
  const std::int64_t id = db.last_insert_rowid();
  rec.inserted("agenda_items", id);
  std::vector<std::int64_t> order = item_ids(db, session_id);
  order.erase(std::remove(order.begin(), order.end(), id), order.end());
  order.insert(order.begin() + (position - 1), id);
  renumber(rec, session_id, order);
  detail::finish(db, tx, "agenda", item_label(db, agenda_item(db, id)) + " added", rec.changes);
  return id;
}

void move_agenda_item(Db& db, std::int64_t session_id, int from, int to) {
  check_writable(db);
  Transaction tx(db);
  require_session(db, session_id);
  const int n = agenda_length(db, session_id);
  check_position(db, session_id, from, n);
  check_position(db, session_id, to, n);
  std::vector<std::int64_t> order = item_ids(db, session_id);
  const std::int64_t id = order[static_cast<std::size_t>(from - 1)];
  if (from == to) return;
  const std::string what = item_label(db, agenda_item(db, id));
  order.erase(order.begin() + (from - 1));
  order.insert(order.begin() + (to - 1), id);
  detail::EditRecorder rec(db);
  renumber(rec, session_id, order);
  detail::finish(db, tx, "agenda", what + " moved to position " + std::to_string(to), rec.changes);
}

void remove_agenda_item(Db& db, std::int64_t session_id, int position) {
  check_writable(db);
  Transaction tx(db);
  const AgendaItem it = agenda_item_at(db, session_id, position);
  Statement c = db.prepare("SELECT count(*) FROM session_records WHERE item_id = ?");
  c.bind(1, it.id);
  c.step();
  if (const auto n = c.column_int(0); n > 0)
    throw Error("agenda item " + std::to_string(position) + " (" + it.view_id + ") has " + std::to_string(n) +
                (n == 1 ? " record" : " records") + " against it; it was not removed, so nothing recorded is lost");
  // The snapshot goes with the item (ON DELETE CASCADE); it is deleted
  // first, and noted, so that undo brings the item back as presented.
  detail::EditRecorder rec(db);
  const std::string what = item_label(db, it);
  rec.deleting("agenda_snapshots", it.id);
  Statement snap = db.prepare("DELETE FROM agenda_snapshots WHERE item_id = ?");
  snap.bind(1, it.id);
  snap.run();
  rec.deleting("agenda_items", it.id);
  Statement del = db.prepare("DELETE FROM agenda_items WHERE id = ?");
  del.bind(1, it.id);
  del.run();
  renumber(rec, session_id, item_ids(db, session_id));
  detail::finish(db, tx, "agenda", what + " removed", rec.changes);
}

void set_agenda_note(Db& db, std::int64_t item_id, const std::string& note) {
  check_writable(db);
  check_text("note", note);
  Transaction tx(db);
  const AgendaItem it = agenda_item(db, item_id);
  detail::EditRecorder rec(db);
  const auto before = rec.before("agenda_items", item_id);
  Statement st = db.prepare("UPDATE agenda_items SET note = ? WHERE id = ?");
  st.bind(1, note).bind(2, item_id);
  st.run();
  rec.updated("agenda_items", item_id, before);
  if (rec.changes.empty()) return;
  const std::string description = "note of " + item_label(db, it) + " edited";
  if (const auto open = detail::open_typing_edit(db, "agenda", "agenda_items", item_id, kTypingSeconds, &description)) {
    detail::extend(db, tx, *open, rec.changes);
    return;
  }
  detail::finish(db, tx, "agenda", description, rec.changes);
}

void set_agenda_params(Db& db, std::int64_t item_id, const Params& params) {
  check_writable(db);
  const std::string json = params_json(db, params);
  Transaction tx(db);
  const AgendaItem it = agenda_item(db, item_id);
  detail::EditRecorder rec(db);
  const auto before = rec.before("agenda_items", item_id);
  Statement st = db.prepare("UPDATE agenda_items SET params = ? WHERE id = ?");
  st.bind(1, json).bind(2, item_id);
  st.run();
  rec.updated("agenda_items", item_id, before);
  if (rec.changes.empty()) return;
  detail::finish(db, tx, "agenda", "parameters of " + item_label(db, it) + " changed", rec.changes);
}

std::int64_t add_record(Db& db, std::int64_t item_id, RecordKind kind, const std::string& text) {
  check_writable(db);
  if (kind == RecordKind::Action)
    throw Error("an action is recorded with record_session_action (it becomes an action in the register)");
  check_text(record_kind_name(kind), text);
  Transaction tx(db);
  const AgendaItem it = agenda_item(db, item_id);
  detail::EditRecorder rec(db);
  Statement st = db.prepare("INSERT INTO session_records (item_id, kind, text, who, id) VALUES (?, ?, ?, ?, ?)");
  st.bind(5, db.new_row_id("session_records"));
  st.bind(1, item_id).bind(2, record_kind_name(kind)).bind(3, text).bind(4, current_user());
  st.run();
  const std::int64_t id = db.last_insert_rowid();
  rec.inserted("session_records", id);
  // Committed before returning: the caller may tell the user it is saved.
  detail::finish(db, tx, "session_record", std::string(record_kind_name(kind)) + " added to " + item_label(db, it),
                 rec.changes);
  return id;
}

void set_record_text(Db& db, std::int64_t record_id, const std::string& text) {
  check_writable(db);
  Statement k = db.prepare("SELECT kind, item_id FROM session_records WHERE id = ?");
  k.bind(1, record_id);
  if (!k.step()) throw Error("there is no session record " + std::to_string(record_id));
  const std::string kind = k.column_text(0);
  const std::int64_t k_item = k.column_int(1);
  if (kind == "action") throw Error("an action's text is its title in the actions table; edit the action there");
  check_text(kind, text);
  Transaction tx(db);
  detail::EditRecorder rec(db);
  const auto before = rec.before("session_records", record_id);
  Statement st = db.prepare(
      "UPDATE session_records SET text = ?, at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), who = ? WHERE id = ? AND "
      "text IS NOT ?");
  st.bind(1, text).bind(2, current_user()).bind(3, record_id).bind(4, text);
  st.run();
  rec.updated("session_records", record_id, before);
  if (rec.changes.empty()) return;
  // Text typed in one go (the window saves each pause in typing) is one
  // edit: the note's insert, or its first change, is extended.
  if (const auto open = detail::open_typing_edit(db, "session_record", "session_records", record_id, kTypingSeconds)) {
    detail::extend(db, tx, *open, rec.changes);
    return;
  }
  const AgendaItem it = agenda_item(db, k_item);
  detail::finish(db, tx, "session_record", kind + " on " + item_label(db, it) + " edited", rec.changes);
}

void delete_record(Db& db, std::int64_t record_id) {
  check_writable(db);
  Transaction tx(db);
  Statement k = db.prepare("SELECT kind, item_id FROM session_records WHERE id = ?");
  k.bind(1, record_id);
  if (!k.step()) throw Error("there is no session record " + std::to_string(record_id));
  const std::string kind = k.column_text(0);
  if (kind == "action")
    throw Error("an action is in the actions table; undo it (Ctrl+Z) rather than deleting its record");
  const AgendaItem it = agenda_item(db, k.column_int(1));
  detail::EditRecorder rec(db);
  rec.deleting("session_records", record_id);
  Statement del = db.prepare("DELETE FROM session_records WHERE id = ?");
  del.bind(1, record_id);
  del.run();
  detail::finish(db, tx, "session_record", kind + " deleted from " + item_label(db, it), rec.changes);
}

std::vector<SessionRecord> session_records(Db& db, std::int64_t session_id) {
  require_session(db, session_id);
  return records_where(db, "i.session_id = ?", session_id);
}

std::vector<SessionRecord> item_records(Db& db, std::int64_t item_id) {
  check_sessions_schema(db);
  return records_where(db, "r.item_id = ?", item_id);
}

void save_snapshot(Db& db, std::int64_t item_id, const std::string& fingerprint, const std::string& tree_json) {
  check_writable(db);
  Transaction tx(db);
  agenda_item(db, item_id);
  Statement st = db.prepare(
      "INSERT INTO agenda_snapshots (item_id, data_fingerprint, tree) VALUES (?, ?, ?) "
      "ON CONFLICT (item_id) DO UPDATE SET presented_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
      "data_fingerprint = excluded.data_fingerprint, tree = excluded.tree");
  st.bind(1, item_id).bind(2, fingerprint).bind(3, tree_json);
  st.run();
  tx.commit();
}

std::optional<Snapshot> snapshot(Db& db, std::int64_t item_id) {
  check_sessions_schema(db);
  Statement st =
      db.prepare("SELECT item_id, presented_at, data_fingerprint, tree FROM agenda_snapshots WHERE item_id = ?");
  st.bind(1, item_id);
  if (!st.step()) return std::nullopt;
  return Snapshot{st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3)};
}

std::vector<std::string> session_scenarios(Db& db, std::int64_t session_id) {
  std::vector<std::string> out;
  // What-if scenarios are another migration's tables; until they exist a
  // session has discussed none. Read only what is surely there.
  if (!db.table_exists("scenarios")) return out;
  const auto cols = db.column_names("scenarios");
  const auto has = [&](const char* c) { return std::find(cols.begin(), cols.end(), c) != cols.end(); };
  if (!has("session_id") || !has("name")) return out;
  Statement st = db.prepare("SELECT COALESCE(name, '') FROM scenarios WHERE session_id = ? ORDER BY rowid");
  st.bind(1, session_id);
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

std::string params_json(Db& db, const Params& params) {
  std::string sql = "SELECT json_object(";
  for (std::size_t i = 0; i < params.size(); ++i) sql += i ? ", ?, ?" : "?, ?";
  sql += ")";
  Statement st = db.prepare(sql);
  int k = 1;
  for (const auto& [name, value] : params) {
    st.bind(k++, name);
    st.bind(k++, value);
  }
  st.step();
  return st.column_text(0);
}

Params parse_params_json(const std::string& json) {
  Statement v = scratch_query("SELECT json_valid(?1) AND json_type(?1) = 'object'");
  v.bind(1, json);
  v.step();
  Params out;
  if (v.column_int(0) != 1) return out;  // the schema's CHECK keeps this from happening
  Statement st = scratch_query("SELECT key, CAST(value AS TEXT) FROM json_each(?) ORDER BY id");
  st.bind(1, json);
  while (st.step()) out.emplace_back(st.column_text(0), st.column_is_null(1) ? "" : st.column_text(1));
  return out;
}

}  // namespace gb::data
