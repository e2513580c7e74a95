// A team replica's own tables (replica.hpp): its settings, its pending
// changes, its copy of the hub's log, its fingerprint and its snapshot.
#include "data/replica.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

#include "data/edits_internal.hpp"
#include "data/replica_internal.hpp"
#include "data/settings.hpp"

namespace gb::data {

namespace {

constexpr std::string_view kTeamTables = R"(
CREATE TABLE team_replica (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  hub        TEXT    NOT NULL,
  team_id    TEXT    NOT NULL,
  member     TEXT    NOT NULL,
  display    TEXT    NOT NULL,
  replica    INTEGER NOT NULL CHECK (replica > 0),
  key_file   TEXT    NOT NULL,
  head       INTEGER NOT NULL DEFAULT 0,
  last_sync  TEXT,
  last_error TEXT
);
CREATE TABLE team_pending (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT    NOT NULL UNIQUE,
  created_at TEXT    NOT NULL,
  author     TEXT    NOT NULL,
  summary    TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  payload    BLOB    NOT NULL,
  undo       BLOB
);
CREATE TABLE team_log (
  seq        INTEGER PRIMARY KEY,
  parent     INTEGER NOT NULL,
  uuid       TEXT    NOT NULL UNIQUE,
  author     TEXT    NOT NULL,
  replica    INTEGER,
  created_at TEXT    NOT NULL,
  pushed_at  TEXT,
  summary    TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  bytes      INTEGER NOT NULL
);
CREATE TABLE team_conflicts (
  id             INTEGER PRIMARY KEY,
  tbl            TEXT    NOT NULL,
  op             TEXT    NOT NULL,
  row_key        TEXT    NOT NULL,
  columns        TEXT    NOT NULL,
  held           BLOB,
  mine_by        TEXT, mine_at TEXT, mine_summary TEXT,
  theirs_by      TEXT, theirs_at TEXT, theirs_summary TEXT, theirs_seq INTEGER,
  found_at       TEXT    NOT NULL,
  kept           TEXT    CHECK (kept IN ('mine', 'theirs')),
  resolved_at    TEXT,
  resolved_by    TEXT
);
)";

std::string text_or_empty(const Statement& st, int i) {
  return st.column_is_null(i) ? "" : st.column_text(i);
}

}  // namespace

std::string_view detail::team_tables_sql() {
  return kTeamTables;
}

