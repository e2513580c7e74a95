// data/describe: a table's columns with counts and examples, on ordinary
// and hostile databases.
#include "data/describe.hpp"

#include <catch2/catch.hpp>

#include "data/migrations.hpp"

using namespace gb;
using namespace gb::data;

namespace {
Db fresh() {
  Db db = Db::open_memory();
  migrate(db);
  return db;
}
std::string message_of(Db& db, const std::string& table) {
  try {
    describe_table(db, table);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("describe gives each column's declared type, non-null and distinct counts and examples", "[describe]") {
  Db db = fresh();
  db.exec("CREATE TABLE t (n INTEGER, x REAL, label TEXT, empty_col TEXT, loose)");
  db.exec(
      "INSERT INTO t VALUES (1, 2.5, 'a', NULL, 'z'), (1, NULL, 'b', NULL, 3), (2, 4.0, 'a', NULL, NULL), "
      "(3, 4.0, 'c', NULL, NULL), (4, 1.0, 'd', NULL, NULL)");
  const auto d = describe_table(db, "t");
  CHECK(d.table == "t");
  CHECK_FALSE(d.is_view);
  CHECK(d.rows == 5);
  REQUIRE(d.columns.size() == 5);
  CHECK(d.columns[0].name == "n");
  CHECK(d.columns[0].declared_type == "INTEGER");
  CHECK(d.columns[0].non_null == 5);
  CHECK(d.columns[0].distinct == 4);
  CHECK(d.columns[0].examples == std::vector<Value>{std::int64_t{1}, std::int64_t{2}, std::int64_t{3}});
  CHECK(d.columns[1].non_null == 4);
  CHECK(d.columns[1].distinct == 3);
  CHECK(d.columns[1].examples == std::vector<Value>{2.5, 4.0, 1.0});
  CHECK(d.columns[2].examples == std::vector<Value>{std::string("a"), std::string("b"), std::string("c")});
  CHECK(d.columns[3].non_null == 0);
  CHECK(d.columns[3].distinct == 0);
  CHECK(d.columns[3].examples.empty());
  CHECK(d.columns[4].declared_type.empty());
  CHECK(d.columns[4].examples == std::vector<Value>{std::string("z"), std::int64_t{3}});

  const std::string text = describe_text(d);
  CHECK_THAT(text, Catch::StartsWith("table t: 5 rows, 5 columns\n"));
  CHECK_THAT(text, Catch::Contains("1  n\n   INTEGER, 5 non-null, 4 distinct\n   e.g. 1, 2, 3\n"));
  CHECK_THAT(text, Catch::Contains("e.g. 'a', 'b', 'c'"));
  CHECK_THAT(text, Catch::Contains("5  loose\n   (no type), 2 non-null, 2 distinct\n   e.g. 'z', 3\n"));
  const std::string json = describe_json(d);
  CHECK_THAT(json, Catch::StartsWith("{\"table\": \"t\", \"kind\": \"table\", \"rows\": 5, \"columns\": ["));
  CHECK_THAT(json, Catch::Contains("{\"name\": \"x\", \"type\": \"REAL\", \"non_null\": 4, \"distinct\": 3, "
                                   "\"examples\": [2.5, 4.0, 1.0]}"));
}

TEST_CASE("describe matches the table name without regard to case and describes views", "[describe]") {
  Db db = fresh();
  db.exec("CREATE TABLE Mixed (a); INSERT INTO Mixed VALUES (1); CREATE VIEW v AS SELECT a * 2 AS twice FROM Mixed");
  CHECK(describe_table(db, "mixed").table == "Mixed");
  const auto v = describe_table(db, "v");
  CHECK(v.is_view);
  REQUIRE(v.columns.size() == 1);
  CHECK(v.columns[0].name == "twice");
  CHECK(v.columns[0].examples == std::vector<Value>{std::int64_t{2}});
}

TEST_CASE("describe of a missing table names the nearest tables or lists them", "[describe]") {
  Db db = Db::open_memory();
  CHECK(message_of(db, "x") == "no table 'x': the database has no tables");
  db.exec("CREATE TABLE pas_neighbourhood_groups (a); CREATE TABLE risks (b); CREATE TABLE stop_search (c)");
  CHECK(message_of(db, "pas_neighborhood_groups") ==
        "no table 'pas_neighborhood_groups'; did you mean "
        "'pas_neighbourhood_groups'?");
  CHECK(message_of(db, "pas") == "no table 'pas'; did you mean 'pas_neighbourhood_groups'?");
  CHECK(message_of(db, "zzzzzzzz") ==
        "no table 'zzzzzzzz'; the tables are 'pas_neighbourhood_groups', 'risks', 'stop_search'");
  // An empty name, a name with a quote, a control character: named safely.
  CHECK_THAT(message_of(db, "a\"b';\x1b[2J"), Catch::StartsWith("no table 'a\"b';\xEF\xBF\xBD[2J'"));
  // The governance schema's many tables: the nearest, or a pointer to the list.
  Db gov = fresh();
  CHECK_THAT(message_of(gov, "risk"), Catch::Contains("did you mean 'risks'"));
  CHECK_THAT(message_of(gov, "qqqqqqqqqqqqqqq"), Catch::EndsWith("tables; 'govbench tables' lists them)"));
}

TEST_CASE("describe copes with hostile names and values", "[describe]") {
  Db db = Db::open_memory();
  db.exec(R"(CREATE TABLE "we""ird ]`name" ("col ""quoted""" TEXT, "a;DROP TABLE x" INTEGER, "" TEXT, blobs BLOB))");
  db.exec(R"(INSERT INTO "we""ird ]`name" VALUES ('line1
line2	tab', 1, 'e', x'00ff'), (NULL, 2, NULL, NULL))");
  // A huge value, invalid UTF-8 and a terminal escape.
  {
    Statement st = db.prepare(R"(INSERT INTO "we""ird ]`name" VALUES (?, 3, ?, NULL))");
    st.bind(1, std::string(5'000'000, 'x'));
    st.bind(2, std::string("bad \xff\xfe utf8 \x1b[31m red"));
    st.run();
  }
  const auto d = describe_table(db, "WE\"IRD ]`NAME");
  CHECK(d.table == "we\"ird ]`name");
  CHECK(d.rows == 3);
  REQUIRE(d.columns.size() == 4);
  CHECK(d.columns[0].name == "col \"quoted\"");
  CHECK(d.columns[0].non_null == 2);
  REQUIRE(d.columns[0].examples.size() == 2);
  CHECK(std::get<std::string>(d.columns[0].examples[0]) == "line1 line2 tab");
  CHECK(std::get<std::string>(d.columns[0].examples[1]) == std::string(40, 'x') + "...");
  CHECK(d.columns[1].name == "a;DROP TABLE x");
  CHECK(d.columns[2].name.empty());
  REQUIRE(d.columns[2].examples.size() == 2);
  CHECK(std::get<std::string>(d.columns[2].examples[1]) == "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8 \xEF\xBF\xBD[31m red");
  CHECK(d.columns[3].examples == std::vector<Value>{std::string("<blob 2 bytes>")});
  // Both outputs are one value per line and hold no control characters.
  for (const std::string& out : {describe_text(d), describe_json(d)})
    for (char c : out) CHECK((c == '\n' || static_cast<unsigned char>(c) >= 0x20));
}

TEST_CASE("printable cuts on a character boundary and nearest_names ranks slips", "[describe]") {
  CHECK(printable("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC", 3) == "\xC3\xA9t\xC3\xA9...");
  CHECK(printable("abc", 3) == "abc");
  CHECK(printable("\xC3", 0) == "\xEF\xBF\xBD");
  CHECK(nearest_names("Blak", {"White British", "Black", "Asian", "Blackish"}) == std::vector<std::string>{"Black"});
  CHECK(nearest_names("x", {"abcdef"}).empty());
}
