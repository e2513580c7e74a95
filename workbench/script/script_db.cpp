#include "script/script_db.hpp"

#include <sqlite3.h>

#include <array>
#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace gb::script {

namespace {

// PRAGMAs a pack may read. Anything else, and any PRAGMA that sets a value,
// is refused.
constexpr std::array<std::string_view, 17> kReadPragmas = {
    "table_info",   "table_xinfo",    "index_list",   "index_info",     "index_xinfo",  "foreign_key_list",
    "user_version", "schema_version", "data_version", "application_id", "page_count",   "page_size",
    "encoding",     "freelist_count", "table_list",   "collation_list", "function_list"};
// Of those, the ones whose argument names a table or index rather than
// setting a value.
constexpr std::array<std::string_view, 6> kPragmasWithArgument = {"table_info", "table_xinfo", "index_list",
                                                                  "index_info", "index_xinfo", "foreign_key_list"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  for (auto x : list)
    if (sqlite3_stricmp(std::string(x).c_str(), std::string(name).c_str()) == 0) return true;
  return false;
}

const char* action_name(int action) {
  switch (action) {
    case SQLITE_INSERT:
      return "INSERT";
    case SQLITE_UPDATE:
      return "UPDATE";
    case SQLITE_DELETE:
      return "DELETE";
    case SQLITE_ATTACH:
      return "ATTACH";
    case SQLITE_DETACH:
      return "DETACH";
    case SQLITE_ALTER_TABLE:
      return "ALTER TABLE";
    case SQLITE_REINDEX:
      return "REINDEX";
    case SQLITE_ANALYZE:
      return "ANALYZE";
    case SQLITE_TRANSACTION:
      return "a transaction statement (BEGIN, COMMIT, ROLLBACK)";
    case SQLITE_SAVEPOINT:
      return "SAVEPOINT";
    case SQLITE_CREATE_VTABLE:
      return "CREATE VIRTUAL TABLE";
    case SQLITE_DROP_VTABLE:
      return "DROP VIRTUAL TABLE";
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TEMP_INDEX:
      return "CREATE INDEX";
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_TABLE:
      return "CREATE TABLE";
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
      return "CREATE TRIGGER";
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TEMP_VIEW:
      return "CREATE VIEW";
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TEMP_INDEX:
      return "DROP INDEX";
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE:
      return "DROP TABLE";
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
      return "DROP TRIGGER";
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TEMP_VIEW:
      return "DROP VIEW";
    default:
      return "this statement";
  }
}

std::string read_pragma_list() {
  std::string out;
  for (auto x : kReadPragmas) out += (out.empty() ? "" : ", ") + std::string(x);
  return out;
}

// What the authorizer refused and why, in words an analyst can act on.
std::string refusal(int action, const char* a, const char* b) {
  const std::string what = a ? a : "";
  switch (action) {
    case SQLITE_PRAGMA:
      if (b)
        return "PRAGMA " + what + " = " + b +
               " is not allowed: a pragma given a value changes the database or the connection, and packs only read";
      return "PRAGMA " + what + " is not allowed: it is not one of the read-only pragmas packs may use (" +
             read_pragma_list() + ", also as table-valued functions such as pragma_table_info('TABLE'))";
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      // DDL reaches the authorizer first as a write to sqlite_schema (and
      // stops there), so say what that write means.
      if (a && sqlite3_strnicmp(a, "sqlite_", 7) == 0)
        return "changing the schema (CREATE, DROP, ALTER) is not allowed: the database is read-only to packs";
      return std::string(action_name(action)) +
             (action == SQLITE_INSERT   ? " into"
              : action == SQLITE_UPDATE ? " of"
                                        : " from") +
             " table '" + what + "' is not allowed: the database is read-only to packs";
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return std::string(action_name(action)) +
             " is not allowed: packs read the workspace database only, no other file";
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return std::string(action_name(action)) + " is not allowed: each query of a pack runs on its own, read-only";
    case SQLITE_ANALYZE:
    case SQLITE_REINDEX:
      return std::string(action_name(action)) + " is not allowed: it writes to the database, and packs only read";
    default:
      return std::string(action_name(action)) + " is not allowed: the database is read-only to packs";
  }
}

}  // namespace

