#include "data/migrations.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "core/embedded.hpp"
#include "core/text.hpp"
#include "data/audit_log.hpp"
#include "data/schema_check.hpp"
#include "data/schema_image.hpp"

namespace gb::data {

namespace {

std::vector<Migration> load_migrations() {
  std::vector<Migration> out;
  for (const auto& f : embedded_schemas()) {
    if (!f.path.ends_with(".sql")) continue;
    int v = 0;
    auto [p, ec] = std::from_chars(f.path.data(), f.path.data() + f.path.size(), v);
    if (ec != std::errc() || p == f.path.data() || *p != '_')
      throw Error("schemas/" + std::string(f.path) + ": migration files must be named NNN_name.sql");
    out.push_back({v, std::string(f.path), f.text});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].version != static_cast<int>(i) + 1)
      throw Error("schemas/" + out[i].name + ": expected migration number " + std::to_string(i + 1));
  return out;
}

std::string too_new_message(const std::filesystem::path& path, std::int64_t version) {
  return "cannot open database " + path.string() + ": its schema version is " + std::to_string(version) +
         " but this govbench knows only up to version " + std::to_string(latest_schema_version()) +
         "; it was written by a newer govbench, so upgrade govbench to open it (the file was left unchanged)";
}

std::string foreign_message(const std::filesystem::path& path) {
  return "cannot use " + path.string() +
         ": it is an SQLite database but not a governance workbench database "
         "(the file was left unchanged; use a new file name)";
}

// The copy made before an upgrade: created here, empty, before SQLite
// writes it (VACUUM INTO takes an empty file), so that it is
//  - never reached through a link: created exclusively (O_EXCL, which
//    also refuses a link planted at the name, dangling or not), at the
//    first of NAME.vN.bak, NAME.vN.bak.1, ... that nothing holds;
//  - as private as the database: created 0600, then given the database's
//    own permission bits (and, for root, its owner), whatever the umask.
// The descriptor stays open until the copy is checked to be this file.
struct BackupFile {
  std::filesystem::path path;
  int fd = -1;
  BackupFile() = default;
  BackupFile(const BackupFile&) = delete;
  BackupFile& operator=(const BackupFile&) = delete;
  ~BackupFile() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void backup_failed(const std::filesystem::path& db, const std::filesystem::path& backup,
                                const std::string& purpose, const std::string& why) {
  throw Error("cannot back up " + db.string() + " to " + backup.string() + " " + purpose + ": " + why +
              " (nothing was changed)");
}

void create_backup_file(BackupFile& out, const std::filesystem::path& db, const std::string& suffix,
                        const std::string& purpose) {
  auto backup_failed = [&](const std::filesystem::path& b, const std::string& why) {
    ::gb::data::backup_failed(db, b, purpose, why);
  };
  struct stat db_st {};
  if (::stat(db.c_str(), &db_st) != 0) backup_failed(db.string() + ".bak", std::strerror(errno));
  std::filesystem::path base = db;
  base += "." + suffix + ".bak";
  for (int i = 0; i < 1000; ++i) {
    std::filesystem::path candidate = base;
    if (i) candidate += "." + std::to_string(i);
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) continue;
      backup_failed(candidate, std::strerror(errno));
    }
    out.path = candidate;
    out.fd = fd;
    if (::geteuid() == 0) (void)::fchown(fd, db_st.st_uid, db_st.st_gid);
    if (::fchmod(fd, db_st.st_mode & 07777) != 0) {
      const int err = errno;
      ::unlink(candidate.c_str());
      backup_failed(candidate, std::strerror(err));
    }
    return;
  }
  backup_failed(base, "1000 earlier backups are in the way");
}

// True when `path` is still the file `fd` created (not replaced meanwhile).
bool still_ours(const BackupFile& b) {
  struct stat a {
  }, p{};
  return ::fstat(b.fd, &a) == 0 && ::lstat(b.path.c_str(), &p) == 0 && S_ISREG(p.st_mode) && a.st_dev == p.st_dev &&
         a.st_ino == p.st_ino;
}

std::int64_t application_id(Db& db) {
  Statement st = db.prepare("PRAGMA application_id");
  st.step();
  return st.column_int(0);
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = load_migrations();
  return all;
}

int latest_schema_version() {
  return static_cast<int>(migrations().size());
}

const std::vector<std::string>& schema_table_names() {
  // From the schema check's record of what the migrations make (the schema
  // image made at build time, schema_image.hpp), not from running them.
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, object] : expected_schema_objects())  // by lower-case name, in order
      if ((object.type == "table" || object.type == "view") && !name.starts_with("sqlite_")) out.push_back(name);
    return out;
  }();
  return names;
}

bool is_schema_table(std::string_view name) {
  const auto& names = schema_table_names();
  return std::binary_search(names.begin(), names.end(), to_lower_ascii(name));
}

