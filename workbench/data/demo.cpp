#include "data/demo.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/embedded.hpp"
#include "data/audit_log.hpp"
#include "data/migrations.hpp"

namespace gb::data {

namespace {

// Removes the temporary database (and its WAL files) unless released.
class TempDatabase {
 public:
  explicit TempDatabase(std::filesystem::path p) : path_(std::move(p)) {}
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase() {
    if (released_) return;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::path p = path_;
      p += suffix;
      std::filesystem::remove(p, ec);
    }
  }
  const std::filesystem::path& path() const { return path_; }
  void release() { released_ = true; }

 private:
  std::filesystem::path path_;
  bool released_ = false;
};

// Moves `from` to `to` unless `to` exists (as anything, even a dangling
// symlink), atomically: checking first and renaming after would let a file
// created in between be replaced. Returns 0 or an errno value.
int rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  // The file system cannot rename without replacing: a hard link fails
  // just as atomically when the name is taken.
  if (::link(from.c_str(), to.c_str()) != 0) return errno;
  ::unlink(from.c_str());
  return 0;
}

}  // namespace

void init_demo(const std::filesystem::path& path) {
  check_database_name(path);
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw Error(path.string() +
                " already exists; init-demo never overwrites a file (remove it or choose another name)");
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir, ec))
    throw Error("cannot create " + path.string() + ": no folder " + dir.string());

  std::filesystem::path tmp_path = path;
  tmp_path += ".building-" + std::to_string(::getpid());
  TempDatabase tmp(tmp_path);
  {
    Db db = open_governance_db(tmp.path(), OpenMode::Create);
    Transaction tx(db);
    int files = 0;
    for (const auto& f : embedded_demo()) {
      if (!f.path.ends_with(".sql")) continue;
      try {
        db.exec(f.text);
      } catch (const Error& e) {
        throw Error("assets/demo/" + std::string(f.path) + ": " + e.message());
      }
      ++files;
    }
    if (files == 0) throw Error("this govbench was built without demo data (assets/demo/*.sql)");
    Statement fk = db.prepare("PRAGMA foreign_key_check");
    if (fk.step())
      throw Error("the demo data breaks a foreign key in table " + fk.column_text(0) + " (row " + fk.column_text(1) +
                  ")");
    record_audit(db, AuditEntry{.action = "init",
                                .table = "",
                                .row_id = "",
                                .before = "",
                                .after = "demo database from assets/demo (" + std::to_string(files) + " files)"});
    tx.commit();
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  if (const int err = rename_no_replace(tmp.path(), path); err != 0) {
    if (err == EEXIST)
      throw Error(path.string() +
                  " already exists (it appeared while the demo was being built); init-demo never overwrites a file");
    throw Error("cannot move the new database into place at " + path.string() + ": " + std::strerror(err));
  }
  tmp.release();
  for (const char* suffix : {"-wal", "-shm"}) {
    std::filesystem::path p = tmp_path;
    p += suffix;
    std::filesystem::remove(p, ec);
  }
}

}  // namespace gb::data
