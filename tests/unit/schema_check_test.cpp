// The schema a governance database should have (data/schema_check.hpp):
// planted triggers never run with the program's writes, tables named like
// SQLite's table functions cannot be made and cannot break the program when
// a hostile file already has them, and `drop` removes what govbench did not
// make (issue 16, findings 3 and 5, and session tables from finding 10).
#include "data/schema_check.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "data/csv_import.hpp"
#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/sessions.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {

using gbtest::number;
using gbtest::text;

// Plants SQL in the file the way another program would: a plain connection,
// no guard.
void plant(const std::filesystem::path& p, const std::string& sql) {
  Db raw = Db::open(p, OpenMode::ReadWrite);
  raw.exec(sql);
}

ImportOptions into(const std::string& table, ImportMode mode = ImportMode::Create) {
  ImportOptions o;
  o.table = table;
  o.mode = mode;
  return o;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

constexpr const char* kAuditCleanup =
    "CREATE TRIGGER audit_cleanup AFTER INSERT ON audit_log WHEN NEW.action = 'import' "
    "BEGIN DELETE FROM audit_log WHERE id = NEW.id; END";

}  // namespace

TEST_CASE("a fresh database holds exactly what the migrations make", "[schema]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadOnly);
  CHECK(inspect_schema(db).empty());
  CHECK(untrusted_triggers(db).empty());
  CHECK(expected_schema_objects().count("risk_register"));
  CHECK(expected_schema_objects().at("risk_register").type == "view");
}

TEST_CASE("names of SQLite's table functions and internal tables cannot be table names", "[schema]") {
  for (const char* bad : {"pragma_table_info", "PRAGMA_index_list", "pragma_anything", "json_each", "JSON_TREE",
                          "sqlite_stat1", "sqlite_anything", "dbstat", "fts5vocab"})
    CHECK(reserved_table_name(bad));
  for (const char* ok : {"observations_2021", "pragmatic", "json_data", "my_sqlite"})
    CHECK_FALSE(reserved_table_name(ok));

  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  for (const char* bad : {"pragma_table_info", "json_each"}) {
    const std::string why = error_of([&] { import_csv_bytes(db, "x.csv", "a,b\n1,2\n", into(bad)); });
    INFO(why);
    CHECK(why.find(std::string("table name '") + bad + "' cannot be used") != std::string::npos);
    CHECK_FALSE(db.table_exists(bad));
  }
}

TEST_CASE("a hostile file that already has json_each and pragma_table_info tables still works", "[schema]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  plant(path, "CREATE TABLE json_each(x); CREATE TABLE pragma_table_info(y); INSERT INTO json_each VALUES (1);");
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  // Schema reads, edits and their undo (JSON read back), sessions (JSON params).
  CHECK(db.column_names("risks").size() > 3);
  const EditResult r =
      record_assessment(db, AssessmentEdit{.risk_id = 10, .as_of = "2021-12-31", .likelihood = "H", .impact = "VH"});
  REQUIRE(r.changed());
  REQUIRE(undo_last_edit(db));
  CHECK(text(db, "SELECT likelihood FROM risk_assessments WHERE risk_id = 10 AND as_of = '2021-12-31'") == "VH");
  const std::int64_t s = create_session(db, {.title = "Panel", .board = "", .held_on = "2022-01-17", .attendees = {}});
  const std::int64_t item =
      add_agenda_item(db, s, {.view_id = "audit_panel.risks", .params = {{"as_of", "2021-12-31"}}});
  CHECK(agenda(db, s).at(0).params == Params{{"as_of", "2021-12-31"}});
  CHECK(add_record(db, item, RecordKind::Note, "noted") > 0);
  // Each is reported, and `drop` removes it.
  const auto found = inspect_schema(db);
  REQUIRE(found.size() == 2);
  CHECK(found[0].kind == SchemaFinding::Kind::Shadowing);
  CHECK(found[0].message().find("table 'json_each' cannot be a table's name") != std::string::npos);
  const DropResult d = drop_object(db, "json_each");
  CHECK(d.type == "table");
  CHECK(d.rows == 1);
  CHECK(std::filesystem::exists(d.backup));
  CHECK_FALSE(db.table_exists("json_each"));
  CHECK(text(db,
             "SELECT action || ' ' || tbl || ' ' || json_extract(before, '$.drop') FROM audit_log "
             "ORDER BY id DESC LIMIT 1") == "delete json_each table");
  drop_object(db, "pragma_table_info");
  CHECK(inspect_schema(db).empty());
}

