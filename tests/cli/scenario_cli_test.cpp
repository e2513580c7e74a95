// govbench scenario ..., and --scenario on eval, score and render, end to end on the demo database.
#include <catch2/catch.hpp>

#include "support.hpp"

using gbtest::run_govbench;

TEST_CASE("scenario new, set, show, eval/score --scenario, apply, on the demo database", "[cli][scenario]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench(
      {"scenario", "new", "risk 9 up", "--db", db, "--as-of", "2021-12-31", "--description", "board asks"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_govbench({"scenario", "set", "risk 9 up", "--db", db, "--risk", "9", "--likelihood", "H"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("risk 9 PUBLIC & LOCAL ENGAGEMENT") != std::string::npos);
  CHECK(r.out.find("M v H -> H v H") != std::string::npos);

  r = run_govbench({"scenario", "show", "risk 9 up", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("1 risk moves") != std::string::npos);
  CHECK(r.out.find("M v H = 6 amber") != std::string::npos);
  CHECK(r.out.find("-> H v H = 9 amber") != std::string::npos);
  CHECK(r.out.find("risk.target_distance") != std::string::npos);
  CHECK(r.out.find("+0.27") != std::string::npos);      // (52 - 49) points / 11 risks
  CHECK(r.out.find("9: 6 -> 9") != std::string::npos);  // risk.score's group for risk 9

  r = run_govbench({"scenario", "show", "risk 9 up", "--db", db, "--format", "json", "--no-indicators"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"risks_moved\"") != std::string::npos);

  auto base = run_govbench({"score", "--db", db, "--as-of", "2021-12-31", "--format", "csv"});
  auto under = run_govbench({"score", "--db", db, "--scenario", "risk 9 up", "--format", "csv"});
  INFO(under.err);
  REQUIRE(under.exit_code == 0);
  CHECK(base.out.find("9,PUBLIC & LOCAL ENGAGEMENT,long,worsening,M,H,6.0,amber") != std::string::npos);
  CHECK(under.out.find("9,PUBLIC & LOCAL ENGAGEMENT,long,worsening,H,H,9.0,amber") != std::string::npos);
  CHECK(under.err.find("under scenario 'risk 9 up'") != std::string::npos);
  auto again = run_govbench({"score", "--db", db, "--as-of", "2021-12-31", "--format", "csv"});
  CHECK(again.out == base.out);

  auto ev = run_govbench(
      {"eval", "--db", db, "--scenario", "risk 9 up", "--indicator", "risk.target_distance", "--format", "csv"});
  auto ev0 = run_govbench(
      {"eval", "--db", db, "--as-of", "2021-12-31", "--indicator", "risk.target_distance", "--format", "csv"});
  REQUIRE(ev.exit_code == 0);
  CHECK(ev.out != ev0.out);

  CHECK(run_govbench({"eval", "--db", db, "--scenario", "risk 9 up", "--store"}).exit_code == 2);
  auto nope = run_govbench({"score", "--db", db, "--scenario", "nope"});
  CHECK(nope.exit_code == 1);
  CHECK(nope.err.find("no scenario 'nope' (known: risk 9 up)") != std::string::npos);

  auto html = run_govbench({"render", "audit_panel.risks", "--db", db, "--scenario", "risk 9 up", "--format", "html",
                            "-o", (dir / "p.html").string()});
  INFO(html.err);
  CHECK(gbtest::read_file(dir / "p.html").find("proposed changes") != std::string::npos);

  auto unconfirmed = run_govbench({"scenario", "apply", "risk 9 up", "--db", db});
  CHECK(unconfirmed.exit_code == 2);
  CHECK(unconfirmed.err.find("--yes") != std::string::npos);
  auto applied = run_govbench({"scenario", "apply", "risk 9 up", "--db", db, "--yes"});
  INFO(applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.out.find("risk 9 PUBLIC & LOCAL ENGAGEMENT: likelihood M -> H (2021-12-31)") != std::string::npos);
  auto after = run_govbench({"score", "--db", db, "--as-of", "2021-12-31", "--format", "csv"});
  CHECK(after.out == under.out);
  auto list = run_govbench({"scenario", "list", "--db", db});
  CHECK(list.out.find("applied") != std::string::npos);
}

TEST_CASE("scenario commands: help for each verb, usage errors, bad values named", "[cli][scenario]") {
  for (const char* verb : {"new", "list", "set", "unset", "show", "compare", "copy", "apply", "discard"}) {
    auto h = run_govbench({"scenario", verb, "--help"});
    INFO(verb);
    CHECK(h.exit_code == 0);
    CHECK(h.out.find(std::string("usage: govbench scenario ") + verb) != std::string::npos);
  }
  CHECK(run_govbench({"scenario", "--help"}).out.find("compare A B") != std::string::npos);
  CHECK(run_govbench({"scenario"}).exit_code == 2);
  CHECK(run_govbench({"scenario", "frobnicate"}).exit_code == 2);

  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"scenario", "new", "s", "--db", db}).exit_code == 0);
  auto bad = run_govbench({"scenario", "set", "s", "--db", db, "--risk", "9", "--likelihood", "HIGH"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("likelihood must be one of VL, L, M, H, VH (got 'HIGH')") != std::string::npos);
  auto two = run_govbench({"scenario", "set", "s", "--db", db, "--risk", "9", "--control", "9.1"});
  CHECK(two.exit_code == 2);
  auto ctl = run_govbench({"scenario", "set", "s", "--db", db, "--control", "9.1", "--progress", "slipped"});
  INFO(ctl.err);
  CHECK(ctl.exit_code == 0);
  REQUIRE(run_govbench({"scenario", "copy", "s", "t", "--db", db}).exit_code == 0);
  REQUIRE(run_govbench({"scenario", "set", "t", "--db", db, "--risk", "10", "--likelihood", "L"}).exit_code == 0);
  auto cmp = run_govbench({"scenario", "compare", "s", "t", "--db", db, "--no-indicators"});
  INFO(cmp.err);
  CHECK(cmp.exit_code == 0);
  CHECK(cmp.out.find("1 risk moves") != std::string::npos);
  CHECK(cmp.out.find("LEGITIMACY") != std::string::npos);
  CHECK(run_govbench({"scenario", "discard", "s", "--db", db}).exit_code == 0);
  CHECK(run_govbench({"scenario", "show", "s", "--db", db}).exit_code == 1);
}
