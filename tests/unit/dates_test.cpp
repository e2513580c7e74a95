// Dates that do not exist (core/dates.hpp, schemas/006_real_dates.sql,
// data/real_dates.hpp): the shared check, the database's triggers on every
// date column, the upgrade of a database that already holds one, and the
// messages of the paths that write dates.
#include "core/dates.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "data/csv_import.hpp"
#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/real_dates.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {

using gbtest::number;

// As gbtest::text, but a query that returns no row fails the test: a
// "!= value" check must not pass on a missing row.
std::string text(Db& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_is_null(0) ? "NULL" : st.column_text(0);
}

// The message of the error `f` throws, with its location, or "" if none.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kImpossible[] = {"2022-02-30", "2023-04-31", "2023-02-29", "1900-02-29",
                                       "2022-06-31", "2021-11-31", "2022-02-31"};
constexpr const char* kReal[] = {"2024-02-29", "2000-02-29", "2022-02-28", "2023-04-30", "2022-12-31"};

// Turns a database at the latest schema back into one as govbench wrote it
// before schema 6 (which only added the triggers), so impossible dates can
// be stored the way they used to be.
void downgrade_to_5(Db& db) {
  std::vector<std::string> names;
  {
    Statement st = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%real_date%'");
    while (st.step()) names.push_back(st.column_text(0));
  }
  REQUIRE(!names.empty());
  for (const auto& n : names) db.exec("DROP TRIGGER " + quote_identifier(n));
  // 008's redo column, so that the upgrade can add it again.
  db.exec("DROP INDEX idx_edits_redo_of");
  db.exec("ALTER TABLE edits DROP COLUMN redo_of");
  db.exec("PRAGMA user_version = 5");
}

}  // namespace

TEST_CASE("is_real_date knows the calendar, leap years included", "[dates]") {
  for (const char* d : kReal) CHECK(is_real_date(d));
  for (const char* d : kImpossible) CHECK_FALSE(is_real_date(d));
  for (const char* d : {"2022-13-01", "2022-00-10", "2022-01-00", "2022-1-01", "22-01-01", "2022/01/01", "2022-01-01 ",
                        " 2022-01-01", "2022-01-1x", "", "2022-01-01T00:00"})
    CHECK_FALSE(is_real_date(d));
  CHECK(is_real_date("2150-01-01"));
  CHECK_FALSE(is_real_date("2150-01-01", 1900, 2100));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2400, 2) == 29);
  CHECK(days_in_month(2023, 13) == 0);
}

TEST_CASE("the schema's date columns are all found, and each has its two triggers", "[dates][schema]") {
  Db db = Db::open_memory();
  migrate(db);
  const auto cols = date_columns(db);
  // The 20 date columns of schema 6; a new one makes this grow, never shrink.
  CHECK(cols.size() >= 20);
  for (const DateColumn& want :
       {DateColumn{"sources", "published"}, DateColumn{"risk_assessments", "as_of"},
        DateColumn{"improvement_actions", "update_as_of"}, DateColumn{"observations", "period_end"},
        DateColumn{"sessions", "held_on"}, DateColumn{"scenarios", "as_of"}, DateColumn{"risk_scores", "as_of"},
        DateColumn{"audit_recommendations", "due"}})
    CHECK(std::find(cols.begin(), cols.end(), want) != cols.end());
  // Not dates: timestamps, quarters and period labels.
  for (const DateColumn& not_date : {DateColumn{"audit_log", "at"}, DateColumn{"control_progress", "period"},
                                     DateColumn{"observations", "period"}, DateColumn{"sessions", "created_at"}})
    CHECK(std::find(cols.begin(), cols.end(), not_date) == cols.end());

  for (const auto& c : cols) {
    INFO(c.table << "." << c.column);
    Statement st =
        db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND name = ?");
    for (const char* when : {"insert", "update"}) {
      st.reset();
      st.bind(1, c.table).bind(2, c.table + "_" + c.column + "_real_date_" + when);
      REQUIRE(st.step());
      CHECK(st.column_int(0) == 1);
    }
  }
}

