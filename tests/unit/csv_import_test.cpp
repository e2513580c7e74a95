#include "data/csv_import.hpp"

#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "data/migrations.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {
using gbtest::number;
Db fresh() {
  Db db = Db::open_memory();
  migrate(db);
  return db;
}
ImportOptions opts(const std::string& table) {
  ImportOptions o;
  o.table = table;
  return o;
}
}  // namespace

TEST_CASE("import infers INTEGER, REAL and TEXT and stores blanks and N/A as NULL", "[import]") {
  Db db = fresh();
  auto r = import_csv_bytes(db, "t.csv", "n,x,code,label\n1,2.5,007,a\n-3,N/A,010,\n,4,E01,c\n", opts("t"));
  CHECK(r.rows == 3);
  REQUIRE(r.columns.size() == 4);
  CHECK(r.columns[0].type == ColumnType::Integer);
  CHECK(r.columns[1].type == ColumnType::Real);
  CHECK(r.columns[2].type == ColumnType::Text);  // leading zeros: a code
  CHECK(r.columns[3].type == ColumnType::Text);
  CHECK(number(db, "SELECT count(*) FROM t WHERE x IS NULL") == 1);
  CHECK(number(db, "SELECT count(*) FROM t WHERE label IS NULL") == 1);
  CHECK(number(db, "SELECT count(*) FROM t WHERE n IS NULL") == 1);
  CHECK(number(db, "SELECT typeof(x) = 'real' FROM t WHERE n = 1") == 1);
  CHECK(number(db, "SELECT code = '007' FROM t WHERE n = 1") == 1);
  CHECK(number(db, "SELECT count(*) FROM imports WHERE tbl = 't' AND rows = 3") == 1);
  CHECK(number(db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND tbl = 't'") == 1);
}

TEST_CASE("several header rows join into one name, repeated names become unique", "[import]") {
  Db db = fresh();
  ImportOptions o = opts("pas");
  o.header_rows = 2;
  import_csv_bytes(db, "t.csv", "area,Fair,Fair\n,White,Black\nBarnet,80,70\n", o);
  CHECK(db.column_names("pas") == std::vector<std::string>{"area", "Fair | White", "Fair | Black"});
  import_csv_bytes(db, "u.csv", "a,A,a\n1,2,3\n", opts("u"));
  CHECK(db.column_names("u") == std::vector<std::string>{"a", "A_2", "a_3"});
}

// Found by the csv_import fuzzer (fuzz/regressions/csv_import/): a byte-order
// mark that is not at the very start of the file (after a blank line, or in
// two files joined) became part of the first column's name, which then lost
// it when exported and imported again.
TEST_CASE("a byte-order mark inside the file never becomes part of a column name", "[import]") {
  Db db = fresh();
  import_csv_bytes(db, "t.csv", "\n\xEF\xBB\xBFid,value\n1,2\n", opts("t"));
  CHECK(db.column_names("t") == std::vector<std::string>{"id", "value"});
  import_csv_bytes(db, "u.csv", "a,\xEF\xBB\xBF\n1,2\n", opts("u"));
  CHECK(db.column_names("u") == std::vector<std::string>{"a", "column_2"});
}

TEST_CASE("a ragged row is refused with line and column, nothing is written", "[import]") {
  Db db = fresh();
  import_csv_bytes(db, "ok.csv", "a,b\n1,2\n", opts("t"));
  ImportOptions o = opts("t");
  o.mode = ImportMode::Append;
  try {
    import_csv_bytes(db, "bad.csv", "a,b\n3,4\n5,6,7\n", o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "bad.csv:3:5: this row has 3 fields but the header has 2 (a ragged row; check for "
          "an unquoted comma)");
  }
  CHECK_THROWS_WITH(import_csv_bytes(db, "short.csv", "a,b\n3\n", o),
                    Catch::StartsWith("short.csv:2:2: this row has 1"));
  CHECK(number(db, "SELECT count(*) FROM t") == 1);
  CHECK(number(db, "SELECT count(*) FROM imports") == 1);
}

TEST_CASE("an unterminated quote or invalid UTF-8 leaves the target table unchanged", "[import]") {
  Db db = fresh();
  import_csv_bytes(db, "ok.csv", "a,b\n1,2\n", opts("t"));
  ImportOptions rep = opts("t");
  rep.mode = ImportMode::Replace;
  CHECK_THROWS_WITH(import_csv_bytes(db, "q.csv", "a,b\n1,\"2\n", rep), Catch::StartsWith("q.csv:2:3: unterminated"));
  CHECK_THROWS_WITH(import_csv_bytes(db, "u.csv", "a,b\n1,\xFF\n", rep),
                    Catch::StartsWith("u.csv:2:3: the file is not valid UTF-8"));
  CHECK(number(db, "SELECT count(*) FROM t") == 1);
  CHECK(number(db, "SELECT b FROM t") == 2);
}

TEST_CASE("create, append and replace modes", "[import]") {
  Db db = fresh();
  import_csv_bytes(db, "a.csv", "x,y\n1,2\n", opts("t"));
  CHECK_THROWS_WITH(import_csv_bytes(db, "a.csv", "x,y\n1,2\n", opts("t")), Catch::Contains("already exists"));
  ImportOptions app = opts("t");
  app.mode = ImportMode::Append;
  import_csv_bytes(db, "b.csv", "Y,X\n20,10\n", app);  // matched by name, any case or order
  CHECK(number(db, "SELECT x FROM t WHERE y = 20") == 10);
  CHECK_THROWS_WITH(import_csv_bytes(db, "c.csv", "x,z\n1,2\n", app), Catch::Contains("has no column 'z'"));
  ImportOptions rep = opts("t");
  rep.mode = ImportMode::Replace;
  import_csv_bytes(db, "d.csv", "only\nhello\n", rep);
  CHECK(db.column_names("t") == std::vector<std::string>{"only"});
}

TEST_CASE("replace refuses tables of the governance schema", "[import]") {
  Db db = fresh();
  ImportOptions rep = opts("risks");
  rep.mode = ImportMode::Replace;
  CHECK_THROWS_WITH(import_csv_bytes(db, "r.csv", "a\n1\n", rep), Catch::Contains("part of the governance schema"));
  CHECK(db.table_exists("risks"));
}

TEST_CASE("an append does not make a table replaceable", "[import]") {
  Db db = fresh();
  db.exec("INSERT INTO sources (id, kind, document) VALUES (1, 'synthetic', 'test')");
  db.exec("INSERT INTO metrics (id, title, unit, polarity, source_id) VALUES ('m', 'M', '%', 'higher_is_better', 1)");
  ImportOptions app = opts("observations");
  app.mode = ImportMode::Append;
  import_csv_bytes(db, "obs.csv", "metric_id,period,area,grp,value,source_id\nm,2021-Q1,London,All,50,1\n", app);
  const std::string ddl_before = [&] {
    Statement st = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'observations'");
    st.step();
    return st.column_text(0);
  }();
  ImportOptions rep = opts("Observations");
  rep.mode = ImportMode::Replace;
  CHECK_THROWS_WITH(
      import_csv_bytes(db, "x.csv", "a\n1\n", rep),
      Catch::Contains("'Observations' is part of the governance schema") && Catch::Contains("will not drop it"));
  CHECK(number(db, "SELECT count(*) FROM observations") == 1);
  Statement st = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'observations'");
  st.step();
  CHECK(st.column_text(0) == ddl_before);  // still the schema's table, with its constraints

  // A table of the user's own, made by SQL and only ever appended to.
  db.exec("CREATE TABLE mine (a INTEGER NOT NULL)");
  ImportOptions app_mine = opts("mine");
  app_mine.mode = ImportMode::Append;
  import_csv_bytes(db, "m.csv", "a\n1\n", app_mine);
  ImportOptions rep_mine = opts("mine");
  rep_mine.mode = ImportMode::Replace;
  CHECK_THROWS_WITH(import_csv_bytes(db, "m2.csv", "b\n2\n", rep_mine),
                    Catch::Contains("was not created by an import"));
  CHECK(db.column_names("mine") == std::vector<std::string>{"a"});
}

TEST_CASE("the tables govbench writes itself are never imported into", "[import]") {
  Db db = fresh();
  for (const char* t : {"imports", "audit_log", "level_values", "cipfa_principles", "indicator_results", "risk_scores",
                        "settings", "edits", "Audit_Log"}) {
    INFO(t);
    const std::int64_t before = number(db, std::string("SELECT count(*) FROM ") + quote_identifier(t));
    for (ImportMode mode : {ImportMode::Append, ImportMode::Replace, ImportMode::Create}) {
      ImportOptions o = opts(t);
      o.mode = mode;
      CHECK_THROWS_WITH(import_csv_bytes(db, "x.csv", "id\n999\n", o),
                        Catch::Contains("is written only by govbench itself"));
    }
    CHECK(number(db, std::string("SELECT count(*) FROM ") + quote_identifier(t)) == before);
  }
}

TEST_CASE("quoted cells are text kept exactly and only unquoted blanks and N/A are NULL", "[import]") {
  Db db = fresh();
  auto r = import_csv_bytes(db, "q.csv",
                            "id,t,n\n"
                            "1,\"\",\"12\"\n"
                            "2,\" \",\n"
                            "3,\"N/A\",N/A\n"
                            "4,  ,  7  \n"
                            "5,\" padded \",8\n",
                            opts("q"));
  REQUIRE(r.columns.size() == 3);
  CHECK(r.columns[1].type == ColumnType::Text);
  CHECK(r.columns[1].nulls == 1);                // only the unquoted blank of row 4
  CHECK(r.columns[2].type == ColumnType::Text);  // "12" is quoted: the column is TEXT
  CHECK(r.columns[2].nulls == 2);
  Statement st = db.prepare("SELECT t, typeof(t), n, typeof(n) FROM q ORDER BY id");
  std::vector<std::string> got;
  while (st.step())
    got.push_back("[" + st.column_text(0) + "]" + st.column_text(1) + " [" + st.column_text(2) + "]" +
                  st.column_text(3));
  CHECK(got == std::vector<std::string>{"[]text [12]text", "[ ]text []null", "[N/A]text []null", "[]null [  7  ]text",
                                        "[ padded ]text [8]text"});
}

TEST_CASE("in a one-column file an empty line is a NULL row but the final line break is not", "[import]") {
  Db db = fresh();
  auto r = import_csv_bytes(db, "one.csv", "v\r\n\r\nx\r\n\"\"\r\n\r\n", opts("one"));
  CHECK(r.rows == 4);
  Statement st = db.prepare("SELECT quote(v) FROM one ORDER BY rowid");
  std::vector<std::string> got;
  while (st.step()) got.push_back(st.column_text(0));
  CHECK(got == std::vector<std::string>{"NULL", "'x'", "''", "NULL"});
  // With more than one column an empty line is still skipped.
  CHECK(import_csv_bytes(db, "two.csv", "a,b\n1,2\n\n3,4\n\n", opts("two")).rows == 2);
}

TEST_CASE("import errors carry file:line:column", "[import]") {
  Db db = fresh();
  SECTION("more columns than SQLite allows: the header cell 2001") {
    std::string header = "c1";
    for (int i = 2; i <= 2001; ++i) header += ",c" + std::to_string(i);
    const auto col_2001 = static_cast<std::int64_t>(header.rfind(",c2001") + 2);
    try {
      import_csv_bytes(db, "wide.csv", header + "\n", opts("wide"));
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.where().line == 1);
      CHECK(e.where().column == col_2001);
      CHECK_THAT(e.what(), Catch::Contains("at most 2000"));
    }
  }
  SECTION("the end of the file inside the header") {
    ImportOptions o = opts("h");
    o.header_rows = 3;
    CHECK_THROWS_WITH(import_csv_bytes(db, "h.csv", "a,b\nc,d\n", o),
                      Catch::StartsWith("h.csv:3:1: the file ends inside its header"));
  }
  SECTION("a value too long for SQLite: the row and cell") {
    import_csv_bytes(db, "ok.csv", "a,b\n1,2\n", opts("t"));
    sqlite3_limit(db.handle(), SQLITE_LIMIT_LENGTH, 1000);
    ImportOptions app = opts("t");
    app.mode = ImportMode::Append;
    CHECK_THROWS_WITH(
        import_csv_bytes(db, "big.csv", "a,b\n3,4\n5," + std::string(2000, 'x') + "\n", app),
        Catch::StartsWith("big.csv:3:3: the database rejected this row: column 'b'") && Catch::Contains("too big"));
    CHECK(number(db, "SELECT count(*) FROM t") == 1);
  }
  SECTION("a view") {
    db.exec("CREATE VIEW v AS SELECT 1 AS a");
    ImportOptions app = opts("v");
    app.mode = ImportMode::Append;
    CHECK_THROWS_WITH(import_csv_bytes(db, "v.csv", "a\n1\n", app), "'v' is a view; import into a table");
  }
  SECTION("a column the table lacks, at its header cell") {
    import_csv_bytes(db, "ok.csv", "a,b\n1,2\n", opts("t"));
    ImportOptions app = opts("t");
    app.mode = ImportMode::Append;
    CHECK_THROWS_WITH(import_csv_bytes(db, "c.csv",
                                       "\xEF\xBB\xBF"
                                       "a,b,zz,yy\n1,2,3,4\n",
                                       app),
                      Catch::StartsWith("c.csv:1:5: table 't' has no column 'zz', 'yy'"));
  }
  SECTION("a folder") {
    gbtest::TempDir dir;
    CHECK_THROWS_WITH(import_csv(db, dir.path(), opts("t")), dir.path().string() + ": is a folder, not a file");
    CHECK_THROWS_WITH(import_csv(db, dir / "none.csv", opts("t")),
                      (dir / "none.csv").string() + ": cannot open the file for reading: No such file or directory");
  }
}

TEST_CASE("table names with surrounding spaces and out-of-range header rows are refused", "[import]") {
  Db db = fresh();
  CHECK_THROWS_WITH(import_csv_bytes(db, "a.csv", "a\n1\n", opts(" t")),
                    Catch::Contains("begins or ends with a space"));
  CHECK_THROWS_WITH(import_csv_bytes(db, "a.csv", "a\n1\n", opts("t ")),
                    Catch::Contains("begins or ends with a space"));
  CHECK_FALSE(db.table_exists("t"));
  ImportOptions o = opts("t");
  o.header_rows = 21;
  CHECK_THROWS_WITH(import_csv_bytes(db, "a.csv", "a\n1\n", o), "header rows must be between 0 and 20");
}

TEST_CASE("imports and the audit log record the account, not $USER", "[import]") {
  const passwd* pw = getpwuid(geteuid());
  REQUIRE(pw);
  const std::string account = pw->pw_name;
  const char* old = std::getenv("USER");
  const std::string saved = old ? old : "";
  setenv("USER", "somebody-else", 1);
  Db db = fresh();
  import_csv_bytes(db, "a.csv", "a\n1\n", opts("t"));
  if (old)
    setenv("USER", saved.c_str(), 1);
  else
    unsetenv("USER");
  Statement st = db.prepare("SELECT (SELECT who FROM imports), (SELECT who FROM audit_log WHERE action = 'import')");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == account);
  CHECK(st.column_text(1) == account);
}

