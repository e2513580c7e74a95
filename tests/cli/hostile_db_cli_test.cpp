// Hostile databases and hostile data on the terminal, end to end through
// the binary (issue 16, findings 3, 5 and 10).
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "data/db.hpp"
#include "support.hpp"

using gbtest::run_govbench;
namespace fs = std::filesystem;

namespace {

void plant(const fs::path& p, const std::string& sql) {
  gb::data::Db raw = gb::data::Db::open(p, gb::data::OpenMode::ReadWrite);
  raw.exec(sql);
}

// Runs govbench with stdout and stderr on a pseudo-terminal; returns what
// the terminal received.
std::string run_on_terminal(const std::vector<std::string>& args) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<std::string> argv_s{GOVBENCH_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_s) argv.push_back(s.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has closed the terminal
    out.append(buf, static_cast<std::size_t>(n));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  return out;
}

}  // namespace

TEST_CASE("check --db names a planted trigger and drop removes it", "[cli][hostile]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  plant(db,
        "CREATE TRIGGER audit_cleanup AFTER INSERT ON audit_log WHEN NEW.action = 'import' "
        "BEGIN DELETE FROM audit_log WHERE id = NEW.id; END");
  auto r = run_govbench({"check", "--db", db.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAILED  schema of " + db.string()) != std::string::npos);
  CHECK(r.out.find("trigger 'audit_cleanup' on table 'audit_log' was not made by govbench's schema migrations") !=
        std::string::npos);
  CHECK(r.out.find("govbench drop audit_cleanup --db " + db.string()) != std::string::npos);

  gbtest::write_file(dir / "t.csv", "a,b\n1,2\n");
  r = run_govbench({"import", (dir / "t.csv").string(), "--db", db.string(), "--table", "fresh"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("trigger 'audit_cleanup' on table 'audit_log'") != std::string::npos);

  r = run_govbench({"drop", "audit_cleanup", "--db", db.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("dropped trigger 'audit_cleanup'; the database as it was is in " + db.string() +
                   ".before-drop.bak") != std::string::npos);
  r = run_govbench({"import", (dir / "t.csv").string(), "--db", db.string(), "--table", "fresh"});
  CHECK(r.exit_code == 0);
  CHECK(run_govbench({"check", "--db", db.string()}).out.find("ok      schema of") != std::string::npos);
  r = run_govbench({"drop", "risks", "--db", db.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("is part of the governance schema") != std::string::npos);
  CHECK(run_govbench({"drop", "--help"}).out.find("usage: govbench drop NAME --db FILE") != std::string::npos);
}

TEST_CASE("importing into a table named like an SQLite table function is refused", "[cli][hostile]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  gbtest::write_file(dir / "t.csv", "a,b\n1,2\n");
  for (const char* name : {"pragma_table_info", "json_each"}) {
    const auto r = run_govbench({"import", (dir / "t.csv").string(), "--db", db.string(), "--table", name});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(std::string("table name '") + name + "' cannot be used") != std::string::npos);
  }
  // Edits, sessions and check still work on a file that has them already.
  plant(db, "CREATE TABLE json_each(x); CREATE TABLE pragma_table_info(y)");
  auto r = run_govbench({"session", "new", "--db", db.string(), "--title", "Panel", "--date", "2022-01-17"});
  CHECK(r.exit_code == 0);
  r = run_govbench({"session", "agenda", "add", "1", "audit_panel.risks", "--db", db.string()});
  CHECK(r.exit_code == 0);
  r = run_govbench({"session", "record", "note", "1", "1", "noted", "--db", db.string()});
  CHECK(r.exit_code == 0);
  r = run_govbench({"session", "export", "1", "--db", db.string(), "--format", "md", "-o", "-"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("noted") != std::string::npos);
  r = run_govbench({"check", "--db", db.string()});
  CHECK(r.out.find("table 'json_each' cannot be a table's name") != std::string::npos);
  CHECK(run_govbench({"drop", "json_each", "--db", db.string()}).exit_code == 0);
  CHECK(run_govbench({"drop", "pragma_table_info", "--db", db.string()}).exit_code == 0);
  CHECK(run_govbench({"check", "--db", db.string()}).out.find("ok      schema of") != std::string::npos);
}

TEST_CASE("control characters in data are escaped on a terminal and kept byte for byte in a pipe", "[cli][hostile]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  const std::vector<std::string> args{
      "export",
      "--db",
      db.string(),
      "--format",
      "csv",
      "--sql",
      "SELECT char(27) || ']0;pwned' || char(7) || char(27) || '[31mRED' || char(13) || "
      "'x' || CAST(x'c29b' AS TEXT) || '2J' AS t"};
  const std::string shown = run_on_terminal(args);
  INFO(shown);
  CHECK(shown.find('\x1b') == std::string::npos);
  CHECK(shown.find('\x07') == std::string::npos);
  CHECK(shown.find("\\x1B]0;pwned\\x07\\x1B[31mRED\\x0Dx\\u009B2J") != std::string::npos);
  // Redirected, the bytes are the data's own.
  const auto r = run_govbench(args);
  CHECK(r.out.find("\x1b]0;pwned\x07\x1b[31mRED\rx\xc2\x9b"
                   "2J") != std::string::npos);
}