TEST_CASE("every date column refuses an impossible date on insert and on update", "[dates][schema]") {
  Db db = Db::open_memory();
  migrate(db);
  const auto cols = date_columns(db);
  REQUIRE(cols.size() >= 20);
  for (const auto& c : cols) {
    INFO(c.table << "." << c.column);
    const std::string t = quote_identifier(c.table), col = quote_identifier(c.column);
    const std::string expected = c.table + "." + c.column + ": not a real date written YYYY-MM-DD";

    // INSERT: the trigger fires before any other constraint is looked at.
    for (const char* bad : kImpossible) {
      INFO(bad);
      CHECK(error_of([&] { db.exec("INSERT INTO " + t + " (" + col + ") VALUES ('" + bad + "')"); }) == expected);
    }
    CHECK(error_of([&] { db.exec("INSERT INTO " + t + " (" + col + ") VALUES ('yesterday')"); }) == expected);

    // UPDATE: a row is needed. Write one, and update it, with the other
    // CHECKs and the foreign keys off (only this column's triggers are
    // under test: period_start <= period_end is not), every NOT NULL
    // column filled, every date a real one.
    db.exec("PRAGMA foreign_keys = OFF");
    db.exec("PRAGMA ignore_check_constraints = ON");
    std::string names, values;
    {
      Statement info = db.prepare("SELECT name, type, \"notnull\", dflt_value IS NULL, pk FROM pragma_table_info(?)");
      info.bind(1, c.table);
      const auto all = date_columns(db);
      while (info.step()) {
        const std::string name = info.column_text(0), type = info.column_text(1);
        const bool is_date = std::find(all.begin(), all.end(), DateColumn{c.table, name}) != all.end();
        if (!is_date && !(info.column_int(2) && info.column_int(3) && !info.column_int(4))) continue;
        names += (names.empty() ? "" : ", ") + quote_identifier(name);
        values += values.empty() ? "" : ", ";
        values += is_date ? "'2022-01-31'" : type == "INTEGER" ? "1" : type == "REAL" ? "1.0" : "'x'";
      }
    }
    db.exec("INSERT INTO " + t + " (" + names + ") VALUES (" + values + ")");
    const std::int64_t row = db.last_insert_rowid();
    const std::string where = " WHERE rowid = " + std::to_string(row);
    for (const char* bad : kImpossible) {
      INFO(bad);
      CHECK(error_of([&] { db.exec("UPDATE " + t + " SET " + col + " = '" + bad + "'" + where); }) == expected);
    }
    CHECK(text(db, "SELECT " + col + " FROM " + t + where) == "2022-01-31");
    for (const char* good : kReal) {
      INFO(good);
      CHECK(error_of([&] { db.exec("UPDATE " + t + " SET " + col + " = '" + good + "'" + where); }) == "");
    }
    CHECK(text(db, "SELECT " + col + " FROM " + t + where) == "2022-12-31");
    db.exec("DELETE FROM " + t + where);
    db.exec("PRAGMA ignore_check_constraints = OFF");
    db.exec("PRAGMA foreign_keys = ON");
  }
}

TEST_CASE("the upgrade keeps an impossible date already stored, refuses new ones, and check reports it",
          "[dates][migrations]") {
  gbtest::TempDir dir;
  const auto p = gbtest::demo_copy(dir);
  std::int64_t source_id = 0, action_id = 0;
  {
    Db db = Db::open(p, OpenMode::ReadWrite);
    downgrade_to_5(db);
    // As an older govbench let them in: a risk review dated 31 April.
    source_id = number(db, "SELECT min(id) FROM sources WHERE published IS NOT NULL");
    db.exec("UPDATE sources SET published = '2023-04-31' WHERE id = " + std::to_string(source_id));
    action_id = number(db, "SELECT min(id) FROM improvement_actions");
    db.exec("UPDATE improvement_actions SET due = '2022-02-30' WHERE id = " + std::to_string(action_id));
  }

  MigrationReport r;
  {
    Db db = open_governance_db(p, OpenMode::ReadWrite, &r);
    CHECK(r.from == 5);
    CHECK(r.to == latest_schema_version());
    CHECK(r.backup);
    // Kept exactly as they were.
    CHECK(text(db, "SELECT published FROM sources WHERE id = " + std::to_string(source_id)) == "2023-04-31");
    CHECK(text(db, "SELECT due FROM improvement_actions WHERE id = " + std::to_string(action_id)) == "2022-02-30");

    const auto report = find_impossible_dates(db);
    REQUIRE(report.total == 2);
    REQUIRE(report.found.size() == 2);
    CHECK(report.found[0].table == "improvement_actions");
    CHECK(report.found[0].row_id == action_id);
    CHECK(report.found[0].column == "due");
    CHECK(report.found[0].value == "2022-02-30");
    CHECK(report.found[1].table == "sources");
    CHECK(report.found[1].row_id == source_id);
    CHECK(report.found[1].value == "2023-04-31");

    // Other fields of such a row can still be edited, and undone (undo
    // writes every column back, the stored date included)...
    set_improvement_action(db, {.action_id = action_id, .status = "complete"});
    CHECK(text(db, "SELECT status FROM improvement_actions WHERE id = " + std::to_string(action_id)) == "complete");
    CHECK(text(db, "SELECT due FROM improvement_actions WHERE id = " + std::to_string(action_id)) == "2022-02-30");
    REQUIRE(undo_last_edit(db));
    CHECK(text(db, "SELECT status FROM improvement_actions WHERE id = " + std::to_string(action_id)) != "complete");
    // ...but a new impossible date is refused and a real one accepted.
    CHECK_THROWS_WITH(db.exec("UPDATE sources SET published = '2023-02-29' WHERE id = " + std::to_string(source_id)),
                      "sources.published: not a real date written YYYY-MM-DD");
    db.exec("UPDATE improvement_actions SET due = '2022-02-28' WHERE id = " + std::to_string(action_id));
    CHECK(find_impossible_dates(db).total == 1);
  }

  // govbench check --db names table, row id, column and value, and fails.
  auto out = gbtest::run_govbench({"check", "--db", p.string()});
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.out, Catch::Contains("FAILED  database " + p.string()));
  CHECK_THAT(out.out, Catch::Contains("  sources row " + std::to_string(source_id) +
                                      ": published '2023-04-31' is not a real date"));
  CHECK_THAT(out.out, !Catch::Contains("improvement_actions row"));
  CHECK_THAT(out.out, Catch::Contains(" and the database"));
  // It only reads: the database still holds the date.
  {
    Db db = open_governance_db(p, OpenMode::ReadOnly);
    CHECK(text(db, "SELECT published FROM sources WHERE id = " + std::to_string(source_id)) == "2023-04-31");
  }
}