std::filesystem::path back_up_database(Db& db, const std::string& suffix, const std::string& purpose) {
  BackupFile backup;
  create_backup_file(backup, db.path(), suffix, purpose);
  Statement st = db.prepare("VACUUM INTO ?");
  st.bind(1, backup.path.string());
  try {
    st.run();
  } catch (const Error& e) {
    if (still_ours(backup)) ::unlink(backup.path.c_str());
    backup_failed(db.path(), backup.path, purpose, e.message());
  }
  if (!still_ours(backup)) backup_failed(db.path(), backup.path, purpose, "the file was replaced while it was written");
  return backup.path;
}

MigrationReport migrate(Db& db, MigrateOptions options) {
  MigrationReport report;
  const std::int64_t current = db.user_version();
  report.from = report.to = static_cast<int>(current);
  if (current > latest_schema_version()) throw Error(too_new_message(db.path(), current));
  // Every check comes before the first write: a file that fails one is
  // left byte-for-byte as it was. A schema version without our application
  // id is some other program's database (migration 1 sets both together).
  const std::int64_t app = application_id(db);
  if (app != 0 && app != kApplicationId) throw Error(foreign_message(db.path()));
  if (current > 0 && app != kApplicationId) throw Error(foreign_message(db.path()));
  if (current == latest_schema_version()) return report;
  if (current == 0 && !db.table_names().empty()) throw Error(foreign_message(db.path()));
  if (db.read_only()) throw Error("database " + db.path().string() + " is read-only and needs a schema upgrade");

  if (current > 0 && db.path() != ":memory:")
    report.backup = back_up_database(db, "v" + std::to_string(current), "before upgrading its schema");
  // Only now, with the backup safe, is the file changed (WAL rewrites its header).
  if (db.path() != ":memory:" && options.wal) db.use_wal();

  if (current == 0 && options.use_schema_image && schema_image_usable()) {
    // A new database: a copy of the migrations' result, made at build time
    // (schema_image.hpp), with each migration's audit entry as running them
    // would have written it, added to the copy first: one transaction.
    // A file that stays unshared until its first command ends (options.wal
    // false: engine::create_unshared) is not synced here: that command's
    // own commit syncs the whole file, and a command that fails removes it.
    const bool defer_sync = !options.wal && db.path() != ":memory:";
    if (defer_sync) db.exec("PRAGMA synchronous = OFF");
    copy_schema_image(db, [](Db& image) {
      for (const Migration& m : migrations())
        record_audit(image, AuditEntry{.action = "migrate",
                                       .table = "",
                                       .row_id = "",
                                       .before = std::to_string(m.version - 1),
                                       .after = std::to_string(m.version) + " (" + m.name + ")"});
    });
    if (defer_sync) db.exec("PRAGMA synchronous = FULL");
    report.to = latest_schema_version();
    return report;
  }
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    Transaction tx(db);
    try {
      db.exec(m.sql);
      if (m.version == 1) db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
      record_audit(db, AuditEntry{.action = "migrate",
                                  .table = "",
                                  .row_id = "",
                                  .before = std::to_string(m.version - 1),
                                  .after = std::to_string(m.version) + " (" + m.name + ")"});
      tx.commit();
    } catch (const Error& e) {
      throw Error("schema migration " + m.name + " failed: " + e.message() + "; the database was left at version " +
                  std::to_string(report.to));
    }
    report.to = m.version;
  }
  return report;
}

Db open_governance_db(const std::filesystem::path& path, OpenMode mode, MigrationReport* report,
                      MigrateOptions options) {
  const FileHeader h = read_file_header(path);
  if (h.is_sqlite) {
    if (h.user_version > static_cast<std::uint32_t>(latest_schema_version()))
      throw Error(too_new_message(path, h.user_version));
    if (h.application_id != 0 && h.application_id != kApplicationId) throw Error(foreign_message(path));
    if (h.user_version > 0 && h.application_id != kApplicationId) throw Error(foreign_message(path));
  }
  Db db = Db::open(path, mode, h);
  if (mode == OpenMode::ReadOnly) {
    // Read the version through SQLite too: a committed upgrade may still be in the WAL.
    const std::int64_t v = db.user_version();
    if (v > latest_schema_version()) throw Error(too_new_message(path, v));
    if (v == 0 && !db.table_names().empty()) throw Error(foreign_message(path));
    if (v > 0 && application_id(db) != kApplicationId) throw Error(foreign_message(path));
    if (v == 0)
      throw Error("database " + path.string() + " is empty (create it with 'govbench init-demo' or import into it)");
    return db;
  }
  MigrationReport r = migrate(db, options);
  if (r.from == r.to && options.wal) db.use_wal();  // migrate() did it when it wrote
  // No write of this connection runs a trigger the migrations did not make.
  db.guard_triggers(&untrusted_triggers);
  if (report) *report = r;
  return db;
}

}  // namespace gb::data
