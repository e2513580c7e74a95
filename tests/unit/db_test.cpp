#include <catch2/catch.hpp>

#include "data/db.hpp"
#include "support.hpp"

using namespace gb::data;

TEST_CASE("Statement binds, steps and reads every type", "[db]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n)");
  Statement ins = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
  ins.bind(1, 42).bind(2, 2.5).bind(3, "hello").bind(4, nullptr);
  ins.run();
  Statement q = db.prepare("SELECT i, r, s, n FROM t");
  REQUIRE(q.step());
  CHECK(q.column_int(0) == 42);
  CHECK(q.column_double(1) == 2.5);
  CHECK(q.column_text(2) == "hello");
  CHECK(q.column_is_null(3));
  CHECK(std::holds_alternative<std::monostate>(q.column_value(3)));
  CHECK_FALSE(q.step());
}

TEST_CASE("prepare reports SQL errors and refuses several statements", "[db]") {
  Db db = Db::open_memory();
  CHECK_THROWS_WITH(db.prepare("SELEC 1"), Catch::Contains("SQL error"));
  CHECK_THROWS_WITH(db.prepare("SELECT 1; SELECT 2"), Catch::Contains("only one statement"));
}

TEST_CASE("Transaction rolls back unless committed", "[db]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (x)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
  }
  Statement q = db.prepare("SELECT count(*) FROM t");
  q.step();
  CHECK(q.column_int(0) == 0);
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  q.reset();
  q.step();
  CHECK(q.column_int(0) == 1);
}

TEST_CASE("a file that is not SQLite is refused and left unchanged", "[db]") {
  gbtest::TempDir dir;
  const auto p = dir / "notes.db";
  const std::string bytes = "this is a text file, not a database\n";
  gbtest::write_file(p, bytes);
  CHECK_THROWS_WITH(Db::open(p, OpenMode::ReadWrite), Catch::Contains("not an SQLite database"));
  CHECK(gbtest::read_file(p) == bytes);
  CHECK_FALSE(std::filesystem::exists(dir / "notes.db-wal"));
}

TEST_CASE("a missing file is not created unless asked", "[db]") {
  gbtest::TempDir dir;
  CHECK_THROWS_WITH(Db::open(dir / "none.db", OpenMode::ReadWrite), Catch::Contains("no such file"));
  CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
  Db db = Db::open(dir / "new.db", OpenMode::Create);
  CHECK(std::filesystem::exists(dir / "new.db"));
}

TEST_CASE("a read-only connection cannot write", "[db]") {
  gbtest::TempDir dir;
  {
    Db db = Db::open(dir / "x.db", OpenMode::Create);
    db.exec("CREATE TABLE t (x)");
  }
  Db ro = Db::open(dir / "x.db", OpenMode::ReadOnly);
  CHECK_THROWS(ro.exec("INSERT INTO t VALUES (1)"));
}

TEST_CASE("quote_identifier doubles embedded quotes", "[db]") {
  CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
}