TEST_CASE("check --db passes a database whose dates are all real, and reads an old schema without upgrading it",
          "[dates]") {
  gbtest::TempDir dir;
  const auto p = gbtest::demo_copy(dir);
  auto out = gbtest::run_govbench({"check", "--db", p.string()});
  INFO(out.out << out.err);
  CHECK(out.exit_code == 0);
  CHECK_THAT(out.out, Catch::Contains("ok      database " + p.string() + " (20 date columns, every date real)"));

  {
    Db db = Db::open(p, OpenMode::ReadWrite);
    downgrade_to_5(db);
    db.exec("UPDATE meetings SET held_on = '2021-09-31' WHERE id = (SELECT min(id) FROM meetings)");
  }
  out = gbtest::run_govbench({"check", "--db", p.string()});
  CHECK(out.exit_code == 1);
  CHECK_THAT(out.out, Catch::Contains(": held_on '2021-09-31' is not a real date"));
  Db db = Db::open(p, OpenMode::ReadOnly);
  CHECK(db.user_version() == 5);  // check never upgrades
}

TEST_CASE("check names a hostile stored value without passing its control bytes to the terminal", "[dates]") {
  Db db = Db::open_memory();
  migrate(db);
  db.exec("PRAGMA ignore_check_constraints = ON");
  db.exec("PRAGMA foreign_keys = OFF");
  db.exec("DROP TRIGGER meetings_held_on_real_date_insert");
  for (const char* v : {"char(27) || '[31m2022-02-30'", "x'0102'", "20220101"})
    db.exec(std::string("INSERT INTO meetings (board_id, held_on, source_id) VALUES (1, ") + v + ", 1)");
  const auto r = find_impossible_dates(db);
  REQUIRE(r.found.size() == 3);
  CHECK(r.found[0].value == "\\x1b[31m2022-02-30");
  CHECK(r.found[1].value == "(2-byte BLOB)");
  CHECK(r.found[2].value == "20220101");  // a TEXT column stores the number as text
  CHECK(find_impossible_dates(db, 1).found.size() == 1);
  CHECK(find_impossible_dates(db, 1).total == 3);
  // Any table that declares a date column is read, whatever its column types.
  db.exec("CREATE TABLE odd (\"a b\" CHECK (date(\"a b\") IS \"a b\"), d CHECK ( DATE( d )  IS  d ))");
  db.exec("INSERT INTO odd VALUES (NULL, 20220101)");
  const auto cols = date_columns(db);
  CHECK(std::find(cols.begin(), cols.end(), DateColumn{"odd", "a b"}) != cols.end());
  CHECK(std::find(cols.begin(), cols.end(), DateColumn{"odd", "d"}) != cols.end());
  const auto odd = find_impossible_dates(db);
  REQUIRE(odd.total == 4);
  CHECK(odd.found[3].table == "odd");
  CHECK(odd.found[3].column == "d");
  CHECK(odd.found[3].value == "20220101 (INTEGER)");
}

