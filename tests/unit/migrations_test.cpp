#include "data/migrations.hpp"

#include <sys/resource.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>

#include "core/error.hpp"
#include "core/text.hpp"
#include "data/schema_image.hpp"
#include "data/schema_inspect.hpp"
#include "support.hpp"

using namespace gb::data;

TEST_CASE("migrations are numbered 1..N and a new database reaches the latest", "[migrations]") {
  REQUIRE(latest_schema_version() >= 2);
  for (int i = 0; i < latest_schema_version(); ++i) CHECK(migrations()[static_cast<std::size_t>(i)].version == i + 1);
  gbtest::TempDir dir;
  MigrationReport r;
  Db db = open_governance_db(dir / "g.db", OpenMode::Create, &r);
  CHECK(r.from == 0);
  CHECK(r.to == latest_schema_version());
  CHECK_FALSE(r.backup);
  CHECK(db.user_version() == latest_schema_version());
  Statement fk = db.prepare("PRAGMA foreign_keys");
  fk.step();
  CHECK(fk.column_int(0) == 1);
  Statement jm = db.prepare("PRAGMA journal_mode");
  jm.step();
  CHECK(jm.column_text(0) == "wal");
  Statement log = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'migrate'");
  log.step();
  CHECK(log.column_int(0) == latest_schema_version());  // migration 1 creates audit_log, then logs itself
}

TEST_CASE("an older governance database is backed up, then migrated", "[migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "old.db";
  {
    Db db = Db::open(p, OpenMode::Create);
    Transaction tx(db);
    db.exec(migrations()[0].sql);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = 1");
    tx.commit();
  }
  MigrationReport r;
  Db db = open_governance_db(p, OpenMode::ReadWrite, &r);
  CHECK(r.from == 1);
  CHECK(r.to == latest_schema_version());
  REQUIRE(r.backup);
  CHECK(std::filesystem::exists(*r.backup));
  CHECK(r.backup->filename() == "old.db.v1.bak");
  Db backup = Db::open(*r.backup, OpenMode::ReadOnly);
  CHECK(backup.user_version() == 1);
  CHECK_FALSE(backup.table_exists("imports"));
  CHECK(db.table_exists("imports"));
}

TEST_CASE("a database from a newer schema is refused and left byte-for-byte unchanged", "[migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "future.db";
  {
    Db db = Db::open(p, OpenMode::Create);
    db.exec("PRAGMA journal_mode = DELETE");
    db.exec("CREATE TABLE t (x)");
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 5));
  }
  const std::string before = gbtest::read_file(p);
  for (auto mode : {OpenMode::ReadWrite, OpenMode::ReadOnly, OpenMode::Create}) {
    CHECK_THROWS_WITH(open_governance_db(p, mode), Catch::Contains("newer govbench") && Catch::Contains("unchanged"));
  }
  CHECK(gbtest::read_file(p) == before);
  CHECK_FALSE(std::filesystem::exists(dir / "future.db-wal"));
}

TEST_CASE("an unrelated SQLite database is not turned into a governance database", "[migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "other.db";
  {
    Db db = Db::open(p, OpenMode::Create);
    db.exec("PRAGMA journal_mode = DELETE");
    db.exec("CREATE TABLE customers (name)");
  }
  const std::string before = gbtest::read_file(p);
  CHECK_THROWS_WITH(open_governance_db(p, OpenMode::ReadWrite), Catch::Contains("not a governance workbench database"));
  CHECK(gbtest::read_file(p) == before);
}

TEST_CASE("the schema enforces its enumerations", "[migrations][schema]") {
  Db db = Db::open_memory();
  migrate(db);
  db.exec("INSERT INTO sources (id, kind, document) VALUES (1, 'synthetic', 'test')");
  CHECK_THROWS_WITH(db.exec("INSERT INTO level_values (level, ordinal) VALUES ('XX', 9)"),
                    Catch::Contains("constraint"));
  // An audit rating outside the four CIPFA-style ratings is rejected.
  CHECK_THROWS(
      db.exec("INSERT INTO audits (kind, title, reported, date_precision, rating, source_id) VALUES ('DARA', 'x', "
              "'2021-01-01', 'day', 'excellent', 1)"));
  CHECK_NOTHROW(
      db.exec("INSERT INTO audits (kind, title, reported, date_precision, rating, source_id) VALUES ('DARA', 'x', "
              "'2021-01-01', 'day', 'limited', 1)"));
  CHECK_THROWS(
      db.exec("INSERT INTO audits (kind, title, reported, date_precision, rating, source_id) VALUES ('DARA', 'x', "
              "'yesterday', 'day', 'limited', 1)"));
}