namespace {

std::uint64_t next_instance() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

}  // namespace

ScriptDb::ScriptDb(const std::filesystem::path& path) : ScriptDb(data::Db::open(path, data::OpenMode::ReadOnly)) {}

ScriptDb::ScriptDb(data::Db&& read_only) : db_(std::move(read_only)), instance_(next_instance()) {
  sqlite3* h = db_.handle();
  if (!db_.read_only() || sqlite3_db_readonly(h, "main") != 1)
    throw Error("internal error: packs were given a connection to " + db_.path().string() + " that can write");
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
  // Table-valued pragmas (pragma_table_info(?), ...) are eponymous virtual
  // tables that SQLite declares the first time a statement names them, and
  // SQLite 3.40 reports that declaration to the authorizer as an UPDATE of
  // sqlite_schema, which it must refuse. Declared here, before the
  // authorizer is installed, they never are; reading them then reaches the
  // authorizer as the PRAGMA itself, allowed or refused by its name. Only
  // prepared, never stepped: no pragma runs here.
  {
    std::vector<std::string> names;
    sqlite3_stmt* list = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA pragma_list", -1, &list, nullptr) == SQLITE_OK)
      while (sqlite3_step(list) == SQLITE_ROW)
        if (const unsigned char* n = sqlite3_column_text(list, 0)) names.emplace_back(reinterpret_cast<const char*>(n));
    sqlite3_finalize(list);
    for (const auto& name : names) {
      sqlite3_stmt* st = nullptr;
      const std::string sql = "SELECT * FROM pragma_" + name;
      if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) sqlite3_finalize(st);
    }
  }
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
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_TEMP_VIEW:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TEMP_INDEX:
      return true;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      return db && sqlite3_stricmp(db, "temp") == 0;
    case SQLITE_PRAGMA:
      return a && sqlite3_stricmp(a, "query_only") == 0;
    default:
      return false;
  }
}

}  // namespace

bool ReadSet::affected_by(const std::set<std::string>& changed) const {
  if (unknown) return true;
  for (const auto& t : changed)
    if (tables.count(t)) return true;
  return false;
}

void ScriptDb::note_read(int action, const char* table, const char* db) {
  if (action == SQLITE_PRAGMA) {
    reads_->unknown = true;  // the schema or the connection's state: no table's rows
    return;
  }
  // TEMP objects (scenario overlays) change without a write to the file.
  // SQLite names no database for a table read for no column (count(*)):
  // that is a main table, as packs cannot make TEMP ones, and while the
  // host's overlay is installed results are keyed on it (overlay_generation).
  if (!table || (db && sqlite3_stricmp(db, "main") != 0)) {
    reads_->unknown = true;
    return;
  }
  if (sqlite3_strnicmp(table, "sqlite_", 7) == 0) {
    reads_->unknown = true;  // the schema: changed by DDL, which no table's change names
    return;
  }
  reads_->tables.insert(gb::to_lower_ascii(table));  // once per column read, at prepare time only
}

int ScriptDb::authorize(void* p, int action, const char* a, const char* b, const char* db, const char* /*trigger*/) {
  auto* self = static_cast<ScriptDb*>(p);
  if (self->temp_writes_ && temp_write_allowed(action, a, db)) return SQLITE_OK;
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_READ:
      if (self->reads_) self->note_read(action, a, db);
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      if (b && sqlite3_stricmp(b, "load_extension") == 0) {
        if (self->denial_.empty()) self->denial_ = "load_extension() is not allowed";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    case SQLITE_PRAGMA: {
      const std::string_view name = a ? a : "";
      if (contains(kReadPragmas, name) && (!b || contains(kPragmasWithArgument, name))) {
        if (self->reads_) self->note_read(action, a, db);
        return SQLITE_OK;
      }
      if (self->denial_.empty()) self->denial_ = refusal(action, a, b);
      return SQLITE_DENY;
    }
    default:
      if (self->denial_.empty()) self->denial_ = refusal(action, a, b);
      return SQLITE_DENY;
  }
}

