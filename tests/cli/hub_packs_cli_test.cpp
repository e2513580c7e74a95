// The team's pack registry end to end through the binary (issue 18): pack
// publish on one replica, pack install --from-hub on another, ranges, the
// refusals (unsigned, a reader), pack list --from-hub, and an installed
// pack that evaluates. Against a real PostgreSQL 15 (support/pg_server).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "support.hpp"
#include "support/pg_server.hpp"

namespace fs = std::filesystem;
using gbtest::run_govbench;

namespace {

// A team on a throw-away hub: alice's replica a.db (she made the team),
// bob's b.db (analyst) and rita's r.db (reader), all under one user home
// with a signing key the home trusts as "team".
struct HubTeam {
  gbtest::TempDir dir;
  gbtest::PgServer pg;
  fs::path a = dir / "a.db", b = dir / "b.db", r = dir / "r.db";
  HubTeam() {
    setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    REQUIRE(run_govbench({"init-demo", a.string()}).exit_code == 0);
    ok({"team", "init", "--db", a.string(), "--hub", pg.url(), "--name", "A. Analyst"});
    ok({"team", "member", "add", "bob", "--db", a.string()});
    ok({"team", "member", "add", "rita", "--role", "reader", "--db", a.string()});
    const std::string hub = pg.url().substr(0, pg.url().find("&user="));
    ok({"team", "join", "--hub", hub, "--as", "bob", "-o", b.string()});
    ok({"team", "join", "--hub", hub, "--as", "rita", "-o", r.string()});
    ok({"pack", "keygen", "-o", (dir / "team").string()});
    ok({"trust", "add", "team", (dir / "team.pub").string()});
  }
  ~HubTeam() {
    unsetenv("XDG_DATA_HOME");
    unsetenv("XDG_CONFIG_HOME");
  }
  static gbtest::RunResult ok(const std::vector<std::string>& args) {
    auto r = run_govbench(args);
    INFO(args[0] << " " << args[1] << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
  fs::path packs() const { return dir / "data" / "govbench" / "packs"; }
  // A pack whose one indicator evaluates to `value`, built into a bundle,
  // signed with the trusted key unless `sign` is false.
  fs::path bundle(const std::string& version, int value, bool sign = true) {
    const auto src =
        gbtest::write_pack(dir / ("src-" + version), "hub-demo",
                           {{"indicators/answer.lua",
                             "gov.indicator { id = \"hub_demo.answer\", title = \"Answer\", unit = \"n\",\n"
                             "  polarity = \"higher_is_better\", compute = function(ctx) return " +
                                 std::to_string(value) + " end }\n"}},
                           version);
    const auto out = dir / ("hub-demo-" + version + ".gbpack");
    ok({"pack", "build", src.string(), "-o", out.string()});
    if (sign) ok({"pack", "sign", out.string(), "--key", (dir / "team.key").string()});
    return out;
  }
  void publish(const std::string& version, int value) {
    ok({"pack", "publish", bundle(version, value).string(), "--db", a.string()});
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("hub packs: published on one replica installs from the hub on another and evaluates", "[cli][hubpacks]") {
  HubTeam t;
  const auto p = run_govbench({"pack", "publish", t.bundle("1.0.0", 42).string(), "--db", t.a.string()});
  INFO(p.err);
  REQUIRE(p.exit_code == 0);
  CHECK(has(p.out, "published hub-demo 1.0.0 (signed by team"));

  const auto list = run_govbench({"pack", "list", "--from-hub", "--db", t.b.string()});
  INFO(list.err);
  REQUIRE(list.exit_code == 0);
  CHECK(has(list.out, "hub-demo"));
  CHECK(has(list.out, "govbench"));  // alice's team init ran as the server's role govbench: the publisher
  CHECK(has(list.out, "not installed"));

  const auto i = run_govbench({"pack", "install", "hub-demo", "--from-hub", "--db", t.b.string()});
  INFO(i.out << i.err);
  REQUIRE(i.exit_code == 0);
  CHECK(has(i.out, "hub-demo 1.0.0 published by govbench"));
  CHECK(has(i.out, "installed hub-demo 1.0.0"));
  CHECK(fs::exists(t.packs() / "hub-demo" / "pack.lua"));
  CHECK(has(gbtest::read_file(t.packs() / "hub-demo" / ".govbench-install"), "source team hub: hub-demo 1.0.0"));

  // It loads, signed by the team, and evaluates.
  const auto check = run_govbench({"check", "--db", t.b.string()});
  INFO(check.out << check.err);
  CHECK(has(check.out, "ok      hub-demo 1.0.0"));
  CHECK(has(check.out, "signed:team"));
  const auto eval = run_govbench({"eval", "--db", t.b.string(), "--indicator", "hub_demo.answer", "--format", "json"});
  INFO(eval.err);
  CHECK(eval.exit_code == 0);
  CHECK(has(eval.out, "42"));

  // A new version shows as an update; pack update --from-hub takes it.
  t.publish("1.1.0", 43);
  const auto list2 = run_govbench({"pack", "list", "--from-hub", "--db", t.b.string()});
  CHECK(has(list2.out, "1.0.0, update"));
  CHECK(has(list2.out, "1 update available"));
  const auto u = run_govbench({"pack", "update", "hub-demo", "--from-hub", "--db", t.b.string()});
  INFO(u.out << u.err);
  CHECK(u.exit_code == 0);
  CHECK(has(u.out, "updated hub-demo 1.0.0 -> 1.1.0"));
  CHECK(has(run_govbench({"pack", "list", "--from-hub", "--db", t.b.string()}).out, "installed"));
}

TEST_CASE("hub packs: a range picks the highest matching version", "[cli][hubpacks]") {
  HubTeam t;
  t.publish("1.0.0", 1);
  t.publish("1.2.0", 2);
  t.publish("1.10.1", 3);  // semver order, not text order
  t.publish("2.0.0", 4);
  const auto i = run_govbench({"pack", "install", "hub-demo@^1.0", "--from-hub", "--db", t.b.string()});
  INFO(i.out << i.err);
  REQUIRE(i.exit_code == 0);
  CHECK(has(i.out, "hub-demo 1.10.1 published by"));
  CHECK(has(i.out, "the highest matching ^1.0"));
  CHECK(has(run_govbench({"pack", "list", "--from-hub", "--db", t.b.string()}).out, "1.10.1, update"));

  const auto none = run_govbench({"pack", "install", "hub-demo@^3", "--from-hub", "--db", t.b.string()});
  CHECK(none.exit_code == 1);
  CHECK(has(none.err, "no published version of 'hub-demo' matches '^3' (the hub has 1.0.0, 1.2.0, 1.10.1, 2.0.0)"));
  const auto missing = run_govbench({"pack", "install", "nope", "--from-hub", "--db", t.b.string()});
  CHECK(missing.exit_code == 1);
  CHECK(has(missing.err, "'nope' is not published on the team's hub"));
  CHECK(run_govbench({"pack", "install", "hub-demo@", "--from-hub", "--db", t.b.string()}).exit_code == 2);

  // Without a range: the latest.
  const auto latest = run_govbench({"pack", "update", "hub-demo", "--from-hub", "--db", t.b.string()});
  INFO(latest.out << latest.err);
  CHECK(has(latest.out, "updated hub-demo 1.10.1 -> 2.0.0"));
}

TEST_CASE("hub packs: unsigned untrusted and repeated releases are refused with reasons", "[cli][hubpacks]") {
  HubTeam t;
  const auto unsigned_bundle = t.bundle("1.0.0", 1, false);
  const auto u = run_govbench({"pack", "publish", unsigned_bundle.string(), "--db", t.a.string()});
  CHECK(u.exit_code == 1);
  CHECK(has(u.err, "not published: the bundle is not signed"));

  // The same checks as a file install on the other side: a key no longer trusted.
  t.publish("1.0.0", 1);
  const auto again = run_govbench({"pack", "publish", t.bundle("1.0.0", 1).string(), "--db", t.a.string()});
  CHECK(again.exit_code == 1);
  CHECK(has(again.err, "hub-demo 1.0.0 is already published on the hub"));
  REQUIRE(run_govbench({"trust", "remove", "team"}).exit_code == 0);
  const auto i = run_govbench({"pack", "install", "hub-demo", "--from-hub", "--db", t.b.string()});
  CHECK(i.exit_code == 1);
  CHECK(has(i.err, "signed by a key you do not trust"));
  CHECK_FALSE(fs::exists(t.packs() / "hub-demo"));
  const auto untrusted = run_govbench({"pack", "publish", t.bundle("1.1.0", 1).string(), "--db", t.a.string()});
  CHECK(untrusted.exit_code == 1);
  CHECK(has(untrusted.err, "signed by a key you do not trust"));

  // Not a replica.
  const auto plain = t.dir / "plain.db";
  REQUIRE(run_govbench({"init-demo", plain.string()}).exit_code == 0);
  const auto np = run_govbench({"pack", "publish", unsigned_bundle.string(), "--db", plain.string()});
  CHECK(np.exit_code == 1);
  CHECK(has(np.err, "is not a team replica"));
  CHECK(has(run_govbench({"pack", "list", "--from-hub", "--db", plain.string()}).err, "is not a team replica"));
}

TEST_CASE("hub packs: the server refuses a reader's publish", "[cli][hubpacks]") {
  HubTeam t;
  const auto r = run_govbench({"pack", "publish", t.bundle("1.0.0", 1).string(), "--db", t.r.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "the hub refused: 'rita' is a reader and may not publish packs"));
  // A reader may still install.
  t.publish("1.0.0", 1);
  CHECK(run_govbench({"pack", "install", "hub-demo", "--from-hub", "--db", t.r.string()}).exit_code == 0);
}

TEST_CASE("hub packs: --help explains publish and --from-hub", "[cli][hubpacks]") {
  CHECK(has(run_govbench({"pack", "publish", "--help"}).out, "govbench pack publish BUNDLE --db FILE"));
  CHECK(has(run_govbench({"pack", "install", "--help"}).out, "NAME[@RANGE] --from-hub --db FILE"));
  CHECK(has(run_govbench({"pack", "list", "--help"}).out, "--from-hub"));
  CHECK(has(run_govbench({"pack", "--help"}).out, "publish"));
}
