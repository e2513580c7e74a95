// `govbench console`, `eval --watch` / `pack test --watch`, and print in
// `pack test`: the analyst's prototyping loop on the command line.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "support.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// A govbench process left running (for --watch), its stdout and stderr on one pipe.
class Live {
 public:
  explicit Live(const std::vector<std::string>& args) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::dup2(fds[1], 2);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<std::string> all{GOVBENCH_BINARY};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    fd_ = fds[0];
    ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Live() {
    ::kill(pid_, SIGTERM);
    int st = 0;
    ::waitpid(pid_, &st, 0);
    ::close(fd_);
  }
  // Reads until `text` appears after offset `from` or `limit` passes; true when it did.
  bool wait_for(const std::string& text, std::size_t from, std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      if (out_.find(text, from) != std::string::npos) return true;
      pollfd p{fd_, POLLIN, 0};
      ::poll(&p, 1, 20);
      char buf[4096];
      for (ssize_t n; (n = ::read(fd_, buf, sizeof buf)) > 0;) out_.append(buf, static_cast<std::size_t>(n));
    }
    return out_.find(text, from) != std::string::npos;
  }
  const std::string& out() const { return out_; }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string out_;
};

std::string gap_indicator(const std::string& body) {
  return "gov.indicator {\n  id = 'watched.gap',\n  title = 'A watched gap',\n  unit = 'pp',\n"
         "  compute = function(ctx)\n    " +
         body + "\n  end,\n}\n";
}

// Saves as an editor does: a new file renamed over the old.
void save(const fs::path& file, const std::string& text) {
  gbtest::write_file(file.string() + ".tmp", text);
  fs::rename(file.string() + ".tmp", file);
}

}  // namespace

