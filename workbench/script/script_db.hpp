// The database as packs see it: a read-only connection guarded by an
// authorizer that refuses every write, DDL, ATTACH, extension loading and
// any PRAGMA that is not a harmless read, with a progress handler that
// stops a query once the calling pack's time budget is spent.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "data/db.hpp"

namespace gb::script {

// What a piece of pack code read through the connection: the tables the
// authorizer saw it read (lower case; views resolve to the tables under
// them), and whether it read anything that cannot be named as a main
// table (a TEMP table or view such as a scenario overlay, a pragma, the
// schema, a statement that failed to prepare). Results that depend on an
// `unknown` read set are recomputed after any change.
struct ReadSet {
  std::set<std::string> tables;
  bool unknown = false;
  void merge(const ReadSet& other) {
    tables.insert(other.tables.begin(), other.tables.end());
    unknown = unknown || other.unknown;
  }
  // True when a change to `changed` (or to anything, if `any`) can change
  // what was read.
  bool affected_by(const std::set<std::string>& changed) const;
};

class ScriptDb {
 public:
  explicit ScriptDb(const std::filesystem::path& path);
  // Takes over a connection opened read-only (data::Db::open or
  // open_governance_db with OpenMode::ReadOnly), sparing a second open and
  // a second reading of the schema; throws gb::Error if it can write.
  explicit ScriptDb(data::Db&& read_only);
  ScriptDb(const ScriptDb&) = delete;
  ScriptDb& operator=(const ScriptDb&) = delete;
  ~ScriptDb();

  sqlite3* handle() const { return db_.handle(); }
  data::Db& db() { return db_; }
  const std::filesystem::path& path() const { return db_.path(); }

  // Queries run until `deadline`; then they are interrupted.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }
  bool deadline_passed() const { return std::chrono::steady_clock::now() > deadline_; }

  // While a TempWrites is alive the host (never pack code, which runs only
  // between such scopes) may create, fill and drop TEMP tables and views on
  // this connection: the scenario overlay (engine/scenario.cpp). Writes to
  // the main database stay refused, and the connection is opened read-only.
  class TempWrites {
   public:
    explicit TempWrites(ScriptDb& db);
    TempWrites(const TempWrites&) = delete;
    TempWrites& operator=(const TempWrites&) = delete;
    ~TempWrites();

   private:
    ScriptDb& db_;
  };
  // Changes whenever an overlay is installed or removed: what the
  // connection reads has changed although the file has not (caches key on
  // it beside PRAGMA data_version).
  std::uint64_t overlay_generation() const { return overlay_generation_; }
  void overlay_changed() { ++overlay_generation_; }

  // While a ReadScope is alive, every statement prepared on this connection
  // adds what it reads to `into` (scopes nest: the innermost records).
  class ReadScope {
   public:
    ReadScope(ScriptDb& db, ReadSet& into) : db_(db), outer_(db.reads_) { db_.reads_ = &into; }
    ReadScope(const ReadScope&) = delete;
    ReadScope& operator=(const ReadScope&) = delete;
    ~ReadScope() { db_.reads_ = outer_; }

   private:
    ScriptDb& db_;
    ReadSet* outer_;
  };
  // Where reads are recorded from now on (null: nowhere), returning where
  // they went before: for code that cannot hold a ReadScope across a call
  // into Lua (ctx.shared restores it from a to-be-closed value).
  ReadSet* redirect_reads(ReadSet* into) {
    ReadSet* outer = reads_;
    reads_ = into;
    return outer;
  }
  // Reads made earlier (a shared value's, ctx.shared), as if made now.
  void note_reads(const ReadSet& reads) {
    if (reads_) reads_->merge(reads);
  }
  // Different for every ScriptDb this process opens, even at the same
  // address: what a value computed on this connection is keyed on.
  std::uint64_t instance() const { return instance_; }
  // PRAGMA data_version, read by the host (not recorded as a pack's read):
  // changes whenever another connection commits.
  std::int64_t data_version();

  // A read the authorizer cannot attribute (a statement that failed to
  // prepare may have named a table that does not exist yet).
  void note_unknown_read() {
    if (reads_) reads_->unknown = true;
  }

  // Why the authorizer refused the last statement ("" when it did not).
  const std::string& denial() const { return denial_; }
  void clear_denial() { denial_.clear(); }

  // What to tell a pack whose statement failed with SQLite's `message`
  // (copy it first: this runs queries of its own on the connection): the
  // message, plus for "no such column: X" or "no such table: X" the
  // nearest real name (of the tables the statement names, else of every
  // table and view) when one is close. Kept until the next call.
  const std::string& explain_error(std::string_view sql, const char* message) noexcept;

 private:
  static int authorize(void* self, int action, const char* a, const char* b, const char* db, const char* trigger);
  static int progress(void* self);
  data::Db db_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  std::string denial_;
  std::string explained_;
  bool temp_writes_ = false;
  ReadSet* reads_ = nullptr;
  void note_read(int action, const char* table, const char* db);
  std::uint64_t overlay_generation_ = 0;
  std::uint64_t instance_;
};

}  // namespace gb::script
