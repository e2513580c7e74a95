#include "data/schema_check.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "core/text.hpp"
#include "data/audit_log.hpp"
#include "data/migrations.hpp"
#include "data/replica.hpp"
#include "data/replica_internal.hpp"
#include "data/schema_image.hpp"

namespace gb::data {

namespace {

std::vector<SchemaObject> objects_of(Db& db) {
  std::vector<SchemaObject> out;
  Statement st = db.prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger', 'index') "
      "ORDER BY rowid");
  while (st.step())
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2),
                   st.column_is_null(3) ? std::string() : st.column_text(3)});
  return out;
}

const SchemaObject* expected(const std::string& name) {
  const auto& all = expected_schema_objects();
  auto it = all.find(to_lower_ascii(name));
  return it == all.end() ? nullptr : &it->second;
}

// SQLite's modules (table-valued functions and virtual table kinds), as this
// library registers them, lower-case.
const std::set<std::string>& module_names() {
  static const std::set<std::string> names = [] {
    std::set<std::string> out{"json_each",   "json_tree",       "dbstat",  "sqlite_dbpage",
                              "sqlite_stmt", "generate_series", "carray",  "bytecode",
                              "tables_used", "fts3tokenize",    "fts4aux", "fts5vocab"};
    Db db = Db::open_memory();
    Statement st = db.prepare("PRAGMA module_list");
    while (st.step()) out.insert(to_lower_ascii(st.column_text(0)));
    return out;
  }();
  return names;
}

// A team replica's own tables as make_replica creates them (data/replica.hpp).
const std::map<std::string, SchemaObject>& team_schema_objects() {
  static const std::map<std::string, SchemaObject> all = [] {
    Db db = Db::open_memory();
    db.exec(detail::team_tables_sql());
    std::map<std::string, SchemaObject> out;
    for (auto& o : objects_of(db)) out.emplace(to_lower_ascii(o.name), std::move(o));
    return out;
  }();
  return all;
}

bool team_object(const SchemaObject& o) {
  const auto& all = team_schema_objects();
  const auto it = all.find(to_lower_ascii(o.name));
  return it != all.end() && it->second.type == o.type && it->second.sql == o.sql;
}

std::set<std::string> imported_tables(Db& db) {
  std::set<std::string> out;
  if (!db.table_exists("imports")) return out;
  Statement st = db.prepare("SELECT DISTINCT lower(tbl) FROM imports");
  while (st.step()) out.insert(st.column_text(0));
  return out;
}

}  // namespace

const std::map<std::string, SchemaObject>& expected_schema_objects() {
  static const std::map<std::string, SchemaObject> all = [] {
    std::map<std::string, SchemaObject> out;
    if (schema_image_usable()) {  // what the migrations made at build time, with this SQLite (schema_image.hpp)
      for (const auto& o : schema_image().objects)
        out.emplace(to_lower_ascii(o.name),
                    SchemaObject{std::string(o.type), std::string(o.name), std::string(o.table), std::string(o.sql)});
      return out;
    }
    Db db = Db::open_memory();
    migrate(db, {.use_schema_image = false});
    for (auto& o : objects_of(db)) out.emplace(to_lower_ascii(o.name), std::move(o));
    return out;
  }();
  return all;
}

std::string SchemaFinding::message() const {
  const std::string what = type + " '" + name + "'" + (type == "trigger" ? " on table '" + table + "'" : "");
  switch (kind) {
    case Kind::Changed:
      return what + " is not as govbench's schema migrations made it (its SQL was changed)";
    case Kind::Shadowing:
      return what + " cannot be a table's name: " + *reserved_table_name(name);
    case Kind::Unknown:
      break;
  }
  return what + " was not made by govbench's schema migrations" + (type == "table" ? " nor by an import" : "");
}

std::vector<SchemaFinding> inspect_schema(Db& db) {
  std::vector<SchemaFinding> out;
  if (db.user_version() != latest_schema_version()) return out;
  const auto imported = imported_tables(db);
  const bool replica = is_replica(db);
  for (const auto& o : objects_of(db)) {
    if (o.type == "index" || to_lower_ascii(o.name).starts_with("sqlite_")) continue;
    SchemaFinding f{SchemaFinding::Kind::Unknown, o.type, o.name, o.table, o.sql};
    if (o.type == "table" && reserved_table_name(o.name)) {
      f.kind = SchemaFinding::Kind::Shadowing;
    } else if (const SchemaObject* e = expected(o.name); e && e->type == o.type) {
      if (e->sql == o.sql && to_lower_ascii(e->table) == to_lower_ascii(o.table)) continue;
      f.kind = SchemaFinding::Kind::Changed;
    } else if ((o.type == "table" && imported.count(to_lower_ascii(o.name))) || (replica && team_object(o))) {
      continue;  // an import's table, or a team replica's own (team_replica, ...) as make_replica made it
    }
    out.push_back(std::move(f));
  }
  return out;
}

