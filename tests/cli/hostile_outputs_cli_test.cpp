// Issue 16: outputs that cannot attack their reader or the system. Each
// output command follows one rule for what is at its -o path
// (core/atomic_file.hpp): a file is written atomically, a link's target is
// written, a device, a FIFO and - are streams, anything else is refused.
// These run as root too: /dev itself is only ever read here (lstat), never
// given to a command whose old behaviour would have replaced it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support.hpp"

namespace fs = std::filesystem;
using gbtest::run_govbench;

namespace {

struct Lstat {
  dev_t dev = 0;
  ino_t ino = 0;
  mode_t mode = 0;
  bool operator==(const Lstat&) const = default;
};

Lstat lstat_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return {st.st_dev, st.st_ino, st.st_mode};
}

std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

const std::vector<std::string> kSmallQuery = {"--sql", "SELECT ref, name FROM risks ORDER BY ref LIMIT 3"};

}  // namespace

TEST_CASE("export -o /dev/stdout and -o - print the table and leave /dev/stdout as it was", "[cli][output_rule]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto plain = run_govbench({"export", "--db", db, "--table", "risks", "--format", "csv"});
  REQUIRE(plain.exit_code == 0);
  REQUIRE_THAT(plain.out, Catch::StartsWith("id,"));
  const Lstat before = lstat_of("/dev/stdout");
  for (const char* out : {"/dev/stdout", "-", "/dev/fd/1", "/proc/self/fd/1"}) {
    INFO(out);
    const auto r = run_govbench({"export", "--db", db, "--table", "risks", "--format", "csv", "-o", out});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == plain.out);
    CHECK(lstat_of("/dev/stdout") == before);
  }
  CHECK(fs::is_symlink("/dev/stdout"));
}

TEST_CASE("every -o writes a FIFO as a stream and leaves it a FIFO", "[cli][output_rule]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const fs::path fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Lstat before = lstat_of(fifo);
  // Held open read-write: the command's open does not wait, and nothing
  // hangs if the FIFO were replaced instead.
  const int reader = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(reader >= 0);
  std::vector<std::string> args = {"export", "--db", db, "--format", "csv", "-o", fifo.string()};
  args.insert(args.end(), kSmallQuery.begin(), kSmallQuery.end());
  auto r = run_govbench(args);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(drain(reader), Catch::StartsWith("ref,name\r\n"));
  CHECK(lstat_of(fifo) == before);

  r = run_govbench(
      {"render", "audit_panel.risks", "--db", db, "--param", "term=long", "--format", "json", "-o", fifo.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(drain(reader), Catch::StartsWith("{"));
  CHECK(lstat_of(fifo) == before);
  ::close(reader);
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
}

TEST_CASE("every -o given a link writes its target and keeps the link", "[cli][output_rule]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  fs::create_directories(dir / "papers");
  gbtest::write_file(dir / "papers" / "register.csv", "old");
  fs::create_symlink("papers/register.csv", dir / "one.csv");
  fs::create_symlink("one.csv", dir / "two.csv");  // a link to a link
  std::vector<std::string> args = {"export", "--db", db, "--format", "csv", "-o", (dir / "two.csv").string()};
  args.insert(args.end(), kSmallQuery.begin(), kSmallQuery.end());
  auto r = run_govbench(args);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir / "one.csv"));
  CHECK(fs::is_symlink(dir / "two.csv"));
  CHECK_THAT(gbtest::read_file(dir / "papers" / "register.csv"), Catch::StartsWith("ref,name\r\n"));

  fs::create_symlink("papers/minutes.html", dir / "latest.html");
  REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "Panel", "--date", "2022-01-17"}).exit_code == 0);
  r = run_govbench({"session", "export", "1", "--db", db, "--format", "html", "-o", (dir / "latest.html").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir / "latest.html"));
  CHECK_THAT(gbtest::read_file(dir / "papers" / "minutes.html"), Catch::Contains("Minutes: Panel"));

  // A link to the database is the database: refused, the database kept.
  fs::create_symlink(db, dir / "sneaky.csv");
  r = run_govbench({"export", "--db", db, "--table", "risks", "-o", (dir / "sneaky.csv").string()});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("it is the database"));
  CHECK(gbtest::read_file(db).rfind("SQLite format 3", 0) == 0);
}