TEST_CASE("an SQLite file with a schema version but not our application id is refused unchanged", "[migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "theirs.db";
  {
    Db db = Db::open(p, OpenMode::Create);
    db.exec("PRAGMA journal_mode = DELETE");
    db.exec("CREATE TABLE customers (name)");
    db.exec("PRAGMA user_version = 1");
  }
  const std::string before = gbtest::read_file(p);
  for (auto mode : {OpenMode::ReadWrite, OpenMode::Create, OpenMode::ReadOnly}) {
    CHECK_THROWS_WITH(open_governance_db(p, mode), Catch::Contains("not a governance workbench database"));
  }
  // migrate() on its own checks too, before it writes anything.
  {
    Db db = Db::open(p, OpenMode::ReadWrite);
    CHECK_THROWS_WITH(migrate(db), Catch::Contains("not a governance workbench database"));
  }
  CHECK(gbtest::read_file(p) == before);
  CHECK_FALSE(std::filesystem::exists(dir / "theirs.db.v1.bak"));
  CHECK_FALSE(std::filesystem::exists(dir / "theirs.db-wal"));
}

namespace {

// A database at schema version 1, in rollback-journal mode (no -wal file).
void make_version_1(const std::filesystem::path& p) {
  Db db = Db::open(p, OpenMode::Create);
  db.exec("PRAGMA journal_mode = DELETE");
  Transaction tx(db);
  db.exec(migrations()[0].sql);
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = 1");
  tx.commit();
}

unsigned mode_bits(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("a failed backup before an upgrade leaves the database unchanged", "[migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "old.db";
  make_version_1(p);
  const std::string before = gbtest::read_file(p);
  // The copy cannot be written whole: the file size limit makes its writes
  // fail as a full disk would, even for root.
  struct rlimit saved {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  auto* const old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string message = "(no error)";
  try {
    open_governance_db(p, OpenMode::ReadWrite);
  } catch (const gb::Error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  CHECK_THAT(message, Catch::Contains("cannot back up " + p.string() + " to " + p.string() + ".v1.bak") &&
                          Catch::Contains("(nothing was changed)"));
  CHECK(gbtest::read_file(p) == before);  // still in rollback-journal mode: not switched to WAL
  CHECK_FALSE(std::filesystem::exists(dir / "old.db-wal"));
  CHECK_FALSE(std::filesystem::exists(dir / "old.db.v1.bak"));  // the half-written copy is removed
}

TEST_CASE("the backup before an upgrade has the database's own mode whatever the umask", "[migrations][backup]") {
  gbtest::TempDir dir;
  for (const unsigned mode : {0600u, 0640u, 0644u}) {
    INFO(mode);
    const auto p = dir / ("m" + std::to_string(mode) + ".db");
    make_version_1(p);
    REQUIRE(::chmod(p.c_str(), mode) == 0);
    const mode_t old_umask = ::umask(0);  // the widest umask: a new file would be 0666
    MigrationReport r;
    std::string failure;
    try {
      open_governance_db(p, OpenMode::ReadWrite, &r);
    } catch (const gb::Error& e) {
      failure = e.what();
    }
    ::umask(old_umask);
    REQUIRE(failure.empty());
    REQUIRE(r.backup);
    CHECK(mode_bits(*r.backup) == mode);
    Db backup = Db::open(*r.backup, OpenMode::ReadOnly);
    CHECK(backup.user_version() == 1);
  }
}

TEST_CASE("the backup before an upgrade is never written through a link planted at its name", "[migrations][backup]") {
  gbtest::TempDir dir;
  const auto p = dir / "old.db";
  make_version_1(p);
  ::chmod(p.c_str(), 0600);
  std::filesystem::create_directories(dir / "theirs");
  // A link to a file not yet there (dangling: it does not "exist") and one
  // to a file that does.
  std::filesystem::create_symlink(dir / "theirs" / "copy.db", dir / "old.db.v1.bak");
  gbtest::write_file(dir / "theirs" / "kept.txt", "");
  std::filesystem::create_symlink(dir / "theirs" / "kept.txt", dir / "old.db.v1.bak.1");
  MigrationReport r;
  Db db = open_governance_db(p, OpenMode::ReadWrite, &r);
  REQUIRE(r.backup);
  CHECK(r.backup->filename() == "old.db.v1.bak.2");
  CHECK(mode_bits(*r.backup) == 0600);
  CHECK(std::filesystem::is_symlink(dir / "old.db.v1.bak"));
  CHECK(std::filesystem::is_symlink(dir / "old.db.v1.bak.1"));
  CHECK_FALSE(std::filesystem::exists(dir / "theirs" / "copy.db"));
  CHECK(gbtest::read_file(dir / "theirs" / "kept.txt").empty());
  Db backup = Db::open(*r.backup, OpenMode::ReadOnly);
  CHECK(backup.user_version() == 1);
}

TEST_CASE("schema_table_names lists what the migrations create", "[migrations]") {
  const auto& names = schema_table_names();
  for (const char* t : {"risks", "observations", "imports", "audit_log", "settings", "risk_scores", "risk_register"})
    CHECK(std::find(names.begin(), names.end(), t) != names.end());
  CHECK(is_schema_table("Observations"));
  CHECK_FALSE(is_schema_table("stop_search"));
}

namespace {

// Every row of every table but audit_log, and audit_log without its times,
// as text, with the schema objects and the header's numbers.
std::vector<std::string> database_contents(Db& db) {
  std::vector<std::string> out;
  for (const char* pragma : {"user_version", "application_id", "page_size", "foreign_keys"}) {
    Statement st = db.prepare(std::string("PRAGMA ") + pragma);
    st.step();
    out.push_back(std::string(pragma) + "=" + st.column_text(0));
  }
  Statement objects = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  while (objects.step())
    out.push_back(objects.column_text(0) + "|" + objects.column_text(1) + "|" + objects.column_text(2) + "|" +
                  (objects.column_is_null(3) ? "" : objects.column_text(3)));
  for (const auto& table : db.table_names()) {
    const std::string columns =
        table == "audit_log" ? "id, who, action, tbl, row_id, before, after, edit_id, undo_of" : "*";
    Statement rows = db.prepare("SELECT " + columns + " FROM \"" + table + "\" ORDER BY rowid");
    while (rows.step()) {
      std::string row = table + ":";
      for (int c = 0; c < rows.column_count(); ++c)
        row += (rows.column_is_null(c) ? "NULL" : rows.column_text(c)) + "|";
      out.push_back(row);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a new database made from the schema image equals one made by running every migration", "[migrations]") {
  // The image is made at build time by govbench_schema_gen; the program uses
  // it whenever the SQLite it runs with made it, as in this build.
  REQUIRE(schema_image_usable());
  gbtest::TempDir dir;
  Db from_image = open_governance_db(dir / "image.db", OpenMode::Create);
  Db stepped = Db::open(dir / "stepped.db", OpenMode::Create);
  const MigrationReport r = migrate(stepped, {.use_schema_image = false});
  CHECK(r.to == latest_schema_version());

  const auto a = database_contents(from_image);
  const auto b = database_contents(stepped);
  CHECK(a.size() > 150);
  CHECK(a == b);

  // The schema check's list of what the migrations make is the image's, and
  // matches the stepped database object by object; both pass the check.
  const auto& expected = expected_schema_objects();
  Statement objects =
      stepped.prepare("SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger', 'index')");
  std::size_t n = 0;
  while (objects.step()) {
    ++n;
    const auto it = expected.find(gb::to_lower_ascii(objects.column_text(0)));
    REQUIRE(it != expected.end());
    CHECK(it->second.type == objects.column_text(1));
    CHECK(it->second.sql == (objects.column_is_null(2) ? std::string() : objects.column_text(2)));
  }
  CHECK(n == expected.size());
  CHECK(inspect_schema(from_image).empty());
  CHECK(untrusted_triggers(from_image).empty());

  Statement check = from_image.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "ok");
  // The audit trail says the migrations ran, one entry each, as before.
  Statement log = from_image.prepare("SELECT group_concat(after, ', ') FROM audit_log WHERE action = 'migrate'");
  REQUIRE(log.step());
  CHECK(log.column_text(0).starts_with("1 (001_init.sql), 2 (002_imports.sql)"));
}

TEST_CASE("the schema image's bytes are a whole governance database", "[migrations]") {
  const std::string bytes = schema_image_bytes();
  REQUIRE(bytes.size() == schema_image().size);
  CHECK(bytes.size() % 4096 == 0);
  CHECK(bytes.compare(0, 16, std::string("SQLite format 3\0", 16)) == 0);
  // The header's application id (offset 68) and schema version (offset 60), big-endian.
  auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  CHECK(be32(68) == kApplicationId);
  CHECK(be32(60) == static_cast<std::uint32_t>(latest_schema_version()));
}