TEST_CASE("console cli: -e runs Lua and SQL and prints a value a table and a chart", "[console_cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = gbtest::run_govbench(
      {"console", "--db", db, "-e", "ctx.value(\"SELECT count(*) FROM risk_register\")", "-e",
       "SELECT name, likelihood_ordinal * impact_ordinal AS score FROM risk_register ORDER BY ref"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("11\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("name") && Catch::Contains("score") && Catch::Contains("VIOLENT CRIME"));
  CHECK_THAT(r.out, Catch::Contains("chart (breakdown):") && Catch::Contains("█"));
  CHECK_THAT(r.out, Catch::Contains("(11 rows"));
}

TEST_CASE("console cli: an error names the line and the exit status is 1", "[console_cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = gbtest::run_govbench({"console", "--db", db, "-e", "local t = {}\nreturn t.a.b"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("error at line 2:"));
}

TEST_CASE("console cli: piped input continues an open statement and .save writes an indicator", "[console_cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack = gbtest::write_pack(dir.path(), "proto", {});
  const std::string script =
      "function double(x)\n  return 2 * x\nend\n"
      "double(ctx.value('SELECT count(*) FROM risk_register'))\n"
      ".save proto.doubled " +
      pack.string() + " Twice the risks\n";
  gbtest::write_file(dir / "in.txt", script);
  auto r = gbtest::run_program(
      {"sh", "-c", std::string(GOVBENCH_BINARY) + " console --db '" + db + "' < '" + (dir / "in.txt").string() + "'"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("22"));
  CHECK_THAT(r.out, Catch::Contains("wrote " + (pack / "indicators" / "doubled.lua").string()));
  // The saved input is the last that worked; as an indicator it depends on
  // the function defined in the console, so check says what is missing.
  auto c = gbtest::run_govbench({"check", pack.string()});
  CHECK(c.exit_code == 0);
  auto e = gbtest::run_govbench({"eval", "--db", db, "--packs", pack.string(), "--indicator", "proto.doubled"});
  CHECK(e.exit_code == 1);
  CHECK_THAT(e.err + e.out, Catch::Contains("double"));
}

TEST_CASE("console cli: .save of a SQL query makes an indicator with the same value", "[console_cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack = gbtest::write_pack(dir.path(), "proto", {});
  gbtest::write_file(
      dir / "in.txt",
      "SELECT count(*) FROM risk_register WHERE impact_ordinal >= 3\n.save proto.high_impact " + pack.string() + "\n");
  auto r = gbtest::run_program(
      {"sh", "-c", std::string(GOVBENCH_BINARY) + " console --db '" + db + "' < '" + (dir / "in.txt").string() + "'"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string value = r.out.substr(0, r.out.find('\n'));
  auto e = gbtest::run_govbench(
      {"eval", "--db", db, "--packs", pack.string(), "--indicator", "proto.high_impact", "--format", "csv"});
  INFO(e.out << e.err);
  CHECK(e.exit_code == 0);
  const std::string row = "proto.high_impact,proto.high_impact,ok,number,";
  REQUIRE(e.out.find(row) != std::string::npos);
  CHECK(std::stod(e.out.substr(e.out.find(row) + row.size())) == std::stod(value));
}

TEST_CASE("eval --watch shows a changed value and a broken save's line within a second", "[console_cli][watch]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack = gbtest::write_pack(dir.path(), "watched", {{"indicators/gap.lua", gap_indicator("return -20.5")}});
  Live live({"eval", "--db", db, "--packs", pack.string(), "--indicator", "watched.gap", "--watch"});
  REQUIRE(live.wait_for("watching", 0, std::chrono::seconds(20)));
  CHECK_THAT(live.out(), Catch::Contains("-20.5 pp"));

  std::size_t mark = live.out().size();
  const auto saved = Clock::now();
  save(pack / "indicators" / "gap.lua", gap_indicator("return -18.25"));
  REQUIRE(live.wait_for("watching", mark, std::chrono::seconds(10)));
  const auto took = Clock::now() - saved;
  const std::string second = live.out().substr(mark);
  INFO(second);
  CHECK_THAT(second, Catch::Contains("-18.25 pp") && Catch::Contains("changes since run 1:"));
  CHECK_THAT(second, Catch::Contains("- watched.gap") && Catch::Contains("+ watched.gap"));
  CHECK(took < std::chrono::seconds(1));

  mark = live.out().size();
  const auto broke = Clock::now();
  save(pack / "indicators" / "gap.lua", gap_indicator("return -18.25 +"));
  REQUIRE(live.wait_for("watching", mark, std::chrono::seconds(10)));
  const std::string third = live.out().substr(mark);
  INFO(third);
  CHECK_THAT(third, Catch::Contains("indicators/gap.lua:7: unexpected symbol"));
  CHECK(Clock::now() - broke < std::chrono::seconds(1));
}

TEST_CASE("eval --watch refuses --store", "[console_cli][watch]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = gbtest::run_govbench({"eval", "--db", db, "--watch", "--store"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--store"));
}

TEST_CASE("pack test --watch runs the tests again after a save", "[console_cli][watch]") {
  gbtest::TempDir dir;
  const auto pack =
      gbtest::write_pack(dir.path(), "watched",
                         {{"indicators/gap.lua", gap_indicator("return -20.5")},
                          {"tests/gap_test.lua",
                           "gov.test { name = 'gap is negative', run = function(t)\n  local r = t.eval('watched.gap')\n"
                           "  print('value', r.value)\n  t.ok(r.value < 0, 'negative')\nend }\n"}});
  Live live({"pack", "test", pack.string(), "--watch"});
  REQUIRE(live.wait_for("watching", 0, std::chrono::seconds(30)));
  CHECK_THAT(live.out(), Catch::Contains("1 passed, 0 failed"));
  CHECK_THAT(live.out(), Catch::Contains("gap is negative: value\t-20.5"));
  const std::size_t mark = live.out().size();
  save(pack / "indicators" / "gap.lua", gap_indicator("return 3"));
  REQUIRE(live.wait_for("watching", mark, std::chrono::seconds(20)));
  CHECK_THAT(live.out().substr(mark), Catch::Contains("0 passed, 1 failed"));
}

TEST_CASE("pack test shows what a test printed under its name", "[console_cli]") {
  gbtest::TempDir dir;
  const auto pack = gbtest::write_pack(
      dir.path(), "printing",
      {{"tests/p_test.lua",
        "gov.test { name = 'prints its working', run = function(t)\n  print('rows:', 3)\n  t.ok(true)\nend }\n"}});
  auto r = gbtest::run_govbench({"pack", "test", pack.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("prints its working: rows:\t3"));
}

TEST_CASE("pack test: t.indicator and t.rows work as the docs say", "[console_cli]") {
  gbtest::TempDir dir;
  const auto pack = gbtest::write_pack(
      dir.path(), "helpers",
      {{"indicators/n.lua", "gov.indicator { id = 'helpers.n', title = 'n', compute = function(ctx) return 7 end }\n"},
       {"tests/h_test.lua",
        "gov.test { name = 'helpers', run = function(t)\n"
        "  t.eq(t.indicator('helpers.n').value, 7)\n"
        "  local n = 0\n  for row in t.rows('SELECT ref FROM risk_register') do n = n + 1 end\n"
        "  t.eq(n, 11)\nend }\n"}});
  auto r = gbtest::run_govbench({"pack", "test", pack.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("1 passed, 0 failed"));
}
