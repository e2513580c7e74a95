// govbench pack build / keygen / sign / verify / install / update / remove /
// install --locked and govbench trust, end to end through the binary, with
// the user's data and config folders pointed at a temporary folder.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>
#include <set>

#include "script/bundle.hpp"
#include "support.hpp"

extern char** environ;

namespace fs = std::filesystem;
using gbtest::run_govbench;

namespace {

// XDG_DATA_HOME and XDG_CONFIG_HOME inside a temporary folder while the
// test runs (each test case runs in a process of its own under CTest).
struct UserHome {
  gbtest::TempDir dir;
  UserHome() {
    setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  }
  ~UserHome() {
    unsetenv("XDG_DATA_HOME");
    unsetenv("XDG_CONFIG_HOME");
  }
  fs::path packs() const { return dir / "data" / "govbench" / "packs"; }
};

// Every path under `root`, relative, sorted (empty when it does not exist).
std::set<std::string> tree(const fs::path& root) {
  std::set<std::string> out;
  std::error_code ec;
  if (!fs::exists(root, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    out.insert(e.path().lexically_relative(root).generic_string());
  return out;
}

fs::path make_pack(const fs::path& parent, const std::string& name, const std::string& version,
                   const std::string& extra_manifest = "",
                   std::vector<std::pair<std::string, std::string>> files = {}) {
  files.emplace_back("pack.lua", "return { name = \"" + name + "\", version = \"" + version +
                                     "\", api = 1, title = \"" + name + "\"" + extra_manifest + " }\n");
  return gbtest::write_pack(parent / (name + "-" + version), name, files);
}

fs::path build(const fs::path& pack_dir, const fs::path& out) {
  const auto r = run_govbench({"pack", "build", pack_dir.string(), "-o", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return out;
}

std::string hostile_zip(const std::string& name, const std::string& data, zip_uint32_t mode) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  zip_source_keep(src);
  const std::string pack = "return { name = \"evil\", version = \"1.0.0\", api = 1 }\n";
  gb::script::PackFiles files{{"pack.lua", pack}};
  const std::string manifest = gb::script::file_manifest(files);
  // The buffers must outlive zip_close.
  const std::vector<std::tuple<std::string, std::string, zip_uint32_t>> entries{
      {"MANIFEST", manifest, 0100644u}, {"pack.lua", pack, 0100644u}, {name, data, mode}};
  for (const auto& [n, d, m] : entries) {
    zip_source_t* s = zip_source_buffer(za, d.data(), d.size(), 0);
    const auto i = static_cast<zip_uint64_t>(zip_file_add(za, n.c_str(), s, 0));
    zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 9);
    zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, m << 16);
  }
  zip_close(za);
  zip_stat_t st;
  zip_stat_init(&st);
  zip_source_stat(src, &st);
  zip_source_open(src);
  std::string bytes(st.size, '\0');
  zip_source_read(src, bytes.data(), bytes.size());
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return bytes;
}

}  // namespace

TEST_CASE("pack build twice gives identical bytes, verify checks every file", "[cli][packshare]") {
  UserHome home;
  const auto dir = make_pack(home.dir.path(), "shared-demo", "1.0.0", "", {{"lib/util.lua", "return {}\n"}});
  const auto a = build(dir, home.dir / "a.gbpack");
  const auto b = build(dir, home.dir / "b.gbpack");
  CHECK(gbtest::read_file(a) == gbtest::read_file(b));
  // Default name: NAME-VERSION.gbpack.
  const auto r0 = run_govbench({"pack", "build", dir.string()});
  CHECK(r0.exit_code == 0);
  CHECK(fs::exists("shared-demo-1.0.0.gbpack"));
  fs::remove("shared-demo-1.0.0.gbpack");

  // Unsigned: the files match, but verify says it would not install as it is.
  const auto u = run_govbench({"pack", "verify", a.string()});
  CHECK(u.exit_code == 1);
  CHECK(u.err.find("is not signed") != std::string::npos);
  const auto v = run_govbench({"pack", "verify", a.string(), "--allow-unsigned"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("signature: none (unsigned)") != std::string::npos);
  CHECK(v.out.find("ok       lib/util.lua") != std::string::npos);
  CHECK(v.out.find("all 2 files match") != std::string::npos);
}

TEST_CASE("a bundle changed by one byte fails verify and install, and nothing is written", "[cli][packshare]") {
  UserHome home;
  const auto dir =
      make_pack(home.dir.path(), "shared-demo", "1.0.0", "", {{"lib/util.lua", "return { answer = 42 }\n"}});
  const auto path = build(dir, home.dir / "p.gbpack");
  std::string bytes = gbtest::read_file(path);
  const auto at = bytes.find("lib/util.lua") + 14;  // in the entry's compressed data
  bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
  gbtest::write_file(path, bytes);
  const auto v = run_govbench({"pack", "verify", path.string()});
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("PROBLEM") != std::string::npos);
  const auto i = run_govbench({"pack", "install", path.string(), "--allow-unsigned"});
  CHECK(i.exit_code == 1);
  CHECK(i.err.find("refused") != std::string::npos);
  CHECK(tree(home.packs()).empty());
}

TEST_CASE("hostile bundles are refused before anything is written", "[cli][packshare]") {
  UserHome home;
  struct Case {
    std::string name, data;
    zip_uint32_t mode;
    std::string why;
  };
  const std::vector<Case> cases{
      {"../escaped.lua", "x", 0100644u, "'..' in the path"},
      {"lib/../../escaped.lua", "x", 0100644u, "'..' in the path"},
      {"/tmp/absolute.lua", "x", 0100644u, "absolute path"},
      {"lib/link.lua", "/etc/passwd", 0120777u, "symbolic link"},
      {"fixtures/bomb.csv", std::string(8 << 20, '\0'), 0100644u, "compression ratio over 100"},
  };
  for (const auto& c : cases) {
    const auto path = home.dir / "hostile.gbpack";
    gbtest::write_file(path, hostile_zip(c.name, c.data, c.mode));
    const auto r = run_govbench({"pack", "install", path.string(), "--allow-unsigned"});
    INFO(c.name << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.why) != std::string::npos);
    CHECK(tree(home.packs()).empty());
    CHECK_FALSE(fs::exists(home.dir.path().parent_path() / "escaped.lua"));
    CHECK_FALSE(fs::exists("/tmp/absolute.lua"));
    CHECK(run_govbench({"pack", "verify", path.string()}).exit_code == 1);
  }
}

