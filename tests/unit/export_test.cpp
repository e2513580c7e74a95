#include "data/export.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "data/csv_import.hpp"
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
  Statement diff = db.prepare(
      "SELECT (SELECT count(*) FROM (SELECT * FROM sas EXCEPT SELECT * FROM sas2)) + "
      "(SELECT count(*) FROM (SELECT * FROM sas2 EXCEPT SELECT * FROM sas)), "
      "(SELECT count(*) FROM sas2)");
  diff.step();
  CHECK(diff.column_int(0) == 0);
  CHECK(diff.column_int(1) == 10490);
}

TEST_CASE("CSV export quotes text that would not read back as the same text", "[export]") {
  Db db = Db::open_memory();
  db.exec(
      "CREATE TABLE t (v); INSERT INTO t VALUES ('123'), ('1.5'), ('-4'), ('007'), ('n/a'), (' x'), ('x\t'), "
      "('plain'), (123), (1.5)");
  std::ostringstream out;
  export_table(db, "t", ExportFormat::Csv, out);
  CHECK(out.str() ==
        "v\r\n\"123\"\r\n\"1.5\"\r\n\"-4\"\r\n007\r\n\"n/a\"\r\n\" x\"\r\n\"x\t\"\r\nplain\r\n123\r\n1.5\r\n");
}

TEST_CASE("export then import gives back the same rows and types", "[export]") {
  Db db = Db::open_memory();
  migrate(db);
  db.exec(R"(CREATE TABLE src (t TEXT, i INTEGER, r REAL);
             INSERT INTO src VALUES
               ('', 1, 1.5), (' ', -2, 0.1), ('N/A', NULL, 1e300), ('n/a', 3, -2.5), ('123', 4, 2.0),
               (NULL, 5, NULL), ('two' || char(10) || 'lines', 6, 51.455989), ('say "hi", then go', 7, -0.043536),
               ('007', 8, 3.0), ('  padded  ', 9, 1e-7), ('1.5', 10, 100.0), ('cr' || char(13), 11, 0.5);
             CREATE TABLE one (v TEXT);
             INSERT INTO one VALUES (NULL), ('x'), (''), (NULL), (' '), (NULL);)");
  for (const std::string table : {"src", "one"}) {
    INFO(table);
    std::ostringstream out;
    export_table(db, table, ExportFormat::Csv, out);
    ImportOptions o;
    o.table = table + "_back";
    import_csv_bytes(db, "export.csv", out.str(), o);
    const std::string cols = table == "src" ? "t, typeof(t), i, typeof(i), r, typeof(r)" : "v, typeof(v)";
    const std::string a = "SELECT rowid, " + cols + " FROM " + table;
    const std::string b = "SELECT rowid, " + cols + " FROM " + table + "_back";
    Statement diff = db.prepare("SELECT (SELECT count(*) FROM (" + a + " EXCEPT " + b + ")) + (SELECT count(*) FROM (" +
                                b + " EXCEPT " + a + ")), (SELECT count(*) FROM " + table +
                                "), (SELECT count(*) FROM " + table + "_back)");
    REQUIRE(diff.step());
    CHECK(diff.column_int(0) == 0);
    CHECK(diff.column_int(1) == diff.column_int(2));
  }
}

TEST_CASE("BLOBs export as hex text and infinities as inf in CSV and null in JSON", "[export]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (b, r); INSERT INTO t VALUES (x'00ff41', 1e999), (x'', -1e999)");
  std::ostringstream csv;
  export_table(db, "t", ExportFormat::Csv, csv);
  CHECK(csv.str() == "b,r\r\n\\x00ff41,inf\r\n\\x,-inf\r\n");
  std::ostringstream json;
  export_table(db, "t", ExportFormat::Json, json);
  CHECK(json.str() == "[\n  {\"b\": \"\\\\x00ff41\", \"r\": null},\n  {\"b\": \"\\\\x\", \"r\": null}\n]\n");
}
