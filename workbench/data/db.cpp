#include "data/db.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <fstream>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace gb::data {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  std::string msg(what);
  if (db) {
    msg += ": ";
    msg += sqlite3_errmsg(db);
  }
  throw Error(msg);
}

// SQLite reads SQL text only up to its first NUL byte, so whatever follows
// one would be silently ignored: refuse such text instead.
void refuse_nul_and_huge(std::string_view sql) {
  if (const auto at = sql.find('\0'); at != std::string_view::npos)
    throw Error("SQL error: the SQL text holds a NUL byte (at byte " + std::to_string(at + 1) + ")");
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw Error("SQL error: the SQL text is too long");
}

// Why SQLite could not use the file, in words (the SQLite message follows in
// parentheses), or "" when rc is about the statement rather than the file.
std::string storage_problem(sqlite3* db, int rc) {
  switch (rc & 0xFF) {
    case SQLITE_FULL:
      return "the disk is full, or the database reached its size limit";
    case SQLITE_IOERR: {
      std::string why = "the file could not be read or written";
      if (const int e = sqlite3_system_errno(db); e != 0) why += std::string(": ") + std::strerror(e);
      return why + " (the disk may be full or failing)";
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "another program is using the database; try again when it has finished";
    case SQLITE_READONLY:
      return "the database is read-only here (no permission to write the file or its folder)";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the database file is corrupt";
    case SQLITE_CANTOPEN:
      return "the database file or its journal could not be opened";
    default:
      return "";
  }
}

// Preparing reads the schema, so a corrupt file (or a locked or unreadable
// one) can fail here too: that is the file's fault, not the SQL's.
std::string refusal_or(int rc, const char* sqlite_message);

[[noreturn]] void throw_prepare_failure(sqlite3* db, int rc, const std::string& sql_prefix) {
  const std::string msg = refusal_or(rc, sqlite3_errmsg(db));
  if (rc == SQLITE_AUTH && msg.starts_with("trigger '")) throw Error(msg);
  if (const std::string problem = storage_problem(db, rc); !problem.empty())
    throw StorageError(problem + " (" + msg + ")");
  throw Error(sql_prefix + msg);
}

std::string describe_open_failure(const std::filesystem::path& path, int rc) {
  std::string why = sqlite3_errstr(rc);
  if (rc == SQLITE_CANTOPEN) why = "cannot open the file (missing folder or no permission)";
  return "cannot open database " + path.string() + ": " + why;
}

}  // namespace

FileHeader read_file_header(const std::filesystem::path& path) {
  FileHeader h;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return h;
  h.exists = true;
  // Read through SQLite's own file layer, never a descriptor of our own:
  // closing any descriptor of a file drops every POSIX lock this process
  // holds on it, so a plain read while another connection of this process
  // has the database open would let another program take it for unused,
  // checkpoint and delete the WAL under it, and lose what this process
  // writes after. SQLite's unix layer keeps such a descriptor open until
  // the locks are released.
  sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
  if (!vfs) throw Error("cannot read " + path.string() + ": SQLite has no file layer");
  std::vector<std::uint64_t> storage((static_cast<std::size_t>(vfs->szOsFile) + 7) / 8 + 1);
  auto* file = reinterpret_cast<sqlite3_file*>(storage.data());
  std::error_code abs_ec;
  const std::string name = std::filesystem::absolute(path, abs_ec).string();
  int out_flags = 0;
  if (vfs->xOpen(vfs, name.c_str(), file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags) != SQLITE_OK) {
    if (file->pMethods) file->pMethods->xClose(file);
    throw Error("cannot read " + path.string());
  }
  std::array<unsigned char, 100> buf{};
  sqlite3_int64 size = 0;
  file->pMethods->xFileSize(file, &size);
  const int rc = file->pMethods->xRead(file, buf.data(), static_cast<int>(buf.size()), 0);
  file->pMethods->xClose(file);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) throw Error("cannot read " + path.string());
  const auto got = std::min<sqlite3_int64>(size, static_cast<sqlite3_int64>(buf.size()));
  if (got == 0) {
    h.empty = true;
    return h;
  }
  static const char kMagic[16] = "SQLite format 3";  // includes the trailing NUL
  h.is_sqlite = got == 100 && std::memcmp(buf.data(), kMagic, 16) == 0;
  if (h.is_sqlite) {
    auto be32 = [&](int off) {
      return (std::uint32_t{buf[off]} << 24) | (std::uint32_t{buf[off + 1]} << 16) |
             (std::uint32_t{buf[off + 2]} << 8) | std::uint32_t{buf[off + 3]};
    };
    h.user_version = be32(60);
    h.application_id = be32(68);
    // Offsets 16, 24, 28 and 92 of the file format: page size, change
    // counter, size in pages, and the counter the size is valid for.
    std::uint64_t page_size = (std::uint64_t{buf[16]} << 8) | buf[17];
    if (page_size == 1) page_size = 65536;
    if (be32(24) == be32(92) && be32(28) != 0) h.recorded_size = page_size * be32(28);
  }
  h.file_size = std::filesystem::file_size(path, ec);
  return h;
}