TEST_CASE("appending to a schema table is checked by its constraints, with the line", "[import]") {
  Db db = fresh();
  db.exec("INSERT INTO sources (id, kind, document) VALUES (1, 'synthetic', 'test')");
  db.exec("INSERT INTO metrics (id, title, unit, polarity, source_id) VALUES ('m', 'M', '%', 'higher_is_better', 1)");
  ImportOptions app = opts("observations");
  app.mode = ImportMode::Append;
  const std::string good = "metric_id,period,area,grp,value,source_id\nm,2021-Q1,London,All,50,1\n";
  import_csv_bytes(db, "obs.csv", good, app);
  CHECK(number(db, "SELECT count(*) FROM observations") == 1);
  const std::string bad =
      "metric_id,period,area,grp,value,source_id\nm,2021-Q2,London,All,51,1\nnope,2021-Q3,London,All,52,1\n";
  CHECK_THROWS_WITH(
      import_csv_bytes(db, "obs2.csv", bad, app),
      Catch::StartsWith("obs2.csv:3:1: the database rejected this row") && Catch::Contains("FOREIGN KEY"));
  CHECK(number(db, "SELECT count(*) FROM observations") == 1);
}

TEST_CASE("the four real CSVs import with the right row counts and cells", "[import][real]") {
  Db db = fresh();
  SECTION("stop and search, June 2016") {
    auto r = import_csv(db, gbtest::real_data("2016-06-metropolitan-stop-and-search.csv"), opts("sas"));
    CHECK(r.rows == 10490);
    CHECK(r.columns.size() == 15);
    Statement st =
        db.prepare("SELECT \"Officer-defined ethnicity\", \"Latitude\", typeof(\"Latitude\") FROM sas LIMIT 1");
    REQUIRE(st.step());
    CHECK(st.column_text(0) == "Black");
    CHECK(st.column_double(1) == Approx(51.455989));
    CHECK(st.column_text(2) == "real");
    CHECK(number(db, "SELECT count(*) FROM sas WHERE \"Outcome\" = 'Nothing found - no further action'") > 5000);
  }
  SECTION("PAS perceptions 2016: two header rows, N/A") {
    ImportOptions o = opts("pas2016");
    o.header_rows = 2;
    auto r = import_csv(db, gbtest::real_data("2016-police-perceptions.csv"), o);
    CHECK(r.rows == 106);
    CHECK(r.columns.size() == 22);
    CHECK(r.columns[0].name == "Neighbourhood");  // BOM stripped
    CHECK(r.columns[3].name ==
          "Taking everything into account how good a job do you think the police in your area are doing? | % Excellent "
          "or Good");
    CHECK(r.columns[21].name == "Total Notifiable Offences rate");
    CHECK(r.columns[21].nulls == 106);  // every neighbourhood's cell is N/A
    CHECK(r.columns[3].type == ColumnType::Integer);
    Statement st = db.prepare("SELECT \"Code\", \"Total Notifiable Offences rate\" FROM pas2016 LIMIT 1");
    REQUIRE(st.step());
    CHECK(st.column_text(0) == "KG-KB");
    CHECK(st.column_is_null(1));
  }
  SECTION("PAS by neighbourhood and group: three header rows, repeated questions, blank rows") {
    ImportOptions o = opts("pas_groups");
    o.header_rows = 3;
    auto r = import_csv(db, gbtest::real_data("2015-16_to_2020-21_inclusive_neighbourhood_indicators.csv"), o);
    CHECK(r.rows == 112);
    CHECK(r.columns.size() == 13);
    CHECK(r.columns[0].name == "neighbourhood");
    CHECK(r.columns[9].name ==
          "The police in your area treat everyone fairly regardless of who they are | Black | % Strongly agree/Tend to "
          "agree");
    CHECK(r.columns[1].type == ColumnType::Integer);
    Statement st = db.prepare("SELECT * FROM pas_groups WHERE neighbourhood = 'Barking and Dagenham - Barking'");
    REQUIRE(st.step());
    CHECK(st.column_int(1) == 84);
    CHECK(number(db, "SELECT count(*) FROM pas_groups WHERE \"" + r.columns[1].name + "\" IS NULL") >= 3);
  }
  SECTION("census 2011 ethnic groups by output area") {
    auto r = import_csv(db, gbtest::real_data("census-2011-ethnic-groups-by-output-area.csv"), opts("census"));
    CHECK(r.rows == 25053);
    CHECK(r.columns.size() == 28);
    CHECK(r.columns[4].type == ColumnType::Integer);
    CHECK(number(db, "SELECT sum(\"Ethnic Group: All usual residents; measures: Value\") FROM census") > 8000000);
  }
}
