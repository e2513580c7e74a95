// Whole-table changes on a team replica (replica.hpp): an import creates,
// replaces or appends to a table, and `drop` removes one. Imported tables
// have no primary key, so SQLite's session extension cannot record their
// rows; such a transaction is recorded as a change of kind "table" whose
// payload replays it exactly:
//
//   payload = 8-byte length (little-endian) | table image | changeset
//
// The image is a small SQLite database (serialized) holding the table as
// the change left it (for an append, only the rows it added), with their
// rowids, and a row saying what the change was:
//   _govbench_table(name, mode, ddl, old_max)  mode: create, replace, append, drop
// The changeset holds the transaction's other writes (the imports row, the
// audit row). What undoes a pending table change (to rebase it) is kept
// beside it, never sent: the table's image before the change ("" when the
// table did not exist).
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <cstring>

#include "core/text.hpp"
#include "data/replica.hpp"
#include "data/replica_internal.hpp"
#include "data/schema_inspect.hpp"

namespace gb::data::detail {

namespace {

std::string rowid_name(const std::vector<std::string>& cols) {
  for (const char* n : {"_rowid_", "rowid", "oid"}) {
    bool taken = false;
    for (const auto& c : cols) taken = taken || iequals_ascii(c, n);
    if (!taken) return n;
  }
  throw Error("a table with columns named _rowid_, rowid and oid cannot take part in team changes");
}

std::string serialize(Db& mem) {
  sqlite3_int64 size = 0;
  unsigned char* out = sqlite3_serialize(mem.handle(), "main", &size, 0);
  if (!out) throw Error("out of memory while recording a table change");
  std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  sqlite3_free(out);
  return bytes;
}

Db deserialize(const std::string& bytes, const std::string& what) {
  if (bytes.size() < 100 || bytes.compare(0, 15, "SQLite format 3") != 0) throw Error(what + " is not a table image");
  Db mem = Db::open_memory();
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (!buf) throw Error("out of memory reading " + what);
  std::memcpy(buf, bytes.data(), bytes.size());
  buf[18] = buf[19] = 1;  // never WAL in memory
  if (sqlite3_deserialize(mem.handle(), "main", buf, static_cast<sqlite3_int64>(bytes.size()),
                          static_cast<sqlite3_int64>(bytes.size()),
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    throw Error(what + " is not a table image");
  mem.exec("PRAGMA query_only = ON");
  return mem;
}

std::string table_sql(Db& db, std::string_view table) {
  Statement st = db.prepare("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  if (!st.step()) return "";
  return st.column_text(0);
}

// Copies rows from one connection's table to another's, rowids kept.
void copy_rows(Db& from, const std::string& from_table, Db& to, const std::string& to_table, std::int64_t after) {
  const auto cols = from.column_names(from_table);
  const std::string rid = rowid_name(cols);
  std::string list, marks;
  for (const auto& c : cols) {
    list += ", " + quote_identifier(c);
    marks += ", ?";
  }
  Statement read = from.prepare("SELECT " + rid + list + " FROM " + quote_identifier(from_table) + " WHERE " + rid +
                                " > ? ORDER BY " + rid);
  read.bind(1, after);
  Statement write = to.prepare("INSERT INTO " + quote_identifier(to_table) + " (" + rowid_name(cols) + list +
                               ") VALUES (?" + marks + ")");
  const int n = static_cast<int>(cols.size()) + 1;
  while (read.step()) {
    write.reset();
    for (int i = 0; i < n; ++i) write.bind(i + 1, read.column_value(i));
    write.run();
  }
}

}  // namespace

std::string table_image(Db& db, std::string_view table, std::string_view mode, std::int64_t old_max) {
  Db mem = Db::open_memory();
  const std::string ddl = mode == "drop" ? "" : table_sql(db, table);
  if (mode != "drop" && ddl.empty()) throw Error("table " + std::string(table) + " does not exist");
  mem.exec("CREATE TABLE _govbench_table (name TEXT, mode TEXT, ddl TEXT, old_max INTEGER)");
  Statement meta = mem.prepare("INSERT INTO _govbench_table VALUES (?, ?, ?, ?)");
  meta.bind(1, table).bind(2, mode).bind(3, ddl).bind(4, old_max).run();
  if (!ddl.empty()) {
    mem.exec(ddl);
    copy_rows(db, std::string(table), mem, std::string(table), mode == "append" ? old_max : INT64_MIN);
  }
  return serialize(mem);
}

std::string encode_table_change(const std::string& image, const std::string& changeset) {
  std::string out(8, '\0');
  std::uint64_t n = image.size();
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out + image + changeset;
}

void decode_table_change(std::string_view payload, std::string& image, std::string& changeset) {
  if (payload.size() < 8) throw Error("a table change is cut short");
  std::uint64_t n = 0;
  for (int i = 0; i < 8; ++i)
    n |= static_cast<std::uint64_t>(static_cast<unsigned char>(payload[static_cast<std::size_t>(i)])) << (8 * i);
  if (n > payload.size() - 8) throw Error("a table change is cut short");
  image.assign(payload.substr(8, n));
  changeset.assign(payload.substr(8 + n));
}

TableImageInfo image_info(const std::string& image) {
  Db mem = deserialize(image, "a table change");
  Statement st = mem.prepare("SELECT name, mode, ddl, old_max FROM _govbench_table");
  if (!st.step()) throw Error("a table change says nothing of its table");
  TableImageInfo info{st.column_text(0), st.column_text(1), st.column_is_null(2) ? "" : st.column_text(2),
                      st.column_int(3)};
  if (info.mode != "create" && info.mode != "replace" && info.mode != "append" && info.mode != "drop")
    throw Error("a table change of an unknown kind ('" + info.mode + "')");
  if (!is_recorded_table(info.name) || info.name.starts_with("_govbench"))
    throw Error("a table change for table '" + info.name + "', which is not one of the team's tables");
  if (expected_schema_objects().count(to_lower_ascii(info.name)))
    throw Error("a table change would replace table '" + info.name +
                "' of the governance schema, which only row changes may touch");
  if (info.mode != "drop") {
    // The image's own schema is the proof of what its DDL makes: one plain
    // table of that name, without keys, triggers or indexes.
    Statement objs = mem.prepare("SELECT type, name FROM sqlite_schema WHERE name <> '_govbench_table'");
    int n = 0;
    while (objs.step()) {
      ++n;
      if (objs.column_text(0) != "table" || objs.column_text(1) != info.name)
        throw Error("a table change for '" + info.name + "' carries more than the table");
    }
    if (n != 1 || table_sql(mem, info.name) != info.ddl)
      throw Error("a table change for '" + info.name + "' does not hold the table it describes");
    Statement pk = mem.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE pk > 0");
    pk.bind(1, info.name);
    pk.step();
    if (pk.column_int(0) > 0) throw Error("a table change for '" + info.name + "' declares a primary key");
  }
  return info;
}

void apply_table_image(Db& db, const std::string& image) {
  const TableImageInfo info = image_info(image);
  const std::string qt = quote_identifier(info.name);
  if (info.mode == "drop") {
    db.exec("DROP TABLE IF EXISTS " + qt);
    return;
  }
  Db mem = deserialize(image, "a table change");
  if (info.mode == "append") {
    if (table_sql(db, info.name).empty())
      throw Error("rows appended to table '" + info.name + "', which this replica does not have");
  } else {
    db.exec("DROP TABLE IF EXISTS " + qt);
    db.exec(info.ddl);
  }
  copy_rows(mem, info.name, db, info.name, INT64_MIN);
}

void reapply_table_image(Db& db, const std::string& image) {
  const TableImageInfo info = image_info(image);
  if (info.mode != "append" || table_sql(db, info.name).empty()) {
    apply_table_image(db, image);
    return;
  }
  Db mem = deserialize(image, "a table change");
  const auto cols = mem.column_names(info.name);
  std::string list, marks;
  for (const auto& c : cols) {
    list += (list.empty() ? "" : ", ") + quote_identifier(c);
    marks += marks.empty() ? "?" : ", ?";
  }
  Statement read =
      mem.prepare("SELECT " + list + " FROM " + quote_identifier(info.name) + " ORDER BY " + rowid_name(cols));
  Statement write = db.prepare("INSERT INTO " + quote_identifier(info.name) + " (" + list + ") VALUES (" + marks + ")");
  while (read.step()) {
    write.reset();
    for (int i = 0; i < static_cast<int>(cols.size()); ++i) write.bind(i + 1, read.column_value(i));
    write.run();
  }
}

void undo_table_change(Db& db, const std::string& image, const std::string& before) {
  const TableImageInfo info = image_info(image);
  const std::string qt = quote_identifier(info.name);
  if (info.mode == "append") {
    const std::string rid = rowid_name(db.column_names(info.name));
    Statement del = db.prepare("DELETE FROM " + qt + " WHERE " + rid + " > ?");
    del.bind(1, info.old_max).run();
    return;
  }
  db.exec("DROP TABLE IF EXISTS " + qt);
  if (!before.empty()) apply_table_image(db, before);
}

}  // namespace gb::data::detail
