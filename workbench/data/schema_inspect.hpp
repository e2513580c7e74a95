// The schema a governance database should have, and what else it holds:
// the read-only half of schema_check.hpp (which adds `govbench drop`).
//
// Shared databases are hostile files: a trigger planted on audit_log or
// session_records runs with every write the program makes, a view can be
// redefined to give packs other figures, and a table named like one of
// SQLite's table functions (json_each, pragma_table_info) hides that
// function from every query. inspect_schema() compares the database with
// what the migrations make (the schema image's list of objects, made at
// build time: schema_image.hpp); open_governance_db() guards every write
// connection so that a trigger the migrations did not make never runs
// (Db::guard_triggers).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

struct SchemaObject {
  std::string type;  // table, view, trigger, index
  std::string name;
  std::string table;  // the table a trigger or index belongs to
  std::string sql;
};
// What the migrations make, by lower-case name.
const std::map<std::string, SchemaObject>& expected_schema_objects();

struct SchemaFinding {
  enum class Kind {
    Unknown,    // not made by the migrations (nor, for a table, by an import)
    Changed,    // made by the migrations, but its SQL is not what they made
    Shadowing,  // a table named like one of SQLite's table functions
  };
  Kind kind = Kind::Unknown;
  std::string type, name, table, sql;
  // "trigger 'x' on table 'audit_log' was not made by govbench's schema migrations"
  std::string message() const;
};
// Every table, view and trigger of a database at the latest schema version
// that the migrations did not make, or made differently; empty for an older
// version (it is checked once migrated). Internal sqlite_* tables and
// indexes are not reported.
std::vector<SchemaFinding> inspect_schema(Db& db);

// The triggers in db that are not exactly as the migrations made them,
// name -> table (what Db::guard_triggers refuses to run).
Db::UntrustedTriggers untrusted_triggers(Db& db);

// Why `name` cannot be a table's name, or nullopt: names of SQLite's
// internal objects (sqlite_*), of its table-valued functions (pragma_*,
// json_each, json_tree, and every module the library registers), which a
// table of that name would hide from every query.
std::optional<std::string> reserved_table_name(std::string_view name);

}  // namespace gb::data
