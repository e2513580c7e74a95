// The command line for finding and naming columns (describe, import
// --rename / --columns), pack parameters and `pack new` (issue 15, items 5
// and 6), run through the real binary.
#include <catch2/catch.hpp>

#include "support.hpp"

using gbtest::run_govbench;

namespace {
const char* const kPasFile = "2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv";
std::string pas() {
  return gbtest::real_data(kPasFile).string();
}
}  // namespace

TEST_CASE("describe lists the 13 columns of the README's PAS import with counts and examples", "[cli][describe]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"import", pas(), "--db", db, "--table", "pas_neighbourhood_groups", "--header-rows", "3"})
              .exit_code == 0);
  auto r = run_govbench({"describe", "pas_neighbourhood_groups", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith("table pas_neighbourhood_groups: 112 rows, 13 columns\n\n 1  neighbourhood\n"
                               "    TEXT, 112 non-null, 112 distinct\n    e.g. 'Barking and Dagenham - Barking', "));
  CHECK_THAT(r.out,
             Catch::Contains("\n13  How confident are you that the police in your area use their stop and search "
                             "powers fairly? | Black | % Very confident/Fairly confident\n    INTEGER, "));
  r = run_govbench({"describe", "PAS_NEIGHBOURHOOD_GROUPS", "--db", db, "--format", "json", "--examples", "1"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith("{\"table\": \"pas_neighbourhood_groups\", \"kind\": \"table\", \"rows\": 112, "));
  CHECK_THAT(r.out,
             Catch::Contains("{\"name\": \"neighbourhood\", \"type\": \"TEXT\", \"non_null\": 112, \"distinct\": "
                             "112, \"examples\": [\"Barking and Dagenham - Barking\"]}"));
  // A slip names the nearest table; exit 1.
  r = run_govbench({"describe", "pas_neighborhood_groups", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "govbench: describe: no table 'pas_neighborhood_groups'; did you mean 'pas_neighbourhood_groups'?\n");
  r = run_govbench({"describe", "risks", "--db", db, "--format", "xml"});
  CHECK(r.exit_code == 2);
  r = run_govbench({"describe", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("usage: govbench describe TABLE --db FILE"));
}

TEST_CASE("import --rename and --columns store the new names, and --append matches them", "[cli][rename]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto map = dir / "pas-columns.txt";
  gbtest::write_file(map,
                     "# the pooled PAS file, three header rows joined\n"
                     "neighbourhood = area\n"
                     "How confident are you that the police in your area use their stop and search powers fairly? "
                     "| Black | % Very confident/Fairly confident = ss_black\n");
  auto r = run_govbench({"import", pas(), "--db", db, "--table", "pas", "--header-rows", "3", "--columns", map.string(),
                         "--rename",
                         "How confident are you that the police in your area use their stop and search "
                         "powers fairly? | White British | % Very confident/Fairly confident=ss_white"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_govbench({"export", "--db", db, "--format", "csv", "--sql",
                    "SELECT round(avg(ss_black - ss_white), 2) AS gap, count(area) AS n FROM pas"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "gap,n\r\n-20.63,112\r\n");  // the README gap, as pandas gives it
  // Next month's file, the same mapping: appended by the new names.
  r = run_govbench({"import", pas(), "--db", db, "--table", "pas", "--header-rows", "3", "--columns", map.string(),
                    "--append", "--rename",
                    "How confident are you that the police in your area use their stop and "
                    "search powers fairly? | White British | % Very confident/Fairly confident=ss_white"});
  CHECK(r.exit_code == 0);
  r = run_govbench({"export", "--db", db, "--sql", "SELECT count(*) AS n FROM pas"});
  CHECK(r.out == "n\r\n224\r\n");
  r = run_govbench({"import", "--help"});
  CHECK_THAT(r.out, Catch::Contains("--rename OLD=NEW") && Catch::Contains("--columns MAPFILE"));
  r = run_govbench({"import", pas(), "--db", db, "--table", "x", "--rename", "no equals sign"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("write it OLD=NEW"));
}

TEST_CASE("a mapping naming a column that is not in the file imports nothing and says where", "[cli][rename]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  const std::string before = gbtest::read_file(db);
  const auto map = dir / "pas-columns.txt";
  gbtest::write_file(map, "# mapping\nneighbourhood = area\nneighbourhod_code = code\n");
  auto r = run_govbench(
      {"import", pas(), "--db", db.string(), "--table", "pas", "--header-rows", "3", "--columns", map.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "govbench: import: " + map.string() + ":3: column 'neighbourhod_code' is not in " + pas() +
                     "; did you mean 'neighbourhood'?; nothing was imported\n");
  CHECK(gbtest::read_file(db) == before);  // the database is exactly as it was
  for (const auto& suffix : {"-wal", "-journal"}) CHECK_FALSE(std::filesystem::exists(db.string() + suffix));
  // Two columns to one name, and an empty name: errors too, nothing imported.
  gbtest::write_file(map,
                     "neighbourhood = x\nThe police in your area listen to the concerns of local people | Black | "
                     "% Strongly agree/Tend to agree = X\n");
  r = run_govbench(
      {"import", pas(), "--db", db.string(), "--table", "pas", "--header-rows", "3", "--columns", map.string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(map.string() + ":2: 'X' would name two columns"));
  r = run_govbench(
      {"import", pas(), "--db", db.string(), "--table", "pas", "--header-rows", "3", "--rename", "neighbourhood="});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("the new name for 'neighbourhood' is empty"));
  CHECK(gbtest::read_file(db) == before);
  // A missing mapping file is named; a new database is not left behind.
  r = run_govbench(
      {"import", pas(), "--db", (dir / "new.db").string(), "--table", "pas", "--columns", (dir / "nope.txt").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("nope.txt"));
  CHECK_FALSE(std::filesystem::exists(dir / "new.db"));
}

TEST_CASE("bundled packs read an imported table by a pack parameter set per database", "[cli][params]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"import", pas(), "--db", db, "--table", "pas_2024", "--header-rows", "3"}).exit_code == 0);
  auto r =
      run_govbench({"eval", "--db", db, "--indicator", "trust.confidence_gap.black.neighbourhood", "--format", "json"});
  CHECK_THAT(r.out, Catch::Contains("\"status\": \"no_data\""));
  CHECK_THAT(r.out, Catch::Contains("no data: import 2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv as "
                                    "pas_neighbourhood_groups"));
  r = run_govbench({"setting", "--db", db, "pack.trust-confidence.groups_table", "pas_2024"});
  CHECK(r.exit_code == 0);
  r = run_govbench({"setting", "--db", db});
  CHECK_THAT(r.out, Catch::Contains("pack.trust-confidence.groups_table = pas_2024\n") &&
                        Catch::Contains("pack.stop-search.searches_table = (default: stop_search)\n"));
  r = run_govbench({"eval", "--db", db, "--indicator", "trust.confidence_gap.black.neighbourhood", "--format", "json"});
  CHECK_THAT(r.out, Catch::Contains("\"status\": \"ok\"") && Catch::Contains("\"value\": -8,"));
  r = run_govbench({"setting", "--db", db, "pack.trust-confidence.group_table", "x"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no loaded pack declares the parameter 'pack.trust-confidence.group_table'"));
}

TEST_CASE("stop-search reads its two tables by pack parameter and names the file to import", "[cli][params]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const std::vector<std::string> eval = {
      "eval",    "--db",       db,         "--indicator", "stop_search.disproportionality.black_white",
      "--as-of", "2016-06-30", "--format", "json"};
  auto r = run_govbench(eval);
  CHECK_THAT(r.out, Catch::Contains("no data: import a police.uk stop and search file "
                                    "(2016-06-metropolitan-stop-and-search.csv) as stop_search"));
  const std::string fixtures = GOVBENCH_SOURCE_DIR "/scripts/stop-search/fixtures/";
  REQUIRE(run_govbench({"import", fixtures + "stop_search.csv", "--db", db, "--table", "searches_june"}).exit_code ==
          0);
  REQUIRE(run_govbench({"setting", "--db", db, "pack.stop-search.searches_table", "searches_june"}).exit_code == 0);
  r = run_govbench(eval);
  CHECK_THAT(r.out, Catch::Contains("(2011 Census") || Catch::Contains("as census_ethnicity"));
  REQUIRE(run_govbench({"import", fixtures + "census_ethnicity.csv", "--db", db, "--table", "census 2011"}).exit_code ==
          0);
  REQUIRE(run_govbench({"setting", "--db", db, "pack.stop-search.census_table", "census 2011"}).exit_code == 0);
  r = run_govbench(eval);
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("\"status\": \"ok\"") && Catch::Contains("\"value\": 6,"));
}

TEST_CASE("pack new makes a pack that check and pack test pass as made", "[cli][pack-new]") {
  gbtest::TempDir dir;
  const auto pack = (dir / "my-gap").string();
  auto r = run_govbench({"pack", "new", "my-gap", "--dir", pack});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"pack.lua", "indicators/gap.lua", "tests/gap_test.lua", "fixtures/my_gap_survey.csv",
                        "README.md", ".luarc.json", ".types/gov.lua"})
    CHECK(std::filesystem::exists(dir / "my-gap" / f));
  CHECK_THAT(gbtest::read_file(dir / "my-gap" / ".luarc.json"), Catch::Contains("\"workspace.library\": [\".types\"]"));
  r = run_govbench({"check", pack});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ok      my-gap 0.1.0 (1 indicator, 0 rules, 0 views, 1 test)"));
  r = run_govbench({"pack", "test", pack});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("pass    my-gap: the gap on the fixture is -8.5 pp, amber") &&
                        Catch::EndsWith("1 passed, 0 failed\n"));
  // On the demo data it has no data and says what to import.
  const auto db = gbtest::demo_copy(dir).string();
  r = run_govbench({"eval", "--db", db, "--packs", pack, "--indicator", "my_gap.gap"});
  CHECK_THAT(r.out, Catch::Contains("no data: import your CSV as my_gap_survey"));
  // Refused: a folder that is not empty, an invalid name.
  r = run_govbench({"pack", "new", "my-gap", "--dir", pack});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "govbench: pack: folder " + pack +
                     " already exists and is not empty; nothing was written (choose "
                     "another name or --dir)\n");
  for (const char* bad : {"My_Gap", "gap-", "a--b", "1gap"}) {
    INFO(bad);
    r = run_govbench({"pack", "new", bad, "--dir", (dir / "other").string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("is not a valid pack name"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "other"));
  // An empty folder is fine.
  std::filesystem::create_directory(dir / "empty");
  CHECK(run_govbench({"pack", "new", "empty-one", "--dir", (dir / "empty").string()}).exit_code == 0);
  r = run_govbench({"pack", "new", "--help"});
  CHECK_THAT(r.out, Catch::StartsWith("usage: govbench pack new NAME [--dir DIR]"));
}

TEST_CASE("pack new NAME, then check NAME and pack test NAME, in the current folder", "[cli][pack-new]") {
  gbtest::TempDir dir;
  const std::string gb = GOVBENCH_BINARY;
  const auto r = gbtest::run_program({"sh", "-c",
                                      "cd '" + dir.path().string() + "' && '" + gb + "' pack new my-gap && '" + gb +
                                          "' check my-gap && '" + gb + "' pack test my-gap"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("created pack my-gap in my-gap/\n") && Catch::EndsWith("1 passed, 0 failed\n"));
  CHECK(std::filesystem::exists(dir / "my-gap" / ".types" / "gov.lua"));
}

TEST_CASE("pack new --help", "[cli][pack-new]") {
  const auto r = run_govbench({"pack", "new", "--help"});
  CHECK_THAT(r.out, Catch::StartsWith("usage: govbench pack new NAME [--dir DIR]"));
}