namespace {

// The refusal the trigger guard gave last on this thread: SQLite reports it
// only as "not authorized", so the message waits here for the thrower.
thread_local std::string g_trigger_refusal;

struct GuardView {
  const std::string* path;
  const Db::UntrustedTriggers* untrusted;
};

}  // namespace

struct Db::TriggerGuard {
  std::string path;
  std::function<UntrustedTriggers(Db&)> find;
  UntrustedTriggers untrusted;
  GuardView view{&path, &untrusted};
  std::int64_t schema_version = -1;
};

namespace {

int guard_authorizer(void* p, int, const char*, const char*, const char*, const char* trigger) {
  if (!trigger) return SQLITE_OK;
  const auto* guard = static_cast<const GuardView*>(p);
  auto it = guard->untrusted->find(trigger);
  if (it == guard->untrusted->end()) return SQLITE_OK;
  g_trigger_refusal = "trigger '" + it->first + "' on table '" + it->second +
                      "' was not made by govbench's schema migrations (someone added or changed it in " + *guard->path +
                      "), and this write would run it, so nothing was written. 'govbench check --db " + *guard->path +
                      "' lists such objects; 'govbench drop " + it->first + " --db " + *guard->path +
                      "' removes it once you know where it came from";
  return SQLITE_DENY;
}

// The guard's message for a statement it refused, else SQLite's.
std::string refusal_or(int rc, const char* sqlite_message) {
  if (rc == SQLITE_AUTH && !g_trigger_refusal.empty()) return std::exchange(g_trigger_refusal, {});
  g_trigger_refusal.clear();
  return sqlite_message;
}

}  // namespace

Db::Db(sqlite3* db, std::filesystem::path path, bool read_only)
    : db_(db), path_(std::move(path)), read_only_(read_only) {}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      read_only_(other.read_only_),
      guard_(std::move(other.guard_)),
      capture_(std::move(other.capture_)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    capture_.reset();  // its session belongs to the connection being closed
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    read_only_ = other.read_only_;
    guard_ = std::move(other.guard_);
    capture_ = std::move(other.capture_);
  }
  return *this;
}

void Db::guard_triggers(std::function<UntrustedTriggers(Db&)> find) {
  guard_ = std::make_unique<TriggerGuard>();
  guard_->path = path_.string();
  guard_->find = std::move(find);
  refresh_trigger_guard();
  sqlite3_set_authorizer(db_, &guard_authorizer, &guard_->view);
}

void Db::refresh_trigger_guard() {
  if (!guard_) return;
  std::int64_t version = 0;
  {
    Statement st = prepare("PRAGMA schema_version");
    if (st.step()) version = st.column_int(0);
  }
  if (version == guard_->schema_version) return;
  // Read with the authorizer off: the lookup itself runs no trigger.
  sqlite3_set_authorizer(db_, nullptr, nullptr);
  try {
    guard_->untrusted = guard_->find(*this);
  } catch (...) {
    sqlite3_set_authorizer(db_, &guard_authorizer, &guard_->view);
    throw;
  }
  sqlite3_set_authorizer(db_, &guard_authorizer, &guard_->view);
  guard_->schema_version = version;
}

Db::~Db() {
  capture_.reset();
  if (db_) sqlite3_close_v2(db_);
}

void check_database_name(const std::filesystem::path& path) {
  const std::string name = path.string();
  if (name.starts_with(':'))
    throw Error("cannot use '" + name +
                "' as a database: SQLite gives names starting with ':' a special meaning (\":memory:\" is a "
                "database that vanishes on exit); for a file of that name write ./" +
                name);
  if (name.size() >= 5 && iequals_ascii(std::string_view(name).substr(0, 5), "file:"))
    throw Error("cannot use '" + name + "' as a database: SQLite reads names starting with 'file:' as URIs; " +
                "give a plain file name (for a file of that name write ./" + name + ")");
}

Db Db::open(const std::filesystem::path& path, OpenMode mode) {
  check_database_name(path);
  return open(path, mode, read_file_header(path));
}

