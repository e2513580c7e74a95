// End-to-end tests of the govbench command line: exit codes, messages and
// what ends up in the database.
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <memory>
#include <thread>

#include "data/db.hpp"
#include "support.hpp"

using gbtest::run_govbench;

namespace {

// Files in `dir` whose name contains `part`.
std::vector<std::string> files_containing(const std::filesystem::path& dir, const std::string& part) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().find(part) != std::string::npos) out.push_back(e.path().filename().string());
  return out;
}

}  // namespace

TEST_CASE("govbench --help, --version and every subcommand's --help", "[cli]") {
  auto r = run_govbench({"--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("usage: govbench") && Catch::Contains("init-demo") && Catch::Contains("import") &&
                        Catch::Contains("export"));
  r = run_govbench({"--version"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("govbench "));
  for (const char* cmd : {"init-demo", "import", "export", "tables", "screenshot", "check", "pack"}) {
    INFO(cmd);
    r = run_govbench({cmd, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith(std::string("usage: govbench ") + cmd));
    r = run_govbench({"help", cmd});
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("usage errors exit 2 with a message that points to --help", "[cli]") {
  auto r = run_govbench({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "govbench: no command 'frobnicate' (see 'govbench --help')\n");
  r = run_govbench({"import", "x.csv", "--db", "x.db", "--bogus"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("govbench: import: unknown option '--bogus'"));
  r = run_govbench({"import", "x.csv", "--db", "x.db"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("missing required option --table"));
  r = run_govbench({"import", "x.csv", "--db", "x.db", "--table", "t", "--header-rows", "many"});
  CHECK(r.exit_code == 2);
  r = run_govbench({"export", "--db", "x.db"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("exactly one of --table NAME or --sql QUERY"));
}

TEST_CASE("init-demo then export shows the register", "[cli]") {
  gbtest::TempDir dir;
  const auto db = (dir / "demo.db").string();
  auto r = run_govbench({"init-demo", db});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("11 corporate risks"));
  r = run_govbench(
      {"export", "--db", db, "--sql",
       "SELECT ref, likelihood, impact, target_likelihood, target_impact FROM risk_register WHERE ref = 10"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ref,likelihood,impact,target_likelihood,target_impact\r\n10,VH,VH,M,M\r\n");
  r = run_govbench({"init-demo", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("already exists"));
}

TEST_CASE("import: success, then a bad file is refused with file:line:column and nothing changes", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto good = dir / "good.csv", ragged = dir / "ragged.csv", latin = dir / "latin.csv";
  gbtest::write_file(good, "borough,score\nBarnet,71\nCamden,68\n");
  gbtest::write_file(ragged, "borough,score\nBrent,70\nEaling,65,extra\n");
  gbtest::write_file(latin, "borough,note\nHackney,caf\xE9\n");

  auto r = run_govbench({"import", good.string(), "--db", db, "--table", "scores"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "imported 2 rows into scores (2 columns)\n");

  r = run_govbench({"import", ragged.string(), "--db", db, "--table", "scores", "--append"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "govbench: import: " + ragged.string() +
                     ":3:11: this row has 3 fields but the header has 2 (a ragged row; check for an unquoted comma)\n");

  r = run_govbench({"import", latin.string(), "--db", db, "--table", "notes"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(latin.string() + ":2:12: the file is not valid UTF-8") &&
                        Catch::Contains("--encoding cp1252"));
  r = run_govbench({"import", latin.string(), "--db", db, "--table", "notes", "--encoding", "cp1252"});
  CHECK(r.exit_code == 0);

  r = run_govbench({"export", "--db", db, "--table", "scores"});
  CHECK(r.out == "borough,score\r\nBarnet,71\r\nCamden,68\r\n");
  r = run_govbench({"export", "--db", db, "--sql", "SELECT note FROM notes", "--format", "json"});
  CHECK(r.out == "[\n  {\"note\": \"caf\xC3\xA9\"}\n]\n");
}

TEST_CASE("commands refuse a file that is not SQLite and leave it unchanged", "[cli]") {
  gbtest::TempDir dir;
  const auto bogus = dir / "report.db";
  const std::string bytes = "%PDF-1.4 not a database at all";
  gbtest::write_file(bogus, bytes);
  const auto csv = dir / "a.csv";
  gbtest::write_file(csv, "a\n1\n");
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"import", csv.string(), "--db", bogus.string(), "--table", "t"},
                                             {"export", "--db", bogus.string(), "--table", "t"},
                                             {"tables", "--db", bogus.string()}}) {
    auto r = run_govbench(args);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("not an SQLite database"));
  }
  CHECK(gbtest::read_file(bogus) == bytes);
}

TEST_CASE("export -o writes the whole file or none", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto out = dir / "out.csv";
  gbtest::write_file(out, "previous export\n");
  auto r = run_govbench({"export", "--db", db, "--sql", "SELECT nosuchcolumn FROM risks", "-o", out.string()});
  CHECK(r.exit_code == 1);
  CHECK(gbtest::read_file(out) == "previous export\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out.csv.partial"));
  r = run_govbench({"export", "--db", db, "--table", "risks", "--format", "json", "-o", out.string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(gbtest::read_file(out), Catch::StartsWith("[\n  {"));
}

TEST_CASE("a failed import into a new database leaves no file behind", "[cli]") {
  gbtest::TempDir dir;
  const auto csv = dir / "bad.csv";
  gbtest::write_file(csv, "a,b\n1,\"2\n");
  const auto db = dir / "new.db";
  auto r = run_govbench({"import", csv.string(), "--db", db.string(), "--table", "t"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(csv.string() + ":2:3: unterminated quoted field"));
  CHECK_FALSE(std::filesystem::exists(db));
  r = run_govbench({"import", (dir / "missing.csv").string(), "--db", db.string(), "--table", "t"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("missing.csv: cannot open the file for reading"));
  CHECK_FALSE(std::filesystem::exists(db));
}

TEST_CASE("check reports each pack problem with file and line and exits 1", "[cli][packs]") {
  gbtest::TempDir dir;
  gbtest::write_pack(
      dir.path(), "good",
      {{"indicators/a.lua", "gov.indicator { id = 'good.a', title = 'A', compute = function() return 1 end }\n"}});
  auto r = run_govbench({"check", (dir / "good").string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ok      good 1.0.0 (1 indicator, 0 rules, 0 views, 0 tests)"));
  gbtest::write_pack(
      dir.path(), "bad",
      {{"indicators/a.lua", "print('loading')\ngov.indicator { id = 'bad.a', title = 42, compute = print }\n"}});
  r = run_govbench({"check", (dir / "bad").string(), (dir / "good").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out,
             Catch::Contains("FAILED  bad") &&
                 Catch::Contains(
                     "pack bad: gov.indicator: field 'title' must be a string, not a number (indicators/a.lua:2)"));
  CHECK_THAT(r.out, Catch::Contains("ok      good"));
  CHECK_THAT(r.err, Catch::Contains("pack bad: indicators/a.lua:1: loading"));
  r = run_govbench({"pack", "list", "--packs", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("bad") && Catch::Contains("failed") && Catch::Contains("good"));
  r = run_govbench({"pack", "frobnicate"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("export -o refuses the database and its journal files, and leaves it intact", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  std::filesystem::create_hard_link(db, dir / "alias.db");
  const std::string before = gbtest::read_file(db);
  for (const std::string& target :
       {db, db + "-wal", db + "-shm", db + "-journal", (dir / "." / "demo.db").string(), (dir / "alias.db").string()}) {
    INFO(target);
    auto r = run_govbench({"export", "--db", db, "--table", "risks", "-o", target});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("will not write the export to " + target) &&
                          Catch::Contains("choose another output file"));
  }
  CHECK(gbtest::read_file(db) == before);
  CHECK(files_containing(dir.path(), "partial").empty());
}

TEST_CASE("export -o says why it cannot write and leaves no temporary file", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"export", "--db", db, "--table", "risks", "-o", (dir / "no-such-folder" / "x.csv").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("cannot write " + (dir / "no-such-folder" / "x.csv").string() +
                                    ": No such file or directory"));
  std::filesystem::create_directory(dir / "taken");
  r = run_govbench({"export", "--db", db, "--table", "risks", "-o", (dir / "taken").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("cannot write " + (dir / "taken").string() + ": it is a folder; give a file name"));
  CHECK(files_containing(dir.path(), "partial").empty());
  // A good export gets an ordinary file mode, not mkstemp's private one.
  r = run_govbench({"export", "--db", db, "--table", "risks", "-o", (dir / "ok.csv").string()});
  REQUIRE(r.exit_code == 0);
  const auto perms = std::filesystem::status(dir / "ok.csv").permissions();
  CHECK((perms & std::filesystem::perms::owner_read) != std::filesystem::perms::none);
  const mode_t mask = umask(0);
  umask(mask);
  CHECK(static_cast<mode_t>(perms) == (0666 & ~mask));
}

TEST_CASE("commands refuse database names SQLite reads specially", "[cli]") {
  gbtest::TempDir dir;
  const auto csv = dir / "a.csv";
  gbtest::write_file(csv, "a\n1\n");
  for (const std::string name : {":memory:", "file:x.db?mode=memory"}) {
    INFO(name);
    auto r = run_govbench({"import", csv.string(), "--db", name, "--table", "t"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot use '" + name + "' as a database"));
    r = run_govbench({"tables", "--db", name});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot use '" + name + "' as a database"));
  }
  auto r = run_govbench({"init-demo", ":memory:"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("cannot use ':memory:' as a database"));
}

TEST_CASE("import names a folder as a folder and --replace keeps schema tables", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"import", dir.path().string(), "--db", (dir / "new.db").string(), "--table", "t"});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "govbench: import: " + dir.path().string() + ": is a folder, not a file\n");
  CHECK_FALSE(std::filesystem::exists(dir / "new.db"));

  const auto obs = dir / "obs.csv";
  gbtest::write_file(obs, "metric_id,period,value,source_id\npas.trust,2030-Q1,50,901\n");
  r = run_govbench({"import", obs.string(), "--db", db, "--table", "observations", "--append"});
  REQUIRE(r.exit_code == 0);
  r = run_govbench({"export", "--db", db, "--sql", "SELECT count(*) FROM observations"});
  const std::string count_before = r.out;
  r = run_govbench({"import", obs.string(), "--db", db, "--table", "observations", "--replace"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("part of the governance schema, so --replace will not drop it"));
  r = run_govbench({"export", "--db", db, "--sql", "SELECT count(*) FROM observations"});
  CHECK(r.out == count_before);
  r = run_govbench({"import", obs.string(), "--db", db, "--table", "audit_log", "--append"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("is written only by govbench itself"));
}

TEST_CASE("screenshot --size refuses trailing characters", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  for (const char* size : {"800x600junk", "800x600 ", " 800x600", "800x", "x600", "+800x600"}) {
    INFO(size);
    auto r = run_govbench({"screenshot", "--db", db, "--size", size, "-o", (dir / "s.png").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--size must be WIDTHxHEIGHT"));
  }
}

TEST_CASE("import clears its progress bar before printing the result", "[cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto csv = dir / "a.csv";
  gbtest::write_file(csv, "a,b\n1,2\n3,4\n");
  // Holding the write lock makes the import wait past the bar's one-second
  // delay, so the bar is drawn however fast the machine is.
  gb::data::Db holder = gb::data::Db::open(db, gb::data::OpenMode::ReadWrite);
  auto lock = std::make_unique<gb::data::Transaction>(holder);

  std::vector<std::string> args{GOVBENCH_BINARY, "import", csv.string(), "--db", db, "--table", "t"};
  std::vector<char*> argv;
  for (auto& x : args) argv.push_back(x.data());
  argv.push_back(nullptr);
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  lock.reset();  // rolls back: the import may go on
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(terminal, buf, sizeof buf);
    if (n > 0)
      out.append(buf, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR)
      continue;
    else
      break;  // EIO once the program has exited
  }
  close(terminal);
  int status = 0;
  waitpid(pid, &status, 0);
  INFO(out);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK_THAT(out, Catch::Contains("100%"));
  CHECK_THAT(out, Catch::Contains("\r\033[Kimported 2 rows into t (2 columns)"));
}
