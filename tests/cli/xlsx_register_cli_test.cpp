// import-register (issue 21): the demo register exported as a workbook,
// edited by another program (openpyxl), brought back: the dry run lists
// exactly the edits made, the real run records them (audited, undoable),
// and a mapping naming a column the sheet lacks changes nothing.
#include <catch2/catch.hpp>
#include <string>

#include "support.hpp"
#include "support/xlsx_fixture.hpp"

namespace {

std::string query(const std::string& db, const std::string& sql) {
  const auto r = gbtest::run_govbench({"export", "--db", db, "--sql", sql});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

const char* kEdit = R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Query']
for row in ws.iter_rows(min_row=2):
    ref = row[0].value
    if ref == 9: row[3].value = 'High'            # likelihood M -> H, as a word
    if ref == 4: row[5].value = 'Up'              # trend stable -> improving, through the value map
    if ref == 10: row[4].value = 'Very High'      # impact VH, written out: no change
    if ref == 3: row[2].value = 'Someone else'    # the owner: reported, not changed
wb.save(sys.argv[1])
)";

}  // namespace

TEST_CASE(
    "xlsx: import-register dry run lists the edits and the real run records them and a bad mapping changes nothing",
    "[xlsx][cli][register]") {
  if (!gbtest::have_openpyxl()) {
    WARN("SKIP: python3-openpyxl is not installed (apt-get install python3-openpyxl); the test did not run");
    return;
  }
  gbtest::TempDir dir;
  const std::string db = gbtest::demo_copy(dir).string();
  const std::string book = (dir / "register.xlsx").string(), map = (dir / "register.map").string();
  auto r = gbtest::run_govbench({"export", "--db", db, "--format", "xlsx", "-o", book, "--sql",
                                 "SELECT ref, name, owner, likelihood, impact, trend FROM risk_register ORDER BY ref"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string py;
  REQUIRE(gbtest::run_python(kEdit, {book}, &py) == 0);
  gbtest::write_file(map,
                     "# the register workbook\n"
                     "sheet = Query\n"
                     "as-of = 2022-03-31\n"
                     "column ref = ref\n"
                     "column name = name\n"
                     "column owner = owner\n"
                     "column likelihood = likelihood\n"
                     "column impact = impact\n"
                     "column trend = trend\n"
                     "value trend Up = improving\n");
  const std::string count_sql = "SELECT count(*) FROM risk_assessments";
  const std::string before = query(db, count_sql);
  const std::string audit_before = query(db, "SELECT count(*) FROM audit_log");

  std::string owner3 = query(db, "SELECT owner FROM risk_register WHERE ref = 3");
  owner3 = owner3.substr(7, owner3.size() - 9);  // "owner\r\n...\r\n"
  r = gbtest::run_govbench({"import-register", book, "--mapping", map, "--db", db, "--dry-run"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == book +
                     ", sheet 'Query' A1:F12: 11 rows; 2 risks change, 9 as in the register\n"
                     "  risk 4 PEOPLE (row 5): trend stable -> improving; a new assessment as at 2022-03-31\n"
                     "  risk 9 PUBLIC & LOCAL ENGAGEMENT (row 10): likelihood M -> H; a new assessment as at "
                     "2022-03-31\n"
                     "  note: risk 3 STANDARDS (row 4): owner is 'Someone else' in the workbook, '" +
                     owner3 +
                     "' in the register: not changed (import-register records positions only)\n"
                     "dry run: nothing was changed\n");
  CHECK(query(db, count_sql) == before);

  r = gbtest::run_govbench({"import-register", book, "--mapping", map, "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::EndsWith("recorded 2 assessments in one transaction, each in the audit log and the edit "
                                    "history (govbench undo takes back the latest)\n"));
  CHECK(query(db, "SELECT ref, likelihood, impact, trend, as_of FROM risk_register WHERE ref IN (4, 9) ORDER BY ref") ==
        "ref,likelihood,impact,trend,as_of\r\n4,H,M,improving,2022-03-31\r\n9,H,H,worsening,2022-03-31\r\n");
  CHECK(query(db, "SELECT count(*) FROM audit_log") != audit_before);
  r = gbtest::run_govbench({"history", "--db", db});
  CHECK_THAT(r.out, Catch::Contains("risk 9 PUBLIC & LOCAL ENGAGEMENT"));
  // Run again: nothing left to change.
  r = gbtest::run_govbench({"import-register", book, "--mapping", map, "--db", db, "--dry-run"});
  CHECK_THAT(r.out, Catch::Contains("0 risks change, 11 as in the register"));

  // A mapping naming a column the sheet does not have: refused, naming the
  // mapping's line, and nothing changes.
  const std::string after = query(db, count_sql);
  gbtest::write_file(map, "sheet = Query\ncolumn ref = ref\ncolumn likelihood = Likelihood (current)\n");
  r = gbtest::run_govbench({"import-register", book, "--mapping", map, "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err,
             Catch::StartsWith("govbench: import-register: " + map +
                               ":3: column 'Likelihood (current)' (for likelihood) is not in sheet 'Query' of " + book +
                               "; its columns are 'ref', 'name', 'owner', 'likelihood', 'impact', "
                               "'trend'; nothing was changed"));
  CHECK(query(db, count_sql) == after);
  // A value that is no level names its cell.
  gbtest::write_file(map, "sheet = Query\ncolumn ref = ref\ncolumn trend = trend\n");
  r = gbtest::run_govbench({"import-register", book, "--mapping", map, "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(book + ": sheet 'Query', cell F5: 'Up' is not a trend"));
  CHECK(query(db, count_sql) == after);
}
