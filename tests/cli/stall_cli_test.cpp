// Packs that stall inside one library function (where neither the VM's
// count hook nor SQLite's progress handler runs) end every command that
// runs them, within the budget plus grace, with an error naming the pack,
// file and line (script/watchdog.hpp). Without the watchdog each of these
// runs for minutes; the time limit below kills it and the test fails.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

// Each stall is the body of a compute function at line 2 of its file.
struct Stall {
  const char* id;
  const char* body;
};

const Stall kStalls[] = {
    {"pattern", "return #tostring(('a'):rep(30000):find('.-.-.-b'))"},
    {"plain_find", "local s = ('a'):rep(20000000); return s:find(('a'):rep(200000) .. 'b', 1, true) and 1 or 0"},
    {"sql_instr",
     "return ctx.value(\"WITH x(s) AS (SELECT printf('%.*c', 30000000, 'a')) "
     "SELECT instr(s, printf('%.*c', 300000, 'a') || 'b') FROM x\")"},
    {"sql_printf", "return ctx.value(\"SELECT length(printf('%.*c', 2000000000, 'x'))\")"},
};

constexpr double kLimit = 60;  // far beyond budget + grace; without the watchdog these run for minutes

std::string stall_pack(const gbtest::TempDir& dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& s : kStalls)
    files.emplace_back(std::string("indicators/") + s.id + ".lua",
                       std::string("-- stalls in one library call\n") + "gov.indicator { id = 'stall." + s.id +
                           "', title = '" + s.id + "', compute = function(ctx) " + s.body + " end }\n");
  files.emplace_back("indicators/fine.lua",
                     "gov.indicator { id = 'stall.fine', title = 'fine', compute = function() return 1 end }\n");
  return gbtest::write_pack(dir.path(), "stall", files).string();
}

void set_budget(const std::string& db, const char* ms) {
  const auto r = gbtest::run_govbench({"setting", "--db", db, "script.time_budget_ms", ms});
  REQUIRE(r.exit_code == 0);
}

// `budget`: the database's setting (0.3 s) where the command reads it; the
// default (2 s) for those that take no database.
void check_stopped(const gbtest::RunResult& r, const std::string& where, const std::string& budget = "0.3 s") {
  INFO(r.err);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("govbench: pack stall: " + where + ": did not return within the " + budget +
                   " time budget (setting script.time_budget_ms) plus 1 s of grace") != std::string::npos);
}

}  // namespace

