// Faults other than a kill: a full disk, a database another program holds,
// a read-only database file, and files that are not SQLite or are corrupt.
// Each must end with a clear message and nothing half-written.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>

#include "data/csv_import.hpp"
#include "data/db.hpp"
#include "data/migrations.hpp"
#include "engine/workspace.hpp"
#include "fault/child_process.hpp"
#include "support.hpp"

using namespace gb::data;
namespace fs = std::filesystem;

namespace {

using gbtest::number;

std::string integrity(const fs::path& path) {
  Db db = Db::open(path, OpenMode::ReadOnly);
  std::string out;
  Statement st = db.prepare("PRAGMA integrity_check");
  while (st.step()) out += st.column_text(0);
  return out;
}

std::string big_csv(int rows) {
  std::ostringstream csv;
  csv << "id,text\n";
  for (int i = 0; i < rows; ++i) csv << i << ",\"" << std::string(200, static_cast<char>('a' + i % 26)) << "\"\n";
  return csv.str();
}

// Every row count: what "nothing was written" is compared with.
std::string all_counts(const fs::path& path) {
  Db db = Db::open(path, OpenMode::ReadOnly);
  std::string out;
  for (const auto& t : db.table_names())
    out += t + "=" + std::to_string(number(db, "SELECT count(*) FROM " + quote_identifier(t))) + " ";
  return out;
}

// The user the permission tests run as: root ignores file modes, so when
// the tests run as root the child drops to nobody.
gbtest::ChildOptions as_unprivileged() {
  gbtest::ChildOptions o;
  if (::geteuid() == 0) {
    o.uid = 65534;
    o.gid = 65534;
  }
  return o;
}

}  // namespace

TEST_CASE("an import that fills the database's size limit fails clearly and writes nothing", "[fault][disk]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  const std::string before = all_counts(path);
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  const auto pages = number(db, "PRAGMA page_count");
  db.exec("PRAGMA max_page_count = " + std::to_string(pages + 20));
  ImportOptions o;
  o.table = "too_big";
  try {
    import_csv_bytes(db, "big.csv", big_csv(5000), o);
    FAIL("the import should not fit");
  } catch (const StorageError& e) {
    CHECK_THAT(e.what(), Catch::Contains("cannot import big.csv into " + path.string()) &&
                             Catch::Contains("the disk is full, or the database reached its size limit") &&
                             Catch::Contains("nothing was imported and the database is as it was"));
  }
  CHECK_FALSE(db.table_exists("too_big"));
  db.exec("PRAGMA max_page_count = 1073741823");
  // The connection is still usable, and nothing of the import is there.
  CHECK(number(db, "SELECT count(*) FROM imports WHERE tbl = 'too_big'") == 0);
  CHECK(integrity(path) == "ok");
  CHECK(all_counts(path) == before);
}

TEST_CASE("govbench import on a full disk (a file size limit) fails clearly and writes nothing", "[fault][disk]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  gbtest::write_file(dir / "big.csv", big_csv(20000));
  const std::string before = all_counts(path);
  // The database may not grow, and its WAL may not grow past 64 KiB.
  gbtest::ChildOptions o;
  o.file_size_limit = std::max<std::uint64_t>(fs::file_size(path), 64 * 1024);
  const auto r = gbtest::run_child(
      {GOVBENCH_BINARY, "import", (dir / "big.csv").string(), "--db", path.string(), "--table", "too_big"}, o);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("govbench: import: cannot import ") && Catch::Contains("the disk may be full") &&
                        Catch::Contains("nothing was imported and the database is as it was"));
  CHECK(integrity(path) == "ok");
  CHECK(all_counts(path) == before);
}

TEST_CASE("a database another program is writing: govbench waits, then says so", "[fault][lock]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  gbtest::write_file(dir / "small.csv", "a,b\n1,2\n");
  const std::string before = all_counts(path);
  Db holder = open_governance_db(path, OpenMode::ReadWrite);
  Transaction held(holder);  // BEGIN IMMEDIATE: the write lock, held by this process

  const auto start = std::chrono::steady_clock::now();
  const auto r = gbtest::run_child(
      {GOVBENCH_BINARY, "import", (dir / "small.csv").string(), "--db", path.string(), "--table", "small"});
  const auto waited = std::chrono::steady_clock::now() - start;
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("another program is using the database; try again when it has finished") &&
                        Catch::Contains("nothing was imported"));
  CHECK(waited >= std::chrono::seconds(4));  // the busy timeout (5 s), not an immediate failure

  // Readers are not blocked by a writer (WAL).
  const auto t = gbtest::run_child({GOVBENCH_BINARY, "tables", "--db", path.string()});
  CHECK(t.exit_code == 0);
  CHECK_THAT(t.out, Catch::Contains("risks\t"));
  held.commit();
  CHECK(all_counts(path) == before);
}

