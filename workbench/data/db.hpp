// RAII wrappers over SQLite. sqlite3.h stays out of this header.
//
//   Db db = Db::open(path, OpenMode::ReadWrite);
//   Statement st = db.prepare("SELECT ref FROM risks WHERE term = ?");
//   st.bind(1, "long");
//   while (st.step()) use(st.column_int(0));
//
// Statement finalizes in its destructor; Transaction rolls back unless
// committed. Destructors never throw. Errors are gb::Error with SQLite's
// message; when the database is locked by another program the message says
// so.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace gb::data {

// One SQLite value: NULL, INTEGER, REAL or TEXT (BLOBs read as TEXT).
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class OpenMode {
  ReadOnly,   // never writes, never creates -wal/-shm on a rollback-journal file
  ReadWrite,  // the file must exist
  Create,     // creates the file when missing
};

class Statement;

// What Statement::step (and so exec and Transaction) throws when SQLite
// could not use the file itself, rather than refusing the statement: the
// disk is full or failing, another program holds the database, the file is
// read-only or corrupt. The message says which in words. Callers that name
// a row for a rejected statement let these through unchanged, since no row
// is to blame.
class StorageError : public Error {
 public:
  using Error::Error;
};

struct FileHeader;  // below

class Db {
 public:
  // Opens a database. Before SQLite sees an existing file, its header is
  // checked so that a file that is not SQLite is refused without being
  // touched. Connections get foreign keys and a busy timeout; ReadOnly ones
  // also query_only. Nothing is written: see use_wal(). Names SQLite gives
  // a special meaning are refused (see check_database_name); SQLite is
  // given the absolute path.
  // ReadWrite and Create refuse (gb::Error) a file this process may not
  // write, saying so, instead of opening it read-only behind the caller's
  // back; use is_writable() first to open such a file ReadOnly on purpose.
  static Db open(const std::filesystem::path& path, OpenMode mode);
  // The same, with the header the caller has just read (read_file_header),
  // which is not read again.
  static Db open(const std::filesystem::path& path, OpenMode mode, const FileHeader& header);
  static Db open_memory();

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Switches the file to WAL journalling (a write to the file header).
  void use_wal();
  // Runs one or more statements, each prepared after the one before has
  // run (so a CREATE TABLE can be followed by an INSERT into it); rows they
  // return are ignored. SQL text holding a NUL byte is refused.
  void exec(std::string_view sql);
  // Exactly one statement; whitespace, semicolons and comments may follow it.
  Statement prepare(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  std::int64_t user_version();
  bool table_exists(std::string_view name);
  // Whether a table of the main database has a column of this name.
  bool column_exists(std::string_view table, std::string_view column);
  std::vector<std::string> table_names();  // user tables, sorted
  std::vector<std::string> column_names(std::string_view table);
  bool read_only() const { return read_only_; }
  const std::filesystem::path& path() const { return path_; }

  sqlite3* handle() const { return db_; }

  // Triggers that must never run on this connection, by name -> the table
  // each sits on, as `find` reports them from the schema. Once guarded, a
  // statement that would run one of them is refused when it is prepared
  // (SQLite's authorizer names the trigger whose body is being compiled),
  // with a message naming the trigger and its table: nothing is written.
  // The list is read again at the start of each transaction when the
  // schema has changed (BEGIN IMMEDIATE holds the write lock, so it cannot
  // change again before the writes).
  using UntrustedTriggers = std::map<std::string, std::string>;
  void guard_triggers(std::function<UntrustedTriggers(Db&)> find);
  void refresh_trigger_guard();

  // Team mode (data/replica.hpp). A team replica (a file with a
  // team_replica table) opened for writing records every outermost
  // transaction as one changeset (SQLite's session extension) in
  // team_pending, inside the same transaction as its writes: a committed
  // write never lacks its change, and a rolled-back one leaves none.
  // Tables named team_* (the replica's own bookkeeping) and SQLite's own
  // are not recorded.
  bool capturing() const;
  // Starts recording on a connection opened before the file became a
  // replica (team init, team join). Nothing when it is not one.
  void start_capture();
  // The one-line summary of the change being recorded: the first given in
  // a transaction is kept (an edit's description, an import's "Imported
  // ..."); "Changes" when none is.
  void note_change_summary(std::string_view summary);
  // An id for a new row of `table`, whose key is an INTEGER PRIMARY KEY
  // named id: on a replica, the next free id in this replica's block of
  // ids (replica n owns n * kIdBlock + 1 .. (n + 1) * kIdBlock), so two
  // replicas never choose the same id for different rows; elsewhere NULL,
  // which lets SQLite choose as it always has.
  Value new_row_id(std::string_view table);
  static constexpr std::int64_t kIdBlock = 1'000'000'000;
  // The transaction creates, replaces, appends to or drops a whole table
  // (an import, drop): a replica records it as a change of its own kind
  // (replica_tables.cpp), since imported tables have no key to record rows
  // by. begin before the table changes; end after, with the mode (create,
  // replace, append, drop). Nothing happens when not recording.
  void capture_table_begin(std::string_view table);
  void capture_table_end(std::string_view table, std::string_view mode);
  // The ids this connection's own new rows take (a replica's block), or
  // nullopt when every id is (not a replica).
  std::optional<std::pair<std::int64_t, std::int64_t>> own_ids() const;
  // Recording paused while alive (applying changes pulled from the hub,
  // which records its own way).
  class CaptureOff {
   public:
    explicit CaptureOff(Db& db);
    CaptureOff(const CaptureOff&) = delete;
    CaptureOff& operator=(const CaptureOff&) = delete;
    ~CaptureOff();

   private:
    Db& db_;
  };
  struct Capture;  // data/capture.cpp
  struct CaptureDeleter {
    void operator()(Capture* c) const noexcept;
  };

 private:
  friend class Transaction;
  struct TriggerGuard;
  Db(sqlite3* db, std::filesystem::path path, bool read_only);
  void capture_begin();
  void capture_before_commit();
  void capture_end() noexcept;
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  bool read_only_ = false;
  std::unique_ptr<TriggerGuard> guard_;  // stable address for the authorizer
  std::unique_ptr<Capture, CaptureDeleter> capture_;
};

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::nullptr_t);
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const Value& v);
  // Binds text without copying it: `v` must stay alive and unchanged until
  // the statement has been stepped and then reset or rebound (a bulk
  // insert binds straight from its input buffer).
  Statement& bind_borrowed(int index, std::string_view v);
  // Drops every binding (to NULL), so that no borrowed text outlives its buffer.
  void clear_bindings();

  // Advances to the next row; false when done. Throws on error.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();  // keeps bindings

  int column_count() const;
  std::string column_name(int i) const;
  bool column_is_null(int i) const;
  std::int64_t column_int(int i) const;
  double column_double(int i) const;
  std::string column_text(int i) const;
  Value column_value(int i) const;
  // The bytes of a BLOB (or of any value, as SQLite converts it).
  std::string column_blob(int i) const;
  // "INTEGER", "REAL", "TEXT", "BLOB" or "NULL" for the current row.
  const char* column_type_name(int i) const;
  // True when running the statement cannot change the database file.
  bool read_only() const;

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Db;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  void check_bind(int rc, int index);
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction (waiting up to the busy timeout for
// another writer); ROLLBACK in the destructor unless commit() succeeded.
// Inside an open transaction it is a SAVEPOINT instead (commit releases it
// into the outer transaction; the destructor rolls back to it).
class Transaction {
 public:
  explicit Transaction(Db& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Db& db_;
  bool nested_ = false;  // a savepoint inside an open transaction
  bool done_ = false;
};

// A statement on this thread's private in-memory connection, which holds no
// tables: for SQLite's functions on values (json_each(?), ...), which a
// table of the same name in a hostile database file would hide.
Statement scratch_query(std::string_view sql);

// Refuses (gb::Error) a database name that SQLite would not read as a plain
// file name: ":memory:" and anything else starting with ':', and "file:"
// URIs. "./:memory:" names a file and is accepted.
void check_database_name(const std::filesystem::path& path);

// False when `path` exists and this process may not write it (or the
// folder it is in): it can then only be opened ReadOnly.
bool is_writable(const std::filesystem::path& path);

// Quotes an SQL identifier: table "x" -> "\"x\"" with embedded quotes doubled.
std::string quote_identifier(std::string_view name);

// The first 100 bytes of a file read without SQLite, to decide whether it
// may be opened at all.
struct FileHeader {
  bool exists = false;
  bool empty = false;      // zero-length file (SQLite would treat it as new)
  bool is_sqlite = false;  // starts with "SQLite format 3\0"
  std::uint32_t user_version = 0;
  std::uint32_t application_id = 0;
  std::uint64_t file_size = 0;
  // The database size the header records, in bytes; 0 when the header does
  // not vouch for it (SQLite then goes by the file's size).
  std::uint64_t recorded_size = 0;
};
FileHeader read_file_header(const std::filesystem::path& path);

}  // namespace gb::data
