// End-to-end tests of the govbench command line: exit codes, messages and
// what ends up in the database.
#include <catch2/catch.hpp>

#include "support.hpp"

using gbtest::run_govbench;

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
  r = run_govbench({"export", "--db", db, "--sql",
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
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"import", csv.string(), "--db", bogus.string(), "--table", "t"},
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
  gbtest::write_pack(dir.path(), "good", {{"indicators/a.lua", "gov.indicator { id = 'good.a', title = 'A', compute = function() return 1 end }\n"}});
  auto r = run_govbench({"check", (dir / "good").string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ok      good 1.0.0 (1 indicator, 0 rules, 0 views, 0 tests)"));
  gbtest::write_pack(dir.path(), "bad", {{"indicators/a.lua", "print('loading')\ngov.indicator { id = 'bad.a', title = 42, compute = print }\n"}});
  r = run_govbench({"check", (dir / "bad").string(), (dir / "good").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("FAILED  bad") &&
                        Catch::Contains("pack bad: gov.indicator: field 'title' must be a string, not a number (indicators/a.lua:2)"));
  CHECK_THAT(r.out, Catch::Contains("ok      good"));
  CHECK_THAT(r.err, Catch::Contains("pack bad: indicators/a.lua:1: loading"));
  r = run_govbench({"pack", "list", "--packs", dir.path().string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("bad") && Catch::Contains("failed") && Catch::Contains("good"));
  r = run_govbench({"pack", "frobnicate"});
  CHECK(r.exit_code == 2);
}