TEST_CASE("signed by a trusted key installs, untrusted needs --allow-unsigned and is marked", "[cli][packshare]") {
  UserHome home;
  const auto dir = make_pack(home.dir.path(), "shared-demo", "1.0.0");
  const auto bundle = build(dir, home.dir / "shared-demo-1.0.0.gbpack");
  const auto k = run_govbench({"pack", "keygen", "-o", (home.dir / "team").string()});
  REQUIRE(k.exit_code == 0);
  REQUIRE(run_govbench({"pack", "sign", bundle.string(), "--key", (home.dir / "team.key").string()}).exit_code == 0);

  // Not trusted yet: refused, nothing written.
  auto r = run_govbench({"pack", "install", bundle.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("signed by a key you do not trust") != std::string::npos);
  CHECK(tree(home.packs()).empty());
  auto v = run_govbench({"pack", "verify", bundle.string()});
  CHECK(v.out.find("UNTRUSTED key") != std::string::npos);
  CHECK(v.exit_code == 1);  // as install refuses it
  CHECK(v.err.find("signed by a key you do not trust") != std::string::npos);

  // Trusted: installs, and is listed as signed by the team.
  REQUIRE(run_govbench({"trust", "add", "strategy-team", (home.dir / "team.pub").string()}).exit_code == 0);
  CHECK(run_govbench({"trust", "list"}).out.find("strategy-team") != std::string::npos);
  v = run_govbench({"pack", "verify", bundle.string()});
  CHECK(v.out.find("signed by strategy-team") != std::string::npos);
  CHECK(v.exit_code == 0);
  r = run_govbench({"pack", "install", bundle.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(home.packs() / "shared-demo" / "pack.lua"));
  auto list = run_govbench({"pack", "list"});
  CHECK(list.out.find("signed:strategy-team") != std::string::npos);
  CHECK(run_govbench({"pack", "remove", "shared-demo"}).exit_code == 0);
  CHECK(tree(home.packs()).empty());

  // Untrusted again: with --allow-unsigned it installs and is marked UNSIGNED.
  REQUIRE(run_govbench({"trust", "remove", "strategy-team"}).exit_code == 0);
  CHECK(run_govbench({"pack", "install", bundle.string()}).exit_code == 1);
  r = run_govbench({"pack", "install", bundle.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("(UNSIGNED)") != std::string::npos);
  list = run_govbench({"pack", "list"});
  const auto line = list.out.substr(list.out.find("shared-demo"));
  CHECK(line.substr(0, line.find('\n')).find("UNSIGNED") != std::string::npos);
  const auto check = run_govbench({"check"});
  CHECK(check.out.find("ok      shared-demo 1.0.0 (0 indicators, 0 rules, 0 views, 0 tests) UNSIGNED") !=
        std::string::npos);
}

TEST_CASE("a pack requiring met-risk ^2.0 while 1.x is installed is refused, naming both", "[cli][packshare]") {
  UserHome home;
  const auto dir = make_pack(home.dir.path(), "risk-extras", "1.0.0", ", requires = { [\"met-risk\"] = \"^2.0\" }");
  const auto bundle = build(dir, home.dir / "risk-extras.gbpack");
  const auto r = run_govbench({"pack", "install", bundle.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("pack 'risk-extras' 1.0.0 requires 'met-risk' ^2.0, but met-risk 1.0.0 is installed (bundled") !=
        std::string::npos);
  CHECK(tree(home.packs()).empty());
  // A dependency that is not there at all.
  const auto dir2 = make_pack(home.dir.path(), "needs-ghost", "1.0.0", ", requires = { [\"ghost-pack\"] = \"^1.0\" }");
  const auto r2 = run_govbench({"pack", "install", dir2.string(), "--allow-unsigned"});
  CHECK(r2.err.find("requires 'ghost-pack' ^1.0, which is not installed") != std::string::npos);
}

TEST_CASE("pack update keeps the old version when the new one does not load, remove refuses while required",
          "[cli][packshare]") {
  UserHome home;
  const auto v1 = make_pack(home.dir.path(), "base-lib", "1.0.0", "", {{"lib/m.lua", "return { v = 1 }\n"}});
  const auto v2 = make_pack(home.dir.path(), "base-lib", "1.1.0", "", {{"lib/m.lua", "return { v = 2 }\n"}});
  const auto broken = make_pack(home.dir.path(), "base-lib", "1.2.0", "",
                                {{"indicators/bad.lua", "gov.indicator { id = 'x' -- unfinished\n"}});
  REQUIRE(run_govbench({"pack", "install", v1.string(), "--allow-unsigned"}).exit_code == 0);
  CHECK(run_govbench({"pack", "install", v2.string(), "--allow-unsigned"}).err.find("use 'govbench pack update'") !=
        std::string::npos);
  auto r = run_govbench({"pack", "update", v2.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("updated base-lib 1.0.0 -> 1.1.0") != std::string::npos);
  // Going back to 1.0.0 is refused unless asked for, naming both versions.
  r = run_govbench({"pack", "update", v1.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("pack 'base-lib' 1.1.0 is installed") != std::string::npos);
  CHECK(r.err.find("holds the older 1.0.0; allow a downgrade (--allow-downgrade)") != std::string::npos);
  CHECK(gbtest::read_file(home.packs() / "base-lib" / "lib" / "m.lua") == "return { v = 2 }\n");
  r = run_govbench({"pack", "update", v1.string(), "--allow-unsigned", "--allow-downgrade"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("updated base-lib 1.1.0 -> 1.0.0") != std::string::npos);
  REQUIRE(run_govbench({"pack", "update", v2.string(), "--allow-unsigned"}).exit_code == 0);
  r = run_govbench({"pack", "update", broken.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("indicators/bad.lua") != std::string::npos);
  CHECK(gbtest::read_file(home.packs() / "base-lib" / "lib" / "m.lua") == "return { v = 2 }\n");
  CHECK(tree(home.packs()) == std::set<std::string>{"base-lib", "base-lib/.govbench-install", "base-lib/lib",
                                                    "base-lib/lib/m.lua", "base-lib/pack.lua"});

  // A pack that requires ^1.0: base-lib cannot be removed, nor updated to 2.0.
  const auto user = make_pack(home.dir.path(), "uses-base", "1.0.0", ", requires = { [\"base-lib\"] = \"^1.0\" }");
  REQUIRE(run_govbench({"pack", "install", user.string(), "--allow-unsigned"}).exit_code == 0);
  r = run_govbench({"pack", "remove", "base-lib"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("required by uses-base") != std::string::npos);
  const auto v3 = make_pack(home.dir.path(), "base-lib", "2.0.0");
  r = run_govbench({"pack", "update", v3.string(), "--allow-unsigned"});
  CHECK(
      r.err.find("installed pack 'uses-base' 1.0.0 requires 'base-lib' ^1.0, which base-lib 2.0.0 does not satisfy") !=
      std::string::npos);
  CHECK(run_govbench({"pack", "update", (home.dir / "nope.gbpack").string()}).exit_code == 1);
}

TEST_CASE("a workspace lock file records versions and content, install --locked reproduces them", "[cli][packshare]") {
  UserHome home;
  const auto ws = home.dir / "workspace";
  fs::create_directories(ws / "bundles");
  const auto dir = make_pack(home.dir.path(), "shared-demo", "1.0.0", "", {{"lib/util.lua", "return {}\n"}});
  const auto bundle = build(dir, ws / "bundles" / "shared-demo-1.0.0.gbpack");
  auto r = run_govbench({"pack", "install", bundle.string(), "--workspace", ws.string(), "--allow-unsigned"});
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(ws / "packs" / "shared-demo" / "pack.lua"));
  CHECK(tree(home.packs()).empty());  // not the user's folder
  const std::string lock = gbtest::read_file(ws / "packs.lock");
  CHECK(lock.find("shared-demo 1.0.0 ") != std::string::npos);
  CHECK(lock.find(" bundles/shared-demo-1.0.0.gbpack") != std::string::npos);
  CHECK(run_govbench({"pack", "list", "--workspace", ws.string()}).out.find("workspace") != std::string::npos);

  // A teammate's checkout: the lock and the bundles, no packs yet.
  fs::remove_all(ws / "packs");
  r = run_govbench({"pack", "install", "--locked", "--workspace", ws.string(), "--allow-unsigned"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 of 1 locked packs in place") != std::string::npos);
  CHECK(fs::exists(ws / "packs" / "shared-demo" / "lib" / "util.lua"));

  // Someone rebuilt the bundle with other content under the same version: refused.
  fs::remove_all(ws / "packs");
  gbtest::write_file(dir / "lib" / "util.lua", "return { changed = true }\n");
  build(dir, ws / "bundles" / "shared-demo-1.0.0.gbpack");
  r = run_govbench({"pack", "install", "--locked", "--workspace", ws.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("is not what the lock file records") != std::string::npos);
  CHECK(tree(ws / "packs").empty());
  CHECK(gbtest::read_file(ws / "packs.lock") == lock);
}

TEST_CASE("data requirements are checked against the database, permissions are shown and remembered",
          "[cli][packshare]") {
  UserHome home;
  const auto db = gbtest::demo_copy(home.dir);
  const auto needs =
      make_pack(home.dir.path(), "needs-data", "1.0.0",
                ", data = { tables = { \"risks\", \"no_such_table\" }, columns = { risks = { \"no_such_column\" } } }");
  auto r = run_govbench({"pack", "install", needs.string(), "--allow-unsigned", "--db", db.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("table 'no_such_table' is missing") != std::string::npos);
  CHECK(r.err.find("column 'risks.no_such_column' is missing") != std::string::npos);
  CHECK(tree(home.packs()).empty());

  const auto asks = make_pack(home.dir.path(), "asks-notes", "1.0.0", ", permissions = { \"write:notes\" }");
  r = run_govbench({"pack", "install", asks.string(), "--allow-unsigned", "--permissions", "always"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("asks for permission: write:notes") != std::string::npos);
  const auto store = home.dir / "config" / "govbench" / "pack-permissions";
  CHECK(gbtest::read_file(store).find("asks-notes ") != std::string::npos);
  CHECK(gbtest::read_file(store).find(" write:notes always") != std::string::npos);
  // A changed pack asks again (stdin is not a terminal here: unanswered, it runs).
  gbtest::write_file(asks / "README.md", "changed\n");
  r = run_govbench({"pack", "update", asks.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("not answered: the pack runs") != std::string::npos);
}

TEST_CASE("an install killed at any moment leaves the old pack or the new one, never half", "[cli][packshare]") {
  UserHome home;
  std::vector<std::pair<std::string, std::string>> old_files, new_files;
  for (int i = 0; i < 40; ++i) {
    old_files.emplace_back("lib/m" + std::to_string(i) + ".lua", "return " + std::to_string(i) + "\n");
    new_files.emplace_back("lib/n" + std::to_string(i) + ".lua", "return " + std::to_string(-i) + "\n");
  }
  const auto v1 = make_pack(home.dir.path(), "atomic-demo", "1.0.0", "", old_files);
  const auto v2 = make_pack(home.dir.path(), "atomic-demo", "2.0.0", "", new_files);
  const auto b1 = build(v1, home.dir / "v1.gbpack"), b2 = build(v2, home.dir / "v2.gbpack");
  REQUIRE(run_govbench({"pack", "install", b1.string(), "--allow-unsigned"}).exit_code == 0);
  auto expected = [&](const fs::path& dir) {
    std::set<std::string> s{"atomic-demo", "atomic-demo/.govbench-install", "atomic-demo/lib", "atomic-demo/pack.lua"};
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) s.insert("atomic-demo/" + e.path().lexically_relative(dir).generic_string());
    return s;
  };
  const auto old_tree = expected(v1), new_tree = expected(v2);
  std::mt19937 rng(20261125);
  int saw_old = 0, saw_new = 0;
  for (int round = 0; round < 40; ++round) {
    const auto& bundle = round % 2 ? b1 : b2;
    std::string bin = GOVBENCH_BINARY, c1 = "pack", c2 = "update", c3 = bundle.string(), c4 = "--allow-unsigned";
    char* argv[] = {bin.data(), c1.data(), c2.data(), c3.data(), c4.data(), nullptr};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    usleep(std::uniform_int_distribution<useconds_t>(0, 250000)(rng));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // What the loader sees: hidden staging folders aside.
    std::set<std::string> visible;
    for (const auto& p : tree(home.packs()))
      if (!p.starts_with(".")) visible.insert(p);
    INFO("round " << round);
    const bool is_old = visible == old_tree, is_new = visible == new_tree;
    CHECK((is_old || is_new));
    saw_old += is_old;
    saw_new += is_new;
  }
  // A later install cleans up what killed ones left behind.
  REQUIRE(run_govbench({"pack", "update", b2.string(), "--allow-unsigned"}).exit_code == 0);
  std::set<std::string> top;
  for (const auto& e : fs::directory_iterator(home.packs())) top.insert(e.path().filename().string());
  CHECK(top == std::set<std::string>{"atomic-demo"});
  CHECK(saw_old + saw_new == 40);
}

TEST_CASE("pack test runs a pack's cases and prints the closing line, --db uses a given database", "[cli][packshare]") {
  const auto r = run_govbench({"pack", "test", std::string(GOVBENCH_SOURCE_DIR) + "/scripts/trust-confidence"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(" passed, 0 failed\n") != std::string::npos);
  gbtest::TempDir tmp;
  const auto failing = gbtest::write_pack(tmp.path(), "failing-tests", {{"tests/t.lua", R"(
gov.test { name = "one passes", run = function(t) t.eq(1, 1) end }
gov.test { name = "one fails", run = function(t) t.eq(1, 2) end }
)"}});
  const auto f = run_govbench({"pack", "test", failing.string(), "--db", gbtest::demo_copy(tmp).string()});
  CHECK(f.exit_code == 1);
  CHECK(f.out.find("FAIL    failing-tests: one fails") != std::string::npos);
  CHECK(f.out.find("1 passed, 1 failed\n") != std::string::npos);
  const auto missing = run_govbench({"pack", "test", failing.string(), "--db", (tmp / "absent.db").string()});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("absent.db: no such database") != std::string::npos);
}

TEST_CASE("every new pack subcommand and trust has --help", "[cli][packshare]") {
  for (const std::string sub : {"build", "keygen", "sign", "verify", "install", "update", "remove", "list", "test"}) {
    const auto r = run_govbench({"pack", sub, "--help"});
    INFO(sub);
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("usage: govbench pack " + sub));
  }
  for (const std::string sub : {"add", "list", "remove"}) {
    const auto r = run_govbench({"trust", sub, "--help"});
    CHECK(r.out.starts_with("usage: govbench trust " + sub));
  }
  CHECK(run_govbench({"pack", "frobnicate"}).exit_code == 2);
}

TEST_CASE("pack disable stops a pack loading without removing it, enable brings it back", "[cli][packshare]") {
  UserHome home;
  auto r = run_govbench({"pack", "disable", "stop-search"});
  CHECK(r.exit_code == 0);
  auto list = run_govbench({"pack", "list"});
  auto line = list.out.substr(list.out.find("stop-search"));
  CHECK(line.substr(0, line.find('\n')).find("disabled") != std::string::npos);
  const auto check = run_govbench({"check"});
  CHECK(check.out.find("disabled stop-search") != std::string::npos);
  CHECK(check.exit_code == 0);
  CHECK(run_govbench({"pack", "enable", "stop-search"}).exit_code == 0);
  list = run_govbench({"pack", "list"});
  line = list.out.substr(list.out.find("stop-search"));
  CHECK(line.substr(0, line.find('\n')).find("loaded") != std::string::npos);
  CHECK(run_govbench({"pack", "disable", "Not_A_Name"}).exit_code == 2);
}

// Issue 16, finding 2: a third-party pack named to load first took over a
// bundled pack's id and served its own value under it.
TEST_CASE("a pack redefining a bundled id does not load and the bundled pack keeps serving it", "[cli][packshare]") {
  UserHome home;
  const auto db = gbtest::demo_copy(home.dir);
  const auto shadow = make_pack(home.dir.path(), "aaa-shadow", "1.0.0", "",
                                {{"indicators/x.lua",
                                  "gov.indicator { id = \"risk.band_count\", title = \"Fake\", unit = \"risks\",\n"
                                  "  compute = function(ctx) return 999 end }\n"}});
  auto r = run_govbench({"eval", "--db", db.string(), "--packs", shadow.string(), "--indicator", "risk.band_count"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Corporate risks by heat-map band") != std::string::npos);
  CHECK(r.out.find("999") == std::string::npos);
  // The warning names both packs and the place of each definition.
  CHECK(r.err.find("pack aaa-shadow: indicators/x.lua:1: indicator 'risk.band_count' belongs to pack 'met-risk' "
                   "(bundled, indicators/register.lua:") != std::string::npos);
  // met-boards, which requires met-risk, still loads.
  r = run_govbench({"check", "--packs", shadow.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAILED  aaa-shadow") != std::string::npos);
  CHECK(r.out.find("ok      met-risk") != std::string::npos);
  CHECK(r.out.find("ok      met-boards") != std::string::npos);
  CHECK(r.out.find("note: pack 'aaa-shadow' (--packs, not signed by a trusted key) also defines indicator "
                   "'risk.band_count' (indicators/x.lua:1); it is not loaded") != std::string::npos);
  // Installing it is refused, naming the owner; nothing is written.
  r = run_govbench({"pack", "install", shadow.string(), "--allow-unsigned"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("belongs to pack 'met-risk'") != std::string::npos);
  CHECK(tree(home.packs()).empty());
}

TEST_CASE("a signed pack owns ids before an unsigned one and an install that would break a pack needs asking",
          "[cli][packshare]") {
  UserHome home;
  const std::string def =
      "gov.indicator { id = \"team.count\", title = \"T\", unit = \"n\",\n"
      "  compute = function(ctx) return %s end }\n";
  auto with_value = [&](const char* v) {
    std::string s = def;
    s.replace(s.find("%s"), 2, v);
    return s;
  };
  const auto unsigned_dir =
      make_pack(home.dir.path(), "aaa-local", "1.0.0", "", {{"indicators/x.lua", with_value("1")}});
  REQUIRE(run_govbench({"pack", "install", unsigned_dir.string(), "--allow-unsigned"}).exit_code == 0);
  const auto signed_dir = make_pack(home.dir.path(), "zzz-team", "1.0.0", "", {{"indicators/x.lua", with_value("2")}});
  const auto bundle = build(signed_dir, home.dir / "zzz-team-1.0.0.gbpack");
  REQUIRE(run_govbench({"pack", "keygen", "-o", (home.dir / "team").string()}).exit_code == 0);
  REQUIRE(run_govbench({"pack", "sign", bundle.string(), "--key", (home.dir / "team.key").string()}).exit_code == 0);
  REQUIRE(run_govbench({"trust", "add", "strategy-team", (home.dir / "team.pub").string()}).exit_code == 0);

  // It would take team.count from aaa-local, which loads today: refused.
  auto r = run_govbench({"pack", "install", bundle.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("pack 'aaa-local' (installed) loads now but would not") != std::string::npos);
  CHECK(r.err.find("--allow-breaking") != std::string::npos);
  CHECK_FALSE(fs::exists(home.packs() / "zzz-team"));
  r = run_govbench({"pack", "install", bundle.string(), "--allow-breaking"});
  CHECK(r.exit_code == 0);
  const auto db = gbtest::demo_copy(home.dir);
  r = run_govbench({"eval", "--db", db.string(), "--indicator", "team.count"});
  CHECK(r.out.find("2 n") != std::string::npos);
  CHECK(r.err.find("pack aaa-local: indicators/x.lua:1: indicator 'team.count' belongs to pack 'zzz-team' (signed by "
                   "strategy-team") != std::string::npos);

  // The signature is checked against the files each time: a file changed
  // after the install loses the rank, and the first-loading pack owns it.
  gbtest::write_file(home.packs() / "zzz-team" / "README.md", "changed after the install\n");
  r = run_govbench({"eval", "--db", db.string(), "--indicator", "team.count"});
  CHECK(r.out.find("1 n") != std::string::npos);
  CHECK(r.err.find("pack aaa-local") == std::string::npos);
  CHECK(r.err.find("pack zzz-team: indicators/x.lua:1: indicator 'team.count' belongs to pack 'aaa-local'") !=
        std::string::npos);
  CHECK(run_govbench({"pack", "list"}).out.find("signed:strategy-team") == std::string::npos);
}

// Issue 16, finding 10: --permissions deny still installed and ran the pack.
TEST_CASE("a pack whose permission was denied is installed but never run", "[cli][packshare]") {
  UserHome home;
  const auto db = gbtest::demo_copy(home.dir);
  const auto asks = make_pack(home.dir.path(), "asks-notes", "1.0.0", ", permissions = { \"write:notes\" }",
                              {{"indicators/x.lua",
                                "gov.indicator { id = \"notes.count\", title = \"N\", unit = \"n\",\n"
                                "  compute = function(ctx) return 7 end }\n"}});
  auto r = run_govbench({"pack", "install", asks.string(), "--allow-unsigned", "--permissions", "deny"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("deny: the pack is installed but does not run") != std::string::npos);
  r = run_govbench({"eval", "--db", db.string(), "--indicator", "notes.count"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("pack asks-notes: pack.lua: not run: you denied its permission 'write:notes'") != std::string::npos);
  CHECK(run_govbench({"check"}).out.find("FAILED  asks-notes") != std::string::npos);
  // Answering again (the same content) lets it run.
  r = run_govbench({"pack", "install", asks.string(), "--allow-unsigned", "--permissions", "always"});
  CHECK(r.out.find("already installed with this content") != std::string::npos);
  r = run_govbench({"eval", "--db", db.string(), "--indicator", "notes.count"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("7 n") != std::string::npos);
}