Db::UntrustedTriggers untrusted_triggers(Db& db) {
  Db::UntrustedTriggers out;
  for (const auto& o : objects_of(db)) {
    if (o.type != "trigger") continue;
    const SchemaObject* e = expected(o.name);
    if (e && e->type == "trigger" && e->sql == o.sql) continue;
    out.emplace(o.name, o.table);
  }
  return out;
}

std::optional<std::string> reserved_table_name(std::string_view name) {
  const std::string lower = to_lower_ascii(name);
  if (lower.starts_with("sqlite_")) return "names beginning 'sqlite_' are reserved for SQLite's own tables";
  if (lower.starts_with("pragma_"))
    return "names beginning 'pragma_' are SQLite's table-valued pragmas (pragma_table_info, ...), which a table of "
           "that name would hide";
  if (module_names().count(lower))
    return "'" + lower +
           "' is one of SQLite's table-valued functions or virtual table kinds, which a table of that "
           "name would hide";
  return std::nullopt;
}

DropResult drop_object(Db& db, const std::string& name) {
  SchemaObject found;
  bool exists = false;
  for (auto& o : objects_of(db))
    if (o.type != "index" && iequals_ascii(o.name, name)) {
      found = std::move(o);
      exists = true;
    }
  if (!exists) throw Error("no table, view or trigger named '" + name + "' in " + db.path().string());
  if (to_lower_ascii(found.name).starts_with("sqlite_"))
    throw Error("'" + found.name + "' is one of SQLite's own tables; it cannot be dropped");
  DropResult r;
  r.type = found.type;
  r.name = found.name;
  const SchemaObject* e = expected(found.name);
  if (e && e->type == found.type) {
    if (e->sql == found.sql)
      throw Error(found.type + " '" + found.name +
                  "' is part of the governance schema (govbench's migrations made it); it cannot be dropped");
    if (found.type == "table")
      throw Error("table '" + found.name +
                  "' of the governance schema is not as the migrations made it; govbench will not drop or rebuild "
                  "it: restore the database from a backup");
    // A changed schema view or trigger: put back what the migrations made.
    Transaction tx(db);
    db.exec("DROP " + found.type + " " + quote_identifier(found.name));
    db.exec(e->sql);
    record_audit(db, AuditEntry{.action = "update",
                                .table = found.type == "trigger" ? found.table : found.name,
                                .row_id = "",
                                .before = found.sql,
                                .after = e->sql});
    tx.commit();
    r.restored = true;
    return r;
  }
  if (found.type == "table") {
    Statement st = db.prepare("SELECT count(*) FROM " + quote_identifier(found.name));
    st.step();
    r.rows = st.column_int(0);
  }
  r.backup = back_up_database(db, "before-drop", "before dropping " + found.type + " '" + found.name + "'");
  Transaction tx(db);
  const bool whole_table = found.type == "table";
  if (whole_table) db.capture_table_begin(found.name);  // a team replica records it (Db::capture_table_begin)
  db.exec("DROP " + found.type + " " + quote_identifier(found.name));
  if (whole_table) {
    db.note_change_summary("Dropped table " + found.name + " (" + std::to_string(r.rows) + " rows)");
    db.capture_table_end(found.name, "drop");
  }
  std::string before = "{\"drop\":";
  append_json_string(before, found.type);
  before += ",\"name\":";
  append_json_string(before, found.name);
  before += ",\"sql\":";
  append_json_string(before, found.sql);
  before += ",\"rows\":" + std::to_string(r.rows) + ",\"backup\":";
  append_json_string(before, r.backup.string());
  before += "}";
  record_audit(db, AuditEntry{.action = "delete",
                              .table = found.type == "trigger" ? found.table : found.name,
                              .row_id = "",
                              .before = before,
                              .after = ""});
  tx.commit();
  return r;
}

}  // namespace gb::data