Db Db::open(const std::filesystem::path& path, OpenMode mode, const FileHeader& h) {
  check_database_name(path);
  if (!h.exists && mode != OpenMode::Create) throw Error("cannot open database " + path.string() + ": no such file");
  if (h.exists && !h.empty && !h.is_sqlite)
    throw Error("cannot open database " + path.string() +
                ": the file is not an SQLite database (it was left unchanged)");
  // A file shorter than its header says has lost its end (a copy cut short,
  // a full disk). Unless a WAL beside it holds the missing pages, refuse it
  // before anything can be written to it.
  if (h.recorded_size > h.file_size) {
    std::error_code wal_ec;
    const auto wal_size = std::filesystem::file_size(path.string() + "-wal", wal_ec);
    if (wal_ec || wal_size == 0)
      throw Error("cannot open database " + path.string() + ": the file is truncated (" + std::to_string(h.file_size) +
                  " bytes, but its header records " + std::to_string(h.recorded_size) +
                  "); it is corrupt and was left unchanged (restore it from a backup)");
  }

  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::ReadOnly:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case OpenMode::ReadWrite:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case OpenMode::Create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  // An absolute path can never be taken for a URI or a special name, whatever
  // options this SQLite was built with.
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(absolute.c_str(), &raw, flags, nullptr);
  Db db(raw, path, mode == OpenMode::ReadOnly);
  if (rc != SQLITE_OK) throw Error(describe_open_failure(path, rc));
  // SQLite quietly opens a file it may not write read-only; a caller that
  // asked to write must hear that now, not at its first write.
  if (mode != OpenMode::ReadOnly && sqlite3_db_readonly(raw, "main") == 1)
    throw Error("cannot open database " + path.string() +
                " for writing: the file is read-only (no permission to write it); commands that only read it "
                "still work, and it was left unchanged");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  // Reading the schema here turns a corrupt file into an error now rather
  // than half-way through a command.
  try {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("SELECT count(*) FROM sqlite_schema");
    if (mode == OpenMode::ReadOnly) db.exec("PRAGMA query_only = ON");
    if (mode != OpenMode::ReadOnly) db.start_capture();
  } catch (const Error& e) {
    throw Error("cannot open database " + path.string() + ": " + e.message());
  }
  return db;
}

Db Db::open_memory() {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw, ":memory:", false);
  if (rc != SQLITE_OK) throw Error("cannot open an in-memory database");
  db.exec("PRAGMA foreign_keys = ON");
  return db;
}

Statement scratch_query(std::string_view sql) {
  thread_local Db scratch = Db::open_memory();
  return scratch.prepare(sql);
}

void Db::use_wal() {
  // Changing the journal mode rewrites the file header, so callers do this
  // only once they know the file is theirs to change.
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA synchronous = NORMAL");
}

void Db::exec(std::string_view sql) {
  refuse_nul_and_huge(sql);
  // Statement by statement, as sqlite3_exec() does, but over the whole text
  // and with Statement::step()'s messages (the hint for a locked database
  // then also covers BEGIN IMMEDIATE and COMMIT).
  const char* p = sql.data();
  const char* const end = sql.data() + sql.size();
  while (p < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (const int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &raw, &tail); rc != SQLITE_OK)
      throw_prepare_failure(db_, rc, "");
    if (!tail || tail <= p) tail = end;  // no progress: nothing more to run
    if (raw) {
      Statement st(raw, db_);
      st.run();
    }
    p = tail;
  }
}

Statement Db::prepare(std::string_view sql) {
  refuse_nul_and_huge(sql);
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const char* const end = sql.data() + sql.size();
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) throw_prepare_failure(db_, rc, "SQL error: ");
  if (!stmt) throw Error("SQL error: the query is empty");
  Statement st(stmt, db_);
  // What follows may hold whitespace, semicolons and comments, but no second
  // statement: compile the rest and accept it only when it yields none.
  for (const char* rest = tail; rest && rest < end;) {
    sqlite3_stmt* extra = nullptr;
    const char* next = nullptr;
    const int rc2 = sqlite3_prepare_v2(db_, rest, static_cast<int>(end - rest), &extra, &next);
    if (extra) sqlite3_finalize(extra);
    if (rc2 != SQLITE_OK || extra) throw Error("SQL error: only one statement may be given");
    if (!next || next <= rest) break;
    rest = next;
  }
  return st;
}

std::int64_t Db::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t Db::user_version() {
  Statement st = prepare("PRAGMA user_version");
  st.step();
  return st.column_int(0);
}

bool Db::table_exists(std::string_view name) {
  Statement st = prepare("SELECT 1 FROM sqlite_schema WHERE type IN ('table','view') AND name = ? COLLATE NOCASE");
  st.bind(1, name);
  return st.step();
}

bool Db::column_exists(std::string_view table, std::string_view column) {
  const auto names = column_names(table);
  return std::any_of(names.begin(), names.end(), [&](const std::string& c) { return iequals_ascii(c, column); });
}