TEST_CASE("a read-only database file opens read-only and says so", "[fault][readonly]") {
  gbtest::TempDir dir;
  // The folder is writable (SQLite puts its WAL index there); the file is not.
  const fs::path folder = dir / "shared";
  fs::create_directory(folder);
  const fs::path path = folder / "ro.db";
  fs::copy_file(gbtest::demo_copy(dir), path);
  gbtest::write_file(dir / "small.csv", "a,b\n1,2\n");
  fs::permissions(folder, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::permissions(dir / "small.csv", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string digest = gbtest::file_digest(path);
  const auto as = as_unprivileged();

  const auto tables = gbtest::run_child({GOVBENCH_BINARY, "tables", "--db", path.string()}, as);
  INFO(tables.err);
  CHECK(tables.exit_code == 0);
  CHECK_THAT(tables.out, Catch::Contains("risks\t"));
  CHECK_THAT(tables.err, Catch::Contains("is read-only: opened for reading only"));

  const auto score = gbtest::run_child({GOVBENCH_BINARY, "score", "--db", path.string()}, as);
  INFO(score.err);
  CHECK(score.exit_code == 0);
  CHECK_THAT(score.err, Catch::Contains("is read-only: opened for reading only"));

  const auto import = gbtest::run_child(
      {GOVBENCH_BINARY, "import", (dir / "small.csv").string(), "--db", path.string(), "--table", "small"}, as);
  INFO(import.err);
  CHECK(import.exit_code == 1);
  CHECK_THAT(import.err, Catch::Contains("for writing: the file is read-only"));
  CHECK(gbtest::file_digest(path) == digest);
}

namespace {

// Writes `bytes` as a database, runs each command on it, and checks that
// each fails with `message` and leaves the file as it was.
void refused_unchanged(const gbtest::TempDir& dir, const std::string& name, const std::string& bytes,
                       const std::string& message) {
  const fs::path path = dir / name;
  gbtest::write_file(path, bytes);
  gbtest::write_file(dir / "small.csv", "a,b\n1,2\n");
  const std::string digest = gbtest::file_digest(path);
  const std::vector<std::vector<std::string>> commands = {
      {"tables", "--db", path.string()},
      {"export", "--db", path.string(), "--table", "risks"},
      {"score", "--db", path.string()},
      {"eval", "--db", path.string()},
      {"import", (dir / "small.csv").string(), "--db", path.string(), "--table", "small"},
  };
  for (const auto& args : commands) {
    std::vector<std::string> argv{GOVBENCH_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = gbtest::run_child(argv);
    INFO(name << ": govbench " << args[0] << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("govbench: " + args[0] + ": ") && Catch::Contains(message));
    CHECK(gbtest::file_digest(path) == digest);
  }
}

}  // namespace

TEST_CASE("a file that is not SQLite or is corrupt is refused clearly and left unchanged", "[fault][corrupt]") {
  gbtest::TempDir dir;
  const std::string demo = gbtest::read_file(gbtest::demo_copy(dir));
  REQUIRE(demo.size() > 64 * 4096);
  std::mt19937 rng(20261125);
  auto garbage = [&](std::size_t n) {
    std::string g(n, '\0');
    for (auto& c : g) c = static_cast<char>(rng());
    return g;
  };

  SECTION("not SQLite") {
    refused_unchanged(dir, "text.db", "ref,name\n1,Risk\n", "the file is not an SQLite database");
  }
  SECTION("random bytes") {
    refused_unchanged(dir, "random.db", garbage(50000), "the file is not an SQLite database");
  }
  SECTION("truncated") {
    refused_unchanged(dir, "truncated.db", demo.substr(0, demo.size() / 3), "the file is truncated");
  }
  SECTION("garbage pages") {
    // The header page is intact; every later page is noise.
    std::string bad = demo.substr(0, 4096) + garbage(demo.size() - 4096);
    refused_unchanged(dir, "garbage.db", bad, "corrupt");
  }
}

TEST_CASE("the workbench opens a database it may not write read-only and says so", "[fault][readonly]") {
  gbtest::TempDir dir;
  const fs::path folder = dir / "shared";
  fs::create_directory(folder);
  const fs::path path = folder / "ro.db";
  fs::copy_file(gbtest::demo_copy(dir), path);
  fs::permissions(folder, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string digest = gbtest::file_digest(path);
  // Root may write any file: drop to nobody for the duration (this process only).
  struct Unprivileged {
    bool dropped = false;
    Unprivileged() {
      if (::geteuid() == 0) dropped = ::setegid(65534) == 0 && ::seteuid(65534) == 0;
    }
    ~Unprivileged() {
      if (dropped) {
        [[maybe_unused]] const int a = ::seteuid(0);
        [[maybe_unused]] const int b = ::setegid(0);
      }
    }
  };
  {
    Unprivileged nobody;
    gb::engine::WorkspaceOptions o;
    o.database = path.string();
    o.watch = false;
    gb::engine::Workspace ws(o);
    CHECK(ws.read_only());
    CHECK_THAT(ws.read_only_reason(), Catch::Contains("read-only"));
    ws.scored_register();
    REQUIRE(ws.wait_idle(std::chrono::seconds(60)));  // the pack host, as "nobody" too, answers
    CHECK(ws.scored_register().risks.size() > 0);
    bool said = false;
    for (const auto& m : ws.console()) said = said || m.text.find("opened read-only") != std::string::npos;
    CHECK(said);
  }
  CHECK(gbtest::file_digest(path) == digest);
}
