#include "script/script_db.hpp"

#include <sqlite3.h>

#include <array>
#include <string_view>

namespace gb::script {

namespace {

// PRAGMAs a pack may read. Anything else, and any PRAGMA that sets a value,
// is refused.
constexpr std::array<std::string_view, 17> kReadPragmas = {
    "table_info",   "table_xinfo",     "index_list",    "index_info",     "index_xinfo",    "foreign_key_list",
    "user_version", "schema_version",  "data_version",  "application_id", "page_count",     "page_size",
    "encoding",     "freelist_count",  "table_list",    "collation_list", "function_list"};
// Of those, the ones whose argument names a table or index rather than
// setting a value.
constexpr std::array<std::string_view, 6> kPragmasWithArgument = {"table_info",  "table_xinfo", "index_list",
                                                                   "index_info",  "index_xinfo", "foreign_key_list"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  for (auto x : list)
    if (sqlite3_stricmp(std::string(x).c_str(), std::string(name).c_str()) == 0) return true;
  return false;
}

const char* action_name(int action) {
  switch (action) {
    case SQLITE_INSERT: return "INSERT";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_TRANSACTION: return "a transaction statement";
    case SQLITE_SAVEPOINT: return "SAVEPOINT";
    case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
    case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE";
    case SQLITE_CREATE_INDEX: case SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX";
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_TEMP_TABLE: return "CREATE TABLE";
    case SQLITE_CREATE_TRIGGER: case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER";
    case SQLITE_CREATE_VIEW: case SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW";
    case SQLITE_DROP_INDEX: case SQLITE_DROP_TEMP_INDEX: return "DROP INDEX";
    case SQLITE_DROP_TABLE: case SQLITE_DROP_TEMP_TABLE: return "DROP TABLE";
    case SQLITE_DROP_TRIGGER: case SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER";
    case SQLITE_DROP_VIEW: case SQLITE_DROP_TEMP_VIEW: return "DROP VIEW";
    default: return "this statement";
  }
}

}  // namespace

ScriptDb::ScriptDb(const std::filesystem::path& path) : db_(data::Db::open(path, data::OpenMode::ReadOnly)) {
  sqlite3* h = db_.handle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  // A double-quoted name is a column, never a string: SQLite's old fallback
  // turned a misspelled "column" into a text literal (avg() of it is 0), a
  // plausible wrong figure with no error.
  sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
  sqlite3_limit(h, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
  sqlite3_limit(h, SQLITE_LIMIT_LENGTH, 64 << 20);
  sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer(h, &ScriptDb::authorize, this);
  sqlite3_progress_handler(h, 1000, &ScriptDb::progress, this);
}

ScriptDb::~ScriptDb() {
  sqlite3_set_authorizer(db_.handle(), nullptr, nullptr);
  sqlite3_progress_handler(db_.handle(), 0, nullptr, nullptr);
}

ScriptDb::TempWrites::TempWrites(ScriptDb& db) : db_(db) {
  db_.temp_writes_ = true;
  // Host work: not under the budget of the last pack call.
  db_.deadline_ = std::chrono::steady_clock::time_point::max();
  // query_only (set for read-only connections) refuses TEMP writes too.
  sqlite3_exec(db_.handle(), "PRAGMA query_only = 0", nullptr, nullptr, nullptr);
}

ScriptDb::TempWrites::~TempWrites() {
  sqlite3_exec(db_.handle(), "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
  db_.temp_writes_ = false;
}

namespace {

// What the host may do inside a TempWrites scope: TEMP objects only.
bool temp_write_allowed(int action, const char* a, const char* db) {
  switch (action) {
    case SQLITE_CREATE_TEMP_TABLE: case SQLITE_CREATE_TEMP_VIEW: case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE: case SQLITE_DROP_TEMP_VIEW: case SQLITE_DROP_TEMP_INDEX:
      return true;
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE:
      return db && sqlite3_stricmp(db, "temp") == 0;
    case SQLITE_PRAGMA:
      return a && sqlite3_stricmp(a, "query_only") == 0;
    default:
      return false;
  }
}

}  // namespace

int ScriptDb::authorize(void* p, int action, const char* a, const char* b, const char* db, const char* /*trigger*/) {
  auto* self = static_cast<ScriptDb*>(p);
  if (self->temp_writes_ && temp_write_allowed(action, a, db)) return SQLITE_OK;
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      if (b && sqlite3_stricmp(b, "load_extension") == 0) {
        if (self->denial_.empty()) self->denial_ = "load_extension() is not allowed";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    case SQLITE_PRAGMA: {
      const std::string_view name = a ? a : "";
      if (contains(kReadPragmas, name) && (!b || contains(kPragmasWithArgument, name))) return SQLITE_OK;
      if (self->denial_.empty()) self->denial_ = "PRAGMA " + std::string(name) + (b ? " with a value" : "") + " is not allowed";
      return SQLITE_DENY;
    }
    default: {
      // DDL reaches the authorizer first as a write to sqlite_schema (and
      // stops there), so say what that write means.
      const bool schema_write = (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) && a &&
                                sqlite3_strnicmp(a, "sqlite_", 7) == 0;
      if (self->denial_.empty())
        self->denial_ = schema_write ? std::string("changing the schema (CREATE, DROP, ALTER) is not allowed")
                                     : std::string(action_name(action)) + " is not allowed";
      return SQLITE_DENY;
    }
  }
}

int ScriptDb::progress(void* p) { return static_cast<ScriptDb*>(p)->deadline_passed() ? 1 : 0; }

}  // namespace gb::script
