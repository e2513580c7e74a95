#include <catch2/catch.hpp>

#include <sstream>

#include "data/csv_import.hpp"
#include "data/export.hpp"
#include "data/migrations.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

TEST_CASE("CSV export quotes what needs quoting and writes NULL as empty", "[export]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (a, b, c); INSERT INTO t VALUES ('x,y', 'say \"hi\"', NULL), (1, 2.5, '')");
  std::ostringstream out;
  CHECK(export_table(db, "t", ExportFormat::Csv, out) == 2);
  CHECK(out.str() == "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\r\n1,2.5,\"\"\r\n");
}

TEST_CASE("JSON export gives an array of objects with typed values", "[export]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (a, b); INSERT INTO t VALUES (1, 'q\"'), (NULL, 0.5)");
  std::ostringstream out;
  export_query(db, "SELECT a, b FROM t", ExportFormat::Json, out);
  CHECK(out.str() == "[\n  {\"a\": 1, \"b\": \"q\\\"\"},\n  {\"a\": null, \"b\": 0.5}\n]\n");
}

TEST_CASE("export refuses statements that write", "[export]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (a)");
  std::ostringstream out;
  CHECK_THROWS_WITH(export_query(db, "DELETE FROM t", ExportFormat::Csv, out), Catch::Contains("read-only"));
  CHECK_THROWS_WITH(export_table(db, "nope", ExportFormat::Csv, out), Catch::Contains("no table"));
}

TEST_CASE("an exported real CSV re-imports to the same rows", "[export][real]") {
  Db db = Db::open_memory();
  migrate(db);
  ImportOptions o;
  o.table = "sas";
  import_csv(db, gbtest::real_data("2016-06-metropolitan-stop-and-search.csv"), o);
  std::ostringstream out;
  export_table(db, "sas", ExportFormat::Csv, out);
  o.table = "sas2";
  import_csv_bytes(db, "export.csv", out.str(), o);
  Statement diff = db.prepare("SELECT (SELECT count(*) FROM (SELECT * FROM sas EXCEPT SELECT * FROM sas2)) + "
                              "(SELECT count(*) FROM (SELECT * FROM sas2 EXCEPT SELECT * FROM sas)), "
                              "(SELECT count(*) FROM sas2)");
  diff.step();
  CHECK(diff.column_int(0) == 0);
  CHECK(diff.column_int(1) == 10490);
}
