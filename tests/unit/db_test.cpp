#include "data/db.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

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

TEST_CASE("bind_borrowed stores the text as it was at the step, and clear_bindings drops it", "[db]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (s TEXT)");
  Statement ins = db.prepare("INSERT INTO t VALUES (?)");
  std::string buffer = "first";
  ins.bind_borrowed(1, buffer);
  ins.run();
  buffer = "later";  // the row already holds its own copy
  ins.reset();
  ins.clear_bindings();
  ins.run();  // no binding: NULL
  Statement q = db.prepare("SELECT s FROM t ORDER BY rowid");
  REQUIRE(q.step());
  CHECK(q.column_text(0) == "first");
  REQUIRE(q.step());
  CHECK(q.column_is_null(0));
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

TEST_CASE("prepare accepts trailing semicolons, white space and comments", "[db]") {
  Db db = Db::open_memory();
  for (const char* sql : {"SELECT 1;", "SELECT 1; -- the answer\n", "SELECT 1 /* one */ ;; \n", "SELECT 1 -- done"}) {
    INFO(sql);
    Statement st = db.prepare(sql);
    REQUIRE(st.step());
    CHECK(st.column_int(0) == 1);
  }
  CHECK_THROWS_WITH(db.prepare("SELECT 1; -- c\nSELECT 2"), Catch::Contains("only one statement"));
  CHECK_THROWS_WITH(db.prepare("SELECT 1; garbage"), Catch::Contains("only one statement"));
}

TEST_CASE("SQL text with a NUL byte is refused, not cut short", "[db]") {
  Db db = Db::open_memory();
  const std::string sql("CREATE TABLE a (x);\0CREATE TABLE b (x)", 38);
  CHECK_THROWS_WITH(db.exec(sql), Catch::Contains("NUL byte"));
  CHECK_FALSE(db.table_exists("a"));
  CHECK_THROWS_WITH(db.prepare(std::string("SELECT 1\0; DROP TABLE a", 23)), Catch::Contains("NUL byte"));
  // exec runs each statement before preparing the next, and ignores rows.
  db.exec("CREATE TABLE c (x); INSERT INTO c VALUES (1); SELECT * FROM c; -- done");
  Statement st = db.prepare("SELECT count(*) FROM c");
  st.step();
  CHECK(st.column_int(0) == 1);
}

TEST_CASE("Statement::read_only tells queries from writes", "[db]") {
  Db db = Db::open_memory();
  db.exec("CREATE TABLE t (x)");
  CHECK(db.prepare("SELECT * FROM t").read_only());
  CHECK_FALSE(db.prepare("DELETE FROM t").read_only());
}

TEST_CASE("names SQLite reads specially are refused", "[db]") {
  gbtest::TempDir dir;
  for (const char* name : {":memory:", ":x", "file:x.db", "FILE:x.db?mode=memory"}) {
    INFO(name);
    CHECK_THROWS_WITH(Db::open(name, OpenMode::Create),
                      Catch::Contains(std::string("cannot use '") + name + "'") && Catch::Contains("write ./"));
  }
  // A path that only contains such a name is an ordinary file.
  Db db = Db::open(dir / "file:y.db", OpenMode::Create);
  db.exec("CREATE TABLE t (x)");
  CHECK(std::filesystem::exists(dir / "file:y.db"));
}

TEST_CASE("BEGIN IMMEDIATE on a locked database says another program is using it", "[db]") {
  gbtest::TempDir dir;
  Db a = Db::open(dir / "x.db", OpenMode::Create);
  a.use_wal();
  a.exec("CREATE TABLE t (x)");
  Db b = Db::open(dir / "x.db", OpenMode::ReadWrite);
  sqlite3_busy_timeout(b.handle(), 10);
  Transaction hold(a);
  CHECK_THROWS_WITH(Transaction(b), Catch::Contains("another program is using the database"));
}

TEST_CASE("a second connection in one process keeps the first one's locks so no other program deletes the WAL under it",
          "[unit][db]") {
  gbtest::TempDir dir;
  const auto path = dir / "w.db";
  Db a = Db::open(path, OpenMode::Create);
  a.use_wal();
  a.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  // Another connection of this process opens and closes the file (the
  // window's packs and its team link do), then another program does.
  { Db b = Db::open(path, OpenMode::ReadOnly); }
  REQUIRE(gbtest::run_program({"sqlite3", path.string(), "SELECT count(*) FROM t"}).out == "1\n");
  // Had it taken the file for unused, it would have checkpointed and
  // deleted the WAL, and this write would go to a deleted file.
  a.exec("INSERT INTO t VALUES (2)");
  CHECK(std::filesystem::exists(path.string() + "-wal"));
  CHECK(gbtest::run_program({"sqlite3", path.string(), "SELECT count(*) FROM t"}).out == "2\n");
}