TEST_CASE("every -o refuses a folder or a file in /dev and names the path", "[cli][output_rule]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  fs::create_directories(dir / "papers");
  const std::string folder = (dir / "papers").string();
  const std::string why = "cannot write " + folder + ": it is a folder; give a file name";
  for (const std::vector<std::string>& cmd :
       {std::vector<std::string>{"export", "--db", db, "--table", "risks", "-o", folder},
        std::vector<std::string>{"render", "audit_panel.risks", "--db", db, "--format", "html", "-o", folder},
        std::vector<std::string>{"session", "export", "1", "--db", db, "--format", "md", "-o", folder},
        std::vector<std::string>{"screenshot", "--db", db, "-o", folder}}) {  // refused before any window opens
    if (cmd[0] == "session")
      REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "Panel", "--date", "2022-01-17"}).exit_code == 0);
    const auto r = run_govbench(cmd);
    INFO(cmd[0] + " " + cmd[1]);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains(why));
    CHECK(fs::is_empty(dir / "papers"));
  }
  const auto r = run_govbench({"export", "--db", db, "--table", "risks", "-o", "/dev/govbench-test-new"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("cannot write /dev/govbench-test-new: a file in /dev, where govbench does not "
                                    "create files"));
  CHECK_FALSE(fs::exists(fs::symlink_status("/dev/govbench-test-new")));
}

TEST_CASE("render and session export and pack build write to - and /dev/stdout", "[cli][output_rule]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r =
      run_govbench({"render", "audit_panel.risks", "--db", db, "--param", "term=long", "--format", "json", "-o", "-"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("{"));
  // CSV of a view with several tables is several files: refused for a stream.
  r = run_govbench({"render", "audit_panel.risks", "--db", db, "--format", "csv", "-o", "-"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("govbench: render: view audit_panel.risks has ") &&
                        Catch::Contains(" tables, and CSV writes each to its own file: give -o a file name (not -)"));
  REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "Panel", "--date", "2022-01-17"}).exit_code == 0);
  r = run_govbench({"session", "export", "1", "--db", db, "--format", "md", "-o", "/dev/stdout"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("# Minutes: Panel\n"));
  const auto pack = gbtest::write_pack(dir.path(), "tiny", {});
  r = run_govbench({"pack", "build", pack.string(), "-o", "-"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("PK", 0) == 0);  // the zip itself; the note goes to stderr
  CHECK_THAT(r.err, Catch::Contains("wrote -: tiny 1.0.0"));
  CHECK_FALSE(fs::exists(dir / "-"));
}

TEST_CASE("eval and score --format csv neutralise formulas while export --format csv keeps the data as stored",
          "[cli][csv_formula]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  gbtest::write_pack(dir.path(), "sly",
                     {{"indicators/a.lua",
                       "gov.indicator { id = 'sly.a', title = '=HYPERLINK(\"http://evil\",\"x\")', "
                       "unit = '@u', compute = function() return -12.5 end }\n"}});
  auto r =
      run_govbench({"eval", "--db", db, "--packs", (dir / "sly").string(), "--indicator", "sly.a", "--format", "csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("sly.a,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",ok,"));
  CHECK_THAT(r.out, Catch::Contains(",-12.5,'@u,"));
  CHECK(r.out.find(",=") == std::string::npos);

  r = run_govbench({"export", "--db", db, "--format", "csv", "--sql", "SELECT '=1+2' AS v"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "v\r\n=1+2\r\n");
}

TEST_CASE("session export: hostile notes in Markdown and a 35 KB decision in the PDF", "[cli][markdown][long_text]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "Panel <b>x</b>", "--date", "2022-01-17", "--attendee",
                        "[Chair](javascript:alert(1))"})
              .exit_code == 0);
  REQUIRE(run_govbench({"session", "agenda", "add", "1", "audit_panel.risks", "--db", db}).exit_code == 0);
  REQUIRE(run_govbench({"session", "start", "1", "--db", db}).exit_code == 0);
  for (const char* note : {"<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "| cell | break"})
    REQUIRE(run_govbench({"session", "record", "note", "1", "1", note, "--db", db}).exit_code == 0);
  std::string decision;
  while (decision.size() < 35000) decision += "The panel considered the register at length. ";
  decision += "Decision: the register is approved as FINALWORDS.";
  auto r = run_govbench({"session", "record", "decision", "1", "1", decision, "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  r = run_govbench({"session", "export", "1", "--db", db, "--format", "md", "-o", "-"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find('<') == std::string::npos);
  CHECK(r.out.find("](") == std::string::npos);
  CHECK(r.out.find("javascript:") == std::string::npos);
  CHECK_THAT(r.out, Catch::Contains("- &lt;img src=x onerror=alert(1)&gt;\n"));
  CHECK_THAT(r.out, Catch::Contains("- \\| cell \\| break\n"));
  CHECK_THAT(r.out, Catch::Contains("FINALWORDS"));

  const auto pdf = (dir / "minutes.pdf").string();
  r = run_govbench({"session", "export", "1", "--db", db, "--format", "pdf", "-o", pdf});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto text = gbtest::run_program({"pdftotext", pdf, "-"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("FINALWORDS"));
  const auto html = (dir / "minutes.html").string();
  REQUIRE(run_govbench({"session", "export", "1", "--db", db, "--format", "html", "-o", html}).exit_code == 0);
  CHECK_THAT(gbtest::read_file(html), Catch::Contains("FINALWORDS"));
}