std::vector<std::string> Db::table_names() {
  std::vector<std::string> out;
  Statement st =
      prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

std::vector<std::string> Db::column_names(std::string_view table) {
  std::vector<std::string> out;
  // The PRAGMA statement, not the pragma_table_info() function, which a
  // table of that name would hide.
  Statement st = prepare("PRAGMA main.table_info(" + quote_identifier(table) + ")");
  while (st.step()) out.push_back(st.column_text(1));
  return out;
}

// ---- Statement ---------------------------------------------------------

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

void Statement::check_bind(int rc, int index) {
  if (rc != SQLITE_OK) fail(db_, "cannot bind parameter " + std::to_string(index));
}

Statement& Statement::bind(int index, std::nullptr_t) {
  check_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}
Statement& Statement::bind(int index, std::int64_t v) {
  check_bind(sqlite3_bind_int64(stmt_, index, v), index);
  return *this;
}
Statement& Statement::bind(int index, double v) {
  check_bind(sqlite3_bind_double(stmt_, index, v), index);
  return *this;
}
Statement& Statement::bind(int index, std::string_view v) {
  check_bind(sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}
Statement& Statement::bind_borrowed(int index, std::string_view v) {
  check_bind(sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8), index);
  return *this;
}
Statement& Statement::bind(int index, const Value& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          bind(index, nullptr);
        else
          bind(index, x);
      },
      v);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = refusal_or(rc, sqlite3_errmsg(db_));
  const std::string problem = storage_problem(db_, rc);
  sqlite3_reset(stmt_);
  if (!problem.empty()) throw StorageError(problem + " (" + msg + ")");
  throw Error(msg);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
}
void Statement::clear_bindings() {
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int i) const {
  const char* n = sqlite3_column_name(stmt_, i);
  return n ? n : "";
}
bool Statement::column_is_null(int i) const {
  return sqlite3_column_type(stmt_, i) == SQLITE_NULL;
}
std::int64_t Statement::column_int(int i) const {
  return sqlite3_column_int64(stmt_, i);
}
double Statement::column_double(int i) const {
  return sqlite3_column_double(stmt_, i);
}
std::string Statement::column_text(int i) const {
  const auto* t = sqlite3_column_text(stmt_, i);
  if (!t) return {};
  return std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}
Value Statement::column_value(int i) const {
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_INTEGER:
      return column_int(i);
    case SQLITE_FLOAT:
      return column_double(i);
    default:
      return column_text(i);
  }
}
std::string Statement::column_blob(int i) const {
  const void* b = sqlite3_column_blob(stmt_, i);
  if (!b) return {};
  return std::string(static_cast<const char*>(b), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}
bool Statement::read_only() const {
  return sqlite3_stmt_readonly(stmt_) != 0;
}
const char* Statement::column_type_name(int i) const {
  switch (sqlite3_column_type(stmt_, i)) {
    case SQLITE_NULL:
      return "NULL";
    case SQLITE_INTEGER:
      return "INTEGER";
    case SQLITE_FLOAT:
      return "REAL";
    case SQLITE_BLOB:
      return "BLOB";
    default:
      return "TEXT";
  }
}

// ---- Transaction -------------------------------------------------------

// Inside another transaction a Transaction is a savepoint: its commit
// releases it into the outer one, and only the outer commit writes. This is
// how a scenario applies many edits all-or-nothing through the same edit
// functions that commit one edit on their own.
Transaction::Transaction(Db& db) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  db_.exec(nested_ ? "SAVEPOINT gb_nested" : "BEGIN IMMEDIATE");
  if (nested_) return;
  try {
    db_.refresh_trigger_guard();
    db_.capture_begin();
  } catch (...) {
    db_.capture_end();
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

Transaction::~Transaction() {
  if (done_) return;
  if (nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO gb_nested", nullptr, nullptr, nullptr);
    sqlite3_exec(db_.handle(), "RELEASE gb_nested", nullptr, nullptr, nullptr);
  } else {
    db_.capture_end();
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  if (nested_) {
    db_.exec("RELEASE gb_nested");
  } else {
    // The change is written inside the transaction it records; the session
    // ends whether COMMIT succeeds or not (on failure the destructor rolls
    // both back).
    db_.capture_before_commit();
    db_.exec("COMMIT");
  }
  done_ = true;
}

bool is_writable(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return true;
  std::filesystem::path folder = std::filesystem::absolute(path, ec).parent_path();
  // The folder too: SQLite writes its journal (or WAL) beside the file.
  // AT_EACCESS: as the effective user, the one SQLite will write as.
  return ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0 &&
         ::faccessat(AT_FDCWD, folder.c_str(), W_OK, AT_EACCESS) == 0;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace gb::data