TEST_CASE("migration 6 is all or nothing", "[dates][migrations]") {
  gbtest::TempDir dir;
  const auto p = dir / "old.db";
  {
    Db db = Db::open(p, OpenMode::Create);
    migrate(db);
    downgrade_to_5(db);
    // Something in the way of the migration's last trigger.
    db.exec("CREATE TRIGGER scenarios_as_of_real_date_update AFTER UPDATE ON scenarios BEGIN SELECT 1; END");
  }
  CHECK_THROWS_WITH(
      open_governance_db(p, OpenMode::ReadWrite),
      Catch::Contains("schema migration 006_real_dates.sql failed") && Catch::Contains("left at version 5"));
  Db db = Db::open(p, OpenMode::ReadOnly);
  CHECK(db.user_version() == 5);
  CHECK(number(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") == 1);
}

TEST_CASE("importing an impossible date into a dated table names the file, line and column", "[dates][import]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadWrite);
  const std::int64_t before = number(db, "SELECT count(*) FROM sources");
  ImportOptions o;
  o.table = "sources";
  o.mode = ImportMode::Append;
  const std::string csv =
      "kind,document,published\n"
      "manual,Risk review,2023-04-30\n"
      "manual,Risk review,2023-04-31\n";
  CHECK(error_of([&] { import_csv_bytes(db, "reviews.csv", csv, o); }) ==
        "reviews.csv:3:1: the database rejected this row: sources.published: not a real date written YYYY-MM-DD");
  CHECK(number(db, "SELECT count(*) FROM sources") == before);  // not even the good row
  CHECK(number(db, "SELECT count(*) FROM imports") == 0);

  import_csv_bytes(db, "reviews.csv", "kind,document,published\nmanual,Leap day review,2024-02-29\n", o);
  CHECK(number(db, "SELECT count(*) FROM sources WHERE published = '2024-02-29'") == 1);

  // A new table made by an import is the importer's own: its dates are text.
  o.table = "my_dates";
  o.mode = ImportMode::Create;
  CHECK(import_csv_bytes(db, "mine.csv", "d\n2023-02-29\n", o).rows == 1);
}

TEST_CASE("edits name the field of an impossible date before the database is asked", "[dates][edits]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadWrite);
  const std::int64_t edits = number(db, "SELECT count(*) FROM edits");
  CHECK(error_of([&] {
          record_assessment(db, {.risk_id = 10, .as_of = "2023-02-29", .likelihood = "H", .impact = "H"});
        }) == "as_of must be a real date written YYYY-MM-DD, between 1900 and 2100 (got '2023-02-29')");
  CHECK(error_of([&] { set_improvement_action(db, {.action_id = 1, .update_as_of = "2023-04-31"}); }) ==
        "update_as_of must be a real date written YYYY-MM-DD, between 1900 and 2100 (got '2023-04-31')");
  CHECK(number(db, "SELECT count(*) FROM edits") == edits);
  // A leap day is a real date.
  record_assessment(db, {.risk_id = 10, .as_of = "2024-02-29", .likelihood = "H", .impact = "H"});
  CHECK(number(db, "SELECT count(*) FROM risk_assessments WHERE as_of = '2024-02-29'") == 1);
}

TEST_CASE("an --as-of that is not a real date is refused before anything is evaluated or stored", "[dates][cli]") {
  gbtest::TempDir dir;
  const std::string db = gbtest::demo_copy(dir).string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"eval", "--db", db, "--as-of", "2023-02-29", "--store"},
        std::vector<std::string>{"score", "--db", db, "--as-of", "2023-02-29", "--store"},
        std::vector<std::string>{"scenario", "new", "leap", "--db", db, "--as-of", "2023-02-29"}}) {
    INFO(args[0]);
    const auto r = gbtest::run_govbench(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err,
               Catch::Contains("--as-of must be a real date written YYYY-MM-DD, like 2021-12-31 (got '2023-02-29')"));
  }
  Db d = open_governance_db(db, OpenMode::ReadOnly);
  CHECK(number(d, "SELECT count(*) FROM indicator_results") == 0);
  CHECK(number(d, "SELECT count(*) FROM risk_scores") == 0);
  CHECK(number(d, "SELECT count(*) FROM scenarios") == 0);
  const auto ok = gbtest::run_govbench({"score", "--db", db, "--as-of", "2024-02-29", "--store"});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(number(d, "SELECT count(*) FROM risk_scores") > 0);  // as_of there is the assessment's date
}