TEST_CASE("a trigger planted on audit_log never runs with an import and is named", "[schema]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  plant(path, kAuditCleanup);
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  const auto found = inspect_schema(db);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message() ==
        "trigger 'audit_cleanup' on table 'audit_log' was not made by govbench's schema migrations");
  const std::int64_t audit_before = number(db, "SELECT count(*) FROM audit_log");
  const std::string why = error_of([&] { import_csv_bytes(db, "x.csv", "a,b\n1,2\n", into("fresh")); });
  INFO(why);
  CHECK(why.find("trigger 'audit_cleanup' on table 'audit_log' was not made by govbench's schema migrations") !=
        std::string::npos);
  CHECK(why.find("nothing was written") != std::string::npos);
  CHECK_FALSE(db.table_exists("fresh"));
  CHECK(number(db, "SELECT count(*) FROM audit_log") == audit_before);
  // Edits are refused the same way.
  CHECK_THROWS_WITH(
      record_assessment(db, AssessmentEdit{.risk_id = 10, .as_of = "2021-12-31", .likelihood = "H", .impact = "VH"}),
      Catch::Contains("trigger 'audit_cleanup'"));
  // Dropped (after a backup with the database's own mode), the import runs and is audited.
  ::chmod(path.c_str(), 0600);
  const DropResult d = drop_object(db, "audit_cleanup");
  CHECK(d.type == "trigger");
  struct stat st {};
  REQUIRE(::stat(d.backup.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  import_csv_bytes(db, "x.csv", "a,b\n1,2\n", into("fresh"));
  CHECK(number(db, "SELECT count(*) FROM audit_log WHERE action = 'import' AND tbl = 'fresh'") == 1);
}

TEST_CASE("a trigger planted after the database was opened is refused at the next write", "[schema]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  const std::int64_t s = create_session(db, {.title = "Panel", .board = "", .held_on = "2022-01-17", .attendees = {}});
  const std::int64_t item = add_agenda_item(db, s, {.view_id = "audit_panel.risks"});
  plant(path,
        "CREATE TRIGGER rewrite_minutes AFTER INSERT ON session_records BEGIN "
        "UPDATE session_records SET text = 'Nothing was agreed.' WHERE id = NEW.id; END");
  CHECK_THROWS_WITH(add_record(db, item, RecordKind::Decision, "The panel agreed to escalate risk 10"),
                    Catch::Contains("trigger 'rewrite_minutes' on table 'session_records'"));
  CHECK(number(db, "SELECT count(*) FROM session_records") == 0);
}

TEST_CASE("a changed schema view is reported and drop puts it back", "[schema]") {
  gbtest::TempDir dir;
  const auto path = gbtest::demo_copy(dir);
  const std::string original = [&] {
    Db db = open_governance_db(path, OpenMode::ReadOnly);
    return text(db, "SELECT count(*) FROM risk_register");
  }();
  plant(path, "DROP VIEW risk_register; CREATE VIEW risk_register AS SELECT * FROM risks WHERE 0");
  Db db = open_governance_db(path, OpenMode::ReadWrite);
  const auto found = inspect_schema(db);
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == SchemaFinding::Kind::Changed);
  CHECK(found[0].message() ==
        "view 'risk_register' is not as govbench's schema migrations made it (its SQL was changed)");
  const DropResult d = drop_object(db, "risk_register");
  CHECK(d.restored);
  CHECK(text(db, "SELECT count(*) FROM risk_register") == original);
  CHECK(inspect_schema(db).empty());
  // The schema's own objects are refused.
  CHECK_THROWS_WITH(drop_object(db, "risks"), Catch::Contains("is part of the governance schema"));
  CHECK_THROWS_WITH(drop_object(db, "risk_register"), Catch::Contains("is part of the governance schema"));
  CHECK_THROWS_WITH(drop_object(db, "no_such_thing"),
                    Catch::Contains("no table, view or trigger named 'no_such_thing'"));
}

TEST_CASE("session tables are written only by the session commands", "[schema]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadWrite);
  for (const char* t : {"sessions", "agenda_items", "session_records", "agenda_snapshots"}) {
    const std::string why = error_of([&] {
      import_csv_bytes(db, "x.csv", "id,item_id,kind,text\n1,1,note,backdated\n", into(t, ImportMode::Append));
    });
    INFO(why);
    CHECK(why.find("is written only by govbench itself") != std::string::npos);
  }
}