TEST_CASE("eval: an indicator stuck in a library function ends the command within budget and grace", "[cli][stall]") {
  gbtest::TempDir dir;
  const std::string db = gbtest::demo_copy(dir).string();
  const std::string pack = stall_pack(dir);
  set_budget(db, "300");
  for (const auto& s : kStalls) {
    INFO(s.id);
    const auto r = gbtest::run_govbench_within(
        {"eval", "--db", db, "--packs", pack, "--indicator", std::string("stall.") + s.id}, kLimit);
    check_stopped(r, std::string("indicators/") + s.id + ".lua:2");
  }
  // The other indicators of the pack are fine.
  const auto ok =
      gbtest::run_govbench_within({"eval", "--db", db, "--packs", pack, "--indicator", "stall.fine"}, kLimit);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("check, render, score and pack test end by themselves on a pack that stalls", "[cli][stall]") {
  gbtest::TempDir dir;
  const std::string db = gbtest::demo_copy(dir).string();
  set_budget(db, "300");
  const char* stall = "('a'):rep(30000):find('.-.-.-b')";

  SECTION("check: a stall in a file's top level") {
    const auto pack =
        gbtest::write_pack(dir.path(), "stall", {{"indicators/top.lua", std::string("local x = 1\n") + stall + "\n"}});
    const auto r = gbtest::run_govbench_within({"check", pack.string()}, kLimit);
    check_stopped(r, "indicators/top.lua:2", "2 s");
  }
  SECTION("render: a view whose build stalls") {
    const auto pack = gbtest::write_pack(
        dir.path(), "stall",
        {{"views/v.lua", std::string("gov.view { id = 'stall.v', title = 'v', build = function(ctx)\n  ") + stall +
                             "\n  return gov.ui.page { gov.ui.text 'x' } end }\n"}});
    const auto out = dir / "v.html";
    const auto r = gbtest::run_govbench_within(
        {"render", "stall.v", "--db", db, "--packs", pack.string(), "--format", "html", "-o", out.string()}, kLimit);
    check_stopped(r, "views/v.lua:2");
    CHECK_FALSE(std::filesystem::exists(out));  // nothing half-written
  }
  SECTION("score: a rule whose score function stalls") {
    const auto pack = gbtest::write_pack(
        dir.path(), "stall",
        {{"rules/r.lua", std::string("gov.rule { id = 'stall.r', title = 'r', score = function(r)\n  ") + stall +
                             "\n  return 1 end, band = function(s) return 'green' end }\n"}});
    const auto r =
        gbtest::run_govbench_within({"score", "--db", db, "--packs", pack.string(), "--rule", "stall.r"}, kLimit);
    check_stopped(r, "rules/r.lua:2");
  }
  SECTION("pack test: a test that stalls") {
    const auto pack =
        gbtest::write_pack(dir.path(), "stall",
                           {{"tests/t_test.lua", std::string("gov.test { name = 'stalls', run = function(t)\n  ") +
                                                     stall + "\n  end }\n"}});
    const auto r = gbtest::run_govbench_within({"pack", "test", pack.string()}, kLimit);
    INFO(r.out);
    check_stopped(r, "tests/t_test.lua:2", "2 s");
  }
}

TEST_CASE("check returns on a pack whose finalizer would never return", "[cli][stall]") {
  gbtest::TempDir dir;
  const auto pack =
      gbtest::write_pack(dir.path(), "finalizer",
                         {{"indicators/gc.lua",
                           "local keep = setmetatable({}, { __gc = function() while true do end end })\n"
                           "gov.indicator { id = 'finalizer.a', title = 'a', compute = function() return 1 end }\n"}});
  const auto r = gbtest::run_govbench_within({"check", pack.string()}, kLimit);
  INFO(r.out + r.err);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);
  CHECK((r.out + r.err).find("indicators/gc.lua:1: setmetatable: finalizers (__gc) are not available to packs") !=
        std::string::npos);
}

TEST_CASE("a chain of ctx.indicator calls 2,000 deep across 10 packs ends in an error, not a signal", "[cli][stall]") {
  gbtest::TempDir dir;
  const std::string db = gbtest::demo_copy(dir).string();
  constexpr int kPacks = 10, kDepth = 2000;
  for (int k = 0; k < kPacks; ++k) {
    std::string src;
    for (int n = k; n < kDepth; n += kPacks) {
      const std::string next = "p" + std::to_string((n + 1) % kPacks) + ".i" + std::to_string(n + 1);
      src += "gov.indicator { id = 'p" + std::to_string(k) + ".i" + std::to_string(n) + "', title = 'i" +
             std::to_string(n) + "', compute = function(ctx) " +
             (n + 1 < kDepth ? "return ctx.indicator('" + next + "').value + 1" : std::string("return 1")) + " end }\n";
    }
    gbtest::write_pack(dir.path() / "chain", "p" + std::to_string(k), {{"indicators/chain.lua", src}});
  }
  const auto r = gbtest::run_govbench_within(
      {"eval", "--db", db, "--packs", (dir / "chain").string(), "--indicator", "p0.i0"}, kLimit);
  INFO(r.out + r.err);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);  // an error, not 128 + SIGSEGV
  CHECK(r.out.find("ctx.indicator calls are nested more than 48 deep: p0.i0 -> p1.i1 -> p2.i2 -> p3.i3 -> ...") !=
        std::string::npos);
}
