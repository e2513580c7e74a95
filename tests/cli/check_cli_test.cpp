// govbench check --db runs the packs' code; eval's table shows why an
// indicator failed in its row; score --compare lists target positions too.
#include <catch2/catch.hpp>

#include "support.hpp"

using gbtest::run_govbench;

namespace {

// Line numbers below are of this file.
const char* const kBroken = R"(gov.indicator {
  id = "my.nil_index",
  title = "Nil index",
  compute = function(ctx)
    local groups = {}
    return groups.black.agree
  end,
}

gov.indicator {
  id = "my.no_return",
  title = "No return",
  compute = function(ctx)
    local n = ctx.value("SELECT count(*) FROM risks")
  end,
}

gov.indicator {
  id = "my.string",
  title = "String",
  compute = function(ctx)
    local n = ctx.value("SELECT count(*) FROM risks")
    if n > 1000 then return n end
    return tostring(n)
  end,
}

gov.indicator {
  id = "my.loop",
  title = "Loop",
  compute = function(ctx)
    local i = 0
    while true do i = i + 1 end
  end,
}

gov.indicator {
  id = "my.past_only",
  title = "Fails only as at a past date",
  compute = function(ctx)
    if ctx.as_of < "2022-01-01" then error("no figures before 2022") end
    return 1
  end,
}
)";

}  // namespace

TEST_CASE("check --db runs every indicator and reports each runtime problem with file and line", "[cli][check]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"setting", "--db", db, "script.time_budget_ms", "300"}).exit_code == 0);
  const auto pack = gbtest::write_pack(dir.path(), "my", {{"indicators/a.lua", kBroken}});

  // Without --db nothing runs: the pack loads.
  auto r = run_govbench({"check", pack.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);

  r = run_govbench({"check", pack.string(), "--db", db});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("FAILED  indicator my.nil_index (as at ") &&
                        Catch::Contains("  pack my: indicators/a.lua:6: attempt to index a nil value (field 'black')"));
  CHECK_THAT(r.out, Catch::Contains("  pack my: indicators/a.lua:13: my.no_return: compute returned nothing — is a "
                                    "`return` missing?"));
  CHECK_THAT(r.out, Catch::Contains("  pack my: indicators/a.lua:24: my.string: compute returned a string") &&
                        Catch::Contains("(the `return` on line 24)"));
  CHECK_THAT(r.out, Catch::Contains("  pack my: indicators/a.lua:33: exceeded the 0.3 s time budget (setting "
                                    "script.time_budget_ms)"));
  CHECK_THAT(r.out, !Catch::Contains("my.past_only"));
  // Only the named pack's definitions run, not the bundled packs'.
  CHECK_THAT(r.out, !Catch::Contains("FAILED  indicator risk.") && Catch::Contains("4 problems in "));

  // As at a past date too: what fails only then.
  r = run_govbench({"check", pack.string(), "--db", db, "--as-of", "2021-12-31"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("FAILED  indicator my.past_only (as at 2021-12-31)\n"
                                    "  pack my: indicators/a.lua:41: no figures before 2022"));
  // The same problem at both dates is reported once.
  CHECK_THAT(r.out, Catch::Contains("FAILED  indicator my.nil_index (as at ") && Catch::Contains(" and 2021-12-31)"));
  CHECK_THAT(r.out, Catch::Contains("5 problems in "));

  CHECK(run_govbench({"check", pack.string(), "--as-of", "2021-12-31"}).exit_code == 2);  // --as-of needs --db
}

TEST_CASE("check --db passes the bundled packs on the demo database", "[cli][check]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"check", "--db", db, "--as-of", "2021-12-31"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ok      evaluated ") && Catch::Contains(" and 2021-12-31\n"));
}

TEST_CASE("check --db: a misspelled quoted column fails with the nearest real column", "[cli][check]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack =
      gbtest::write_pack(dir.path(), "cols",
                         {{"indicators/a.lua",
                           "gov.indicator { id = 'cols.a', title = 'A', compute = function(ctx)\n"
                           "  return ctx.value('SELECT avg(\"likelyhood\") FROM risk_register')\nend }\n"}});
  auto r = run_govbench({"check", pack.string(), "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out,
             Catch::Contains("pack cols: indicators/a.lua:2: ctx.value: no such column: likelyhood (did you mean "
                             "\"likelihood\"?)"));
}

TEST_CASE("eval's table shows an error's title and reason in its row, and wraps a long id", "[cli][eval]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack = gbtest::write_pack(
      dir.path(), "rows",
      {{"indicators/a.lua",
        "gov.indicator { id = 'rows.broken', title = 'Broken gap', compute = function(ctx)\n"
        "  local t = nil\n  return t.x\nend }\n"
        "gov.indicator { id = 'rows.stop_and_search_gap.by_neighbourhood', title = 'Gap', unit = 'pp',\n"
        "  compute = function(ctx) return -20.5 end }\n"}});
  auto r = run_govbench({"eval", "--db", db, "--packs", pack.string(), "--indicator", "rows.broken", "--indicator",
                         "rows.stop_and_search_gap.by_neighbourhood"});
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("rows.broken                             ERROR           error    Broken gap: "
                                    "attempt to index a nil value (local 't')\n"));
  // A 40-character id never runs into its value.
  CHECK_THAT(r.out, Catch::Contains("rows.stop_and_search_gap.by_neighbourhood\n"
                                    "                                        -20.5 pp        -        Gap\n"));

  // A pack that does not load: its row says why.
  gbtest::write_file(pack / "indicators" / "b.lua",
                     "gov.indicator { id = 'rows.b', title = 'B', compute = function() }\n");
  r = run_govbench({"eval", "--db", db, "--packs", pack.string()});
  INFO(r.out);
  CHECK_THAT(r.out, Catch::Contains("pack rows                               ERROR           error    did not load: "));
  CHECK_THAT(r.out, Catch::Contains("    pack rows: indicators/b.lua:1: "));
  r = run_govbench({"eval", "--db", db, "--packs", pack.string(), "--indicator", "rows.b"});
  CHECK_THAT(r.out, Catch::Contains("no indicator 'rows.b'") && Catch::Contains("a pack failed to load: pack rows: "
                                                                                "indicators/b.lua:1:"));
}

TEST_CASE("score --compare lists the target positions that change too", "[cli][score]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"score", "--db", db, "--as-of", "2021-12-31", "--compare", "met.grid5"});
  INFO(r.out);
  CHECK_THAT(r.out,
             Catch::Contains(
                 "  3   STANDARDS                   current  H v H = 9 amber     -> H v H = 16 red  (band changes)"));
  CHECK_THAT(r.out,
             Catch::Contains(
                 "  1   VIOLENT CRIME               target   L v M = 2 green     -> L v M = 6 amber  (band changes)"));
  r = run_govbench({"score", "--db", db, "--as-of", "2021-12-31", "--compare", "met.grid5", "--format", "json"});
  CHECK_THAT(r.out, Catch::Contains("\"position\": \"target\""));
}