std::string new_change_uuid(Db& db) {
  Statement st = db.prepare("SELECT lower(hex(randomblob(16)))");
  st.step();
  std::string h = st.column_text(0);
  h[12] = '4';  // version 4
  h[16] = "89ab"[(h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string utc_now(Db& db) {
  Statement st = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
  st.step();
  return st.column_text(0);
}

bool is_replica(Db& db) {
  return db.table_exists("team_replica");
}

void make_replica(Db& db, const ReplicaInfo& info) {
  if (is_replica(db)) throw Error(db.path().string() + " is already a team replica (of " + replica_info(db)->hub + ")");
  if (info.replica <= 0) throw Error("a replica number must be positive");
  Transaction tx(db);
  for (const auto& t : db.table_names()) {
    if (!is_recorded_table(t)) continue;
    Statement st = db.prepare("SELECT max(rowid) FROM " + quote_identifier(t));
    if (st.step() && !st.column_is_null(0) && st.column_int(0) >= Db::kIdBlock)
      throw Error("table " + t + " has row ids of " + std::to_string(Db::kIdBlock) +
                  " or more, which team mode gives to the replicas' new rows; renumber them first");
  }
  db.exec(kTeamTables);
  Statement ins = db.prepare(
      "INSERT INTO team_replica (id, hub, team_id, member, display, replica, key_file, head) "
      "VALUES (1, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, info.hub).bind(2, info.team_id).bind(3, info.member).bind(4, info.display);
  ins.bind(5, info.replica).bind(6, info.key_file).bind(7, info.head);
  ins.run();
  tx.commit();
  db.start_capture();
}

void ensure_manual_source(Db& db) {
  Transaction tx(db);
  detail::manual_source(db);
  tx.commit();
}

std::optional<ReplicaInfo> replica_info(Db& db) {
  if (!is_replica(db)) return std::nullopt;
  Statement st = db.prepare(
      "SELECT hub, team_id, member, display, replica, key_file, head, last_sync, last_error FROM team_replica "
      "WHERE id = 1");
  if (!st.step()) return std::nullopt;
  return ReplicaInfo{.hub = st.column_text(0),
                     .team_id = st.column_text(1),
                     .member = st.column_text(2),
                     .display = st.column_text(3),
                     .replica = st.column_int(4),
                     .key_file = st.column_text(5),
                     .head = st.column_int(6),
                     .last_sync = text_or_empty(st, 7),
                     .last_error = text_or_empty(st, 8)};
}

void set_replica_head(Db& db, std::int64_t head) {
  Statement st = db.prepare("UPDATE team_replica SET head = ? WHERE id = 1");
  st.bind(1, head).run();
}

void record_sync(Db& db, const std::string& error) {
  Db::CaptureOff off(db);
  Statement st = db.prepare(
      "UPDATE team_replica SET last_sync = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), last_error = ? WHERE id = 1");
  if (error.empty())
    st.bind(1, nullptr);
  else
    st.bind(1, error);
  st.run();
}

namespace detail {

void add_pending(Db& db, const LocalChange& c) {
  Statement st = db.prepare(
      "INSERT INTO team_pending (uuid, created_at, author, summary, kind, payload, undo) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.uuid).bind(2, c.created_at).bind(3, c.author).bind(4, c.summary).bind(5, c.kind);
  sqlite3_bind_blob64(st.handle(), 6, c.payload.data(), c.payload.size(), SQLITE_TRANSIENT);
  if (c.undo.empty())
    st.bind(7, nullptr);
  else
    sqlite3_bind_blob64(st.handle(), 7, c.undo.data(), c.undo.size(), SQLITE_TRANSIENT);
  st.run();
}

}  // namespace detail

std::vector<LocalChange> pending_changes(Db& db) {
  std::vector<LocalChange> out;
  if (!is_replica(db)) return out;
  Statement st =
      db.prepare("SELECT id, uuid, created_at, author, summary, kind, payload, undo FROM team_pending ORDER BY id");
  while (st.step())
    out.push_back(LocalChange{.id = st.column_int(0),
                              .uuid = st.column_text(1),
                              .created_at = st.column_text(2),
                              .author = st.column_text(3),
                              .summary = st.column_text(4),
                              .kind = st.column_text(5),
                              .payload = st.column_blob(6),
                              .undo = st.column_is_null(7) ? "" : st.column_blob(7)});
  return out;
}

void mark_pushed(Db& db, const std::vector<LocalChange>& pushed, std::int64_t first_seq, std::int64_t parent,
                 const std::string& pushed_at) {
  Db::CaptureOff off(db);
  Transaction tx(db);
  Statement log = db.prepare(
      "INSERT INTO team_log (seq, parent, uuid, author, replica, created_at, pushed_at, summary, kind, bytes) "
      "VALUES (?, ?, ?, ?, (SELECT replica FROM team_replica WHERE id = 1), ?, ?, ?, ?, ?)");
  Statement del = db.prepare("DELETE FROM team_pending WHERE id = ?");
  std::int64_t seq = first_seq, par = parent;
  for (const LocalChange& c : pushed) {
    log.reset();
    log.bind(1, seq).bind(2, par).bind(3, c.uuid).bind(4, c.author).bind(5, c.created_at).bind(6, pushed_at);
    log.bind(7, c.summary).bind(8, c.kind).bind(9, static_cast<std::int64_t>(c.payload.size()));
    log.run();
    del.reset();
    del.bind(1, c.id).run();
    par = seq++;
  }
  set_replica_head(db, par);
  tx.commit();
}

std::vector<LogEntry> team_log(Db& db, int limit) {
  std::vector<LogEntry> out;
  if (!is_replica(db) || limit <= 0) return out;
  Statement st = db.prepare(
      "SELECT seq, author, created_at, summary, kind, bytes FROM ("
      "SELECT 0 AS seq, author, created_at, summary, kind, length(payload) AS bytes, id AS local FROM team_pending "
      "UNION ALL SELECT seq, author, created_at, summary, kind, bytes, 0 FROM team_log) "
      "ORDER BY seq = 0 DESC, seq DESC, local DESC LIMIT ?");
  st.bind(1, limit);
  while (st.step())
    out.push_back(LogEntry{.seq = st.column_int(0),
                           .author = st.column_text(1),
                           .created_at = st.column_text(2),
                           .summary = st.column_text(3),
                           .kind = st.column_text(4),
                           .bytes = st.column_int(5)});
  return out;
}

std::string replica_fingerprint(Db& db) {
  return detail::fingerprint_tables(db, [&](const std::string& table) -> std::optional<std::string> {
    if (!is_recorded_table(table)) return std::nullopt;
    // By every column, not by rowid: a table keyed by text gets its rowids
    // from the order its rows arrived in, which differs between replicas.
    const auto cols = db.column_names(table);
    std::string order;
    for (std::size_t i = 1; i <= cols.size(); ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
    return "SELECT * FROM " + quote_identifier(table) + (order.empty() ? "" : " ORDER BY " + order);
  });
}

std::string snapshot_bytes(Db& db) {
  sqlite3_int64 size = 0;
  unsigned char* raw = sqlite3_serialize(db.handle(), "main", &size, 0);
  if (!raw) throw Error("cannot take a snapshot of " + db.path().string() + ": out of memory");
  // A copy in memory cannot keep a write-ahead log: the header's WAL flags
  // (bytes 18 and 19) go back to a rollback journal's.
  if (size > 19) raw[18] = raw[19] = 1;
  Db copy = Db::open_memory();
  if (sqlite3_deserialize(copy.handle(), "main", raw, size, size,
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    throw Error("cannot take a snapshot of " + db.path().string() + ": " + sqlite3_errmsg(copy.handle()));
  for (const auto& t : copy.table_names())
    if (t.starts_with("team_")) copy.exec("DROP TABLE " + quote_identifier(t));
  copy.exec("VACUUM");
  unsigned char* out = sqlite3_serialize(copy.handle(), "main", &size, 0);
  if (!out) throw Error("cannot take a snapshot of " + db.path().string() + ": out of memory");
  std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  sqlite3_free(out);
  // The header's WAL flags (bytes 18 and 19) would have SQLite look for a
  // -wal file beside the joined copy: a snapshot is a rollback-journal file.
  if (bytes.size() > 19) bytes[18] = bytes[19] = 1;
  return bytes;
}

}  // namespace gb::data