namespace {

std::vector<std::string> strings_of(sqlite3* h, const char* sql, const std::string& arg = {}) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) != SQLITE_OK) return out;
  if (!arg.empty()) sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW)
    if (const unsigned char* t = sqlite3_column_text(st, 0)) out.emplace_back(reinterpret_cast<const char*>(t));
  sqlite3_finalize(st);
  return out;
}

bool mentions(std::string_view sql, const std::string& name) {
  return !name.empty() && gb::to_lower_ascii(sql).find(gb::to_lower_ascii(name)) != std::string::npos;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? " or \"" : "\"") + names[i] + "\"";
  return out + "?)";
}

}  // namespace

const std::string& ScriptDb::explain_error(std::string_view sql, const char* message_text) noexcept {
  try {
    explained_ = message_text ? message_text : "";
    const std::string& message = explained_;
    static constexpr std::string_view kColumn = "no such column: ";
    static constexpr std::string_view kTable = "no such table: ";
    const bool column = message.starts_with(kColumn);
    if (!column && !message.starts_with(kTable)) return explained_;
    const std::string name = message.substr(column ? kColumn.size() : kTable.size());
    sqlite3* h = handle();
    // The queries below are the host's, not the pack's: no denial or
    // deadline of theirs belongs to the pack's statement.
    struct Keep {
      ScriptDb& db;
      std::string denial;
      std::chrono::steady_clock::time_point deadline;
      Keep(ScriptDb& kept, std::string kept_denial, std::chrono::steady_clock::time_point kept_deadline)
          : db(kept), denial(std::move(kept_denial)), deadline(kept_deadline) {}
      Keep(const Keep&) = delete;
      Keep& operator=(const Keep&) = delete;
      ~Keep() {
        db.denial_ = std::move(denial);
        db.deadline_ = deadline;
      }
    } keep{*this, denial_, deadline_};
    deadline_ = std::chrono::steady_clock::time_point::max();
    std::vector<std::string> tables = strings_of(
        h,
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "UNION SELECT name FROM sqlite_temp_schema WHERE type IN ('table', 'view') ORDER BY 1");
    std::vector<std::string> found;
    if (column) {
      std::vector<std::string> named;
      for (const auto& t : tables)
        if (mentions(sql, t)) named.push_back(t);
      std::vector<std::string> columns;
      for (const auto& t : named.empty() ? tables : named)
        for (auto& c : strings_of(h, "SELECT name FROM pragma_table_info(?)", t)) columns.push_back(std::move(c));
      found = gb::nearest_names(name, columns);
      // "no such column: p.name" when the statement wrote p."name".
      const auto dot = name.find('.');
      if (found.empty() && dot != std::string::npos && name.find(' ') > dot)
        found = gb::nearest_names(name.substr(dot + 1), columns);
    } else {
      found = gb::nearest_names(name, tables);
    }
    if (!found.empty()) explained_ += did_you_mean(found);  // `message` is explained_: appended last
  } catch (...) {
    // Only a hint: the message stands without it.
  }
  return explained_;
}

std::int64_t ScriptDb::data_version() {
  ReadSet* outer = redirect_reads(nullptr);
  sqlite3_stmt* st = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(handle(), "PRAGMA data_version", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  redirect_reads(outer);
  return v;
}

int ScriptDb::progress(void* p) {
  return static_cast<ScriptDb*>(p)->deadline_passed() ? 1 : 0;
}

}  // namespace gb::script
