// The importer reads the column types from the first rows and checks every
// later row against them as it writes it; a later row that needs a wider
// type makes it finish the types and write again. These tests put that row
// well past the first rows and check the outcome is the whole file's.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "data/csv_import.hpp"
#include "data/migrations.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {
using gbtest::number;
using gbtest::text;
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
constexpr int kRows = 3000;  // well beyond the rows the types are first read from
}  // namespace

TEST_CASE("a column that widens late in the file gets the whole file's type, every row stored as that type",
          "[import]") {
  std::string csv = "late_text,late_real,late_first,text,late_quote,spaced\n";
  for (int i = 1; i <= kRows; ++i) {
    const std::string n = std::to_string(i);
    csv += (i == 2500 ? std::string("x7") : n) + ",";   // INTEGER until row 2500, then TEXT
    csv += (i == 2000 ? std::string("2.5") : n) + ",";  // INTEGER until row 2000, then REAL
    csv += (i <= 1500 ? std::string() : n) + ",";       // blank for 1,500 rows, then INTEGER
    csv += "n" + n + ",";                               // TEXT throughout
    csv += (i == kRows ? "\"" + n + "\"" : n) + ",";    // the last row's cell is quoted: TEXT
    csv += (i == 1 ? std::string(" 12 ") : i == 2800 ? std::string("twelve") : n) + "\n";  // spaces kept in TEXT
  }
  Db db = fresh();
  std::vector<double> progress;
  ImportOptions o = opts("t");
  o.progress = [&](double f) { progress.push_back(f); };
  const ImportReport r = import_csv_bytes(db, "late.csv", csv, o);
  CHECK(r.rows == kRows);
  REQUIRE(r.columns.size() == 6);
  CHECK(r.columns[0].type == ColumnType::Text);
  CHECK(r.columns[1].type == ColumnType::Real);
  CHECK(r.columns[2].type == ColumnType::Integer);
  CHECK(r.columns[3].type == ColumnType::Text);
  CHECK(r.columns[4].type == ColumnType::Text);
  CHECK(r.columns[5].type == ColumnType::Text);
  CHECK(r.columns[2].nulls == 1500);  // counted once, not once per attempt
  for (int c = 0; c < 6; ++c) CHECK(r.columns[static_cast<std::size_t>(c)].nulls == (c == 2 ? 1500 : 0));
  CHECK(number(db, "SELECT count(*) FROM t") == kRows);
  CHECK(number(db, "SELECT count(*) FROM t WHERE typeof(late_text) <> 'text'") == 0);
  CHECK(number(db, "SELECT count(*) FROM t WHERE typeof(late_real) <> 'real'") == 0);
  CHECK(number(db, "SELECT count(*) FROM t WHERE typeof(late_first) NOT IN ('integer', 'null')") == 0);
  CHECK(number(db, "SELECT count(*) FROM t WHERE typeof(late_quote) <> 'text'") == 0);
  CHECK(text(db, "SELECT late_text FROM t WHERE rowid = 2500") == "x7");
  CHECK(text(db, "SELECT late_text FROM t WHERE rowid = 1") == "1");
  CHECK(text(db, "SELECT late_real FROM t WHERE rowid = 2000") == "2.5");
  CHECK(number(db, "SELECT late_first FROM t WHERE rowid = 1501") == 1501);
  CHECK(text(db, "SELECT quote(spaced) FROM t WHERE rowid = 1") == "' 12 '");  // TEXT is stored as written
  CHECK(text(db, "SELECT sql FROM sqlite_schema WHERE name = 't'") ==
        "CREATE TABLE \"t\" (\"late_text\" TEXT, \"late_real\" REAL, \"late_first\" INTEGER, \"text\" TEXT, "
        "\"late_quote\" TEXT, \"spaced\" TEXT)");
  CHECK(number(db, "SELECT count(*) FROM imports WHERE tbl = 't'") == 1);
  CHECK(number(db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND tbl = 't'") == 1);
  // Progress never goes backwards, though the rows are written twice.
  REQUIRE_FALSE(progress.empty());
  for (std::size_t i = 1; i < progress.size(); ++i) CHECK(progress[i] >= progress[i - 1]);
  CHECK(progress.back() == 1.0);
}

TEST_CASE("appending a file whose column widens late replaces nothing and stores every row", "[import]") {
  Db db = fresh();
  import_csv_bytes(db, "a.csv", "k,v\n0,0\n", opts("t"));
  std::string csv = "v,k\n";
  for (int i = 1; i <= kRows; ++i)
    csv += (i == 1200 ? std::string("1.5") : std::to_string(i)) + ",k" + std::to_string(i) + "\n";
  ImportOptions app = opts("t");
  app.mode = ImportMode::Append;
  CHECK(import_csv_bytes(db, "b.csv", csv, app).rows == kRows);
  CHECK(number(db, "SELECT count(*) FROM t") == kRows + 1);
  CHECK(text(db, "SELECT v FROM t WHERE k = 'k1200'") == "1.5");
  CHECK(number(db, "SELECT count(*) FROM imports WHERE tbl = 't'") == 2);
}

TEST_CASE("a malformed row late in the file is reported before the database's objection to an earlier one",
          "[import]") {
  Db db = fresh();
  db.exec("INSERT INTO sources (id, kind, document) VALUES (1, 'synthetic', 'test')");
  db.exec("INSERT INTO metrics (id, title, unit, polarity, source_id) VALUES ('m', 'M', '%', 'higher_is_better', 1)");
  ImportOptions app = opts("observations");
  app.mode = ImportMode::Append;
  std::string rows;
  for (int i = 1; i <= kRows; ++i)
    rows += (i == 1 ? std::string("nope") : std::string("m")) + ",2021-Q" + std::to_string(i) + ",London,All," +
            (i == 1500 ? std::string("1,2,3") : std::string("50,1")) + "\n";
  // Line 2 breaks a foreign key; line 1501 has a field too many.
  CHECK_THROWS_WITH(import_csv_bytes(db, "obs.csv", "metric_id,period,area,grp,value,source_id\n" + rows, app),
                    Catch::StartsWith("obs.csv:1501:") && Catch::Contains("this row has 7 fields"));
  // And before a column the table lacks.
  CHECK_THROWS_WITH(import_csv_bytes(db, "obs.csv", "metric_id,period,area,grp,value,nope\n" + rows, app),
                    Catch::StartsWith("obs.csv:1501:") && Catch::Contains("this row has 7 fields"));
  // Without the malformed row, the database's objection is the error.
  std::string good;
  for (int i = 1; i <= kRows; ++i)
    good += (i == 1 ? "nope" : "m") + std::string(",2021-Q") + std::to_string(i) + ",London,All,50,1\n";
  CHECK_THROWS_WITH(import_csv_bytes(db, "obs.csv", "metric_id,period,area,grp,value,source_id\n" + good, app),
                    Catch::StartsWith("obs.csv:2:1: the database rejected this row") && Catch::Contains("FOREIGN KEY"));
  CHECK(number(db, "SELECT count(*) FROM observations") == 0);
  CHECK(number(db, "SELECT count(*) FROM imports") == 0);
}

TEST_CASE("a ragged row after the first rows leaves a new table uncreated", "[import]") {
  Db db = fresh();
  std::string csv = "a,b\n";
  for (int i = 1; i <= kRows; ++i) csv += std::to_string(i) + (i == 2999 ? ",2,3\n" : ",2\n");
  CHECK_THROWS_WITH(import_csv_bytes(db, "r.csv", csv, opts("r")),
                    Catch::StartsWith("r.csv:3000:8: this row has 3 fields but the header has 2"));
  CHECK_FALSE(db.table_exists("r"));
  CHECK(number(db, "SELECT count(*) FROM imports") == 0);
}
