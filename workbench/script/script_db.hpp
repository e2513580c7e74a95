// The database as packs see it: a read-only connection guarded by an
// authorizer that refuses every write, DDL, ATTACH, extension loading and
// any PRAGMA that is not a harmless read, with a progress handler that
// stops a query once the calling pack's time budget is spent.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>

#include "data/db.hpp"

namespace gb::script {

class ScriptDb {
 public:
  explicit ScriptDb(const std::filesystem::path& path);
  ScriptDb(const ScriptDb&) = delete;
  ScriptDb& operator=(const ScriptDb&) = delete;
  ~ScriptDb();

  sqlite3* handle() const { return db_.handle(); }
  data::Db& db() { return db_; }
  const std::filesystem::path& path() const { return db_.path(); }

  // Queries run until `deadline`; then they are interrupted.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }
  bool deadline_passed() const { return std::chrono::steady_clock::now() > deadline_; }

  // Why the authorizer refused the last statement ("" when it did not).
  const std::string& denial() const { return denial_; }
  void clear_denial() { denial_.clear(); }

 private:
  static int authorize(void* self, int action, const char* a, const char* b, const char* db, const char* trigger);
  static int progress(void* self);
  data::Db db_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  std::string denial_;
};

}  // namespace gb::script
