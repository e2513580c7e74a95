// Workbooks on the command line (issue 21): workbooks made by other
// programs (python3-openpyxl, LibreOffice) import correctly; `sheets`
// lists them; hostile workbooks are refused at once with little memory;
// export and session export write workbooks.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "fault/child_process.hpp"
#include "support.hpp"
#include "support/xlsx_fixture.hpp"

namespace fs = std::filesystem;

namespace {

// A register as an analyst keeps it in Excel: two header rows (merged
// group names), dates, a formula (openpyxl keeps no value for it), a
// hidden row and column, a hidden sheet. openpyxl writes its strings
// inline; LibreOffice, saving the same workbook, writes shared strings.
const char* kMakeRegister = R"(
import sys, datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
path, path1904 = sys.argv[1], sys.argv[2]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Register'
ws['A1'] = 'Risk'; ws.merge_cells('A1:B1')
ws['C1'] = 'Position'; ws.merge_cells('C1:D1')
ws['E1'] = 'Review'
ws.append(['ref', 'name', 'likelihood', 'impact', 'due', 'score', 'owner'])
ws.append([10, 'LEGITIMACY', 4, 4, datetime.date(2021, 12, 31), '=C3*D3', 'AC Met Ops'])
ws.append([4, 'DATA QUALITY', 2, 3, datetime.date(2022, 3, 31), '=C4*D4', 'Director'])
ws.append([7, 'hidden row', 1, 1, datetime.datetime(2022, 6, 30, 9, 30), '=C5*D5', 'x'])
ws.append([])
ws.append([])
ws.row_dimensions[5].hidden = True
ws.column_dimensions['G'].hidden = True
notes = wb.create_sheet('Notes')
notes['A1'] = 'kept out'
notes.sheet_state = 'hidden'
wb.save(path)
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
wb.active.append(['when'])
wb.active.append([datetime.date(2021, 12, 31)])
wb.save(path1904)
)";

std::string export_csv(const std::string& db, const std::string& sql) {
  const auto r = gbtest::run_govbench({"export", "--db", db, "--sql", sql});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("xlsx: workbooks made by openpyxl and LibreOffice import correctly", "[xlsx][cli]") {
  if (!gbtest::have_openpyxl()) {
    WARN("SKIP: python3-openpyxl is not installed (apt-get install python3-openpyxl); the test did not run");
    return;
  }
  gbtest::TempDir dir;
  const auto book = dir / "register.xlsx", book1904 = dir / "mac.xlsx";
  std::string py;
  REQUIRE(gbtest::run_python(kMakeRegister, {book.string(), book1904.string()}, &py) == 0);
  const std::string db = (dir / "g.db").string();

  auto r = gbtest::run_govbench({"sheets", book.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == book.string() +
                     ": 2 sheets\n  1  Register  A1:G5  (5 rows, 7 columns)  2 merged  1 hidden rows  1 hidden "
                     "columns\n  2  Notes  A1  (1 rows, 1 columns)  hidden sheet\n");

  r = gbtest::run_govbench({"import", book.string(), "--db", db, "--table", "reg", "--header-rows", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "imported 3 rows into reg (7 columns, from sheet 'Register' A1:G5)\n");
  CHECK_THAT(r.err, Catch::Contains("hidden rows kept: 5"));
  CHECK_THAT(r.err, Catch::Contains("hidden columns kept: G"));
  CHECK_THAT(r.err, Catch::Contains("warning: formulas without a cached value, imported as empty (NULL): F3, F4, F5"));
  CHECK(export_csv(db, "SELECT * FROM reg") ==
        "Risk | ref,Risk | name,Position | likelihood,Position | impact,Review | due,score,owner\r\n"
        "10,LEGITIMACY,4,4,2021-12-31,,AC Met Ops\r\n"
        "4,DATA QUALITY,2,3,2022-03-31,,Director\r\n"
        "7,hidden row,1,1,2022-06-30 09:30:00,,x\r\n");
  CHECK(export_csv(db, "SELECT typeof(\"Risk | ref\"), typeof(\"Review | due\") FROM reg LIMIT 1") ==
        "\"typeof(\"\"Risk | ref\"\")\",\"typeof(\"\"Review | due\"\")\"\r\ninteger,text\r\n");

  r = gbtest::run_govbench({"import", book1904.string(), "--db", db, "--table", "mac"});
  REQUIRE(r.exit_code == 0);
  CHECK(export_csv(db, "SELECT * FROM mac") == "when\r\n2021-12-31\r\n");

  if (!gbtest::have_soffice()) {
    WARN("SKIP: LibreOffice (libreoffice-calc-nogui) is not installed; its workbook was not imported");
    return;
  }
  // LibreOffice saves the same workbook again: it computes the formulas
  // and keeps their values, writes its own styles and shared strings.
  const auto lo = dir / "lo";
  const auto conv = gbtest::run_program({"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(),
                                         "--headless", "--convert-to", "xlsx", "--outdir", lo.string(), book.string()},
                                        300);
  INFO(conv.out << conv.err);
  REQUIRE(fs::exists(lo / "register.xlsx"));
  r = gbtest::run_govbench({"import", (lo / "register.xlsx").string(), "--db", db, "--table", "reg_lo", "--header-rows",
                            "2", "--sheet", "Register"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("without a cached value") == std::string::npos);
  CHECK(export_csv(db, "SELECT * FROM reg_lo") ==
        "Risk | ref,Risk | name,Position | likelihood,Position | impact,Review | due,score,owner\r\n"
        "10,LEGITIMACY,4,4,2021-12-31,16,AC Met Ops\r\n"
        "4,DATA QUALITY,2,3,2022-03-31,6,Director\r\n"
        "7,hidden row,1,1,2022-06-30 09:30:00,1,x\r\n");
}

TEST_CASE("xlsx: hostile workbooks are refused at once with little memory and nothing is written",
          "[xlsx][cli][hostile]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const std::string sst_open = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  const auto bomb = dir / "bomb.xlsx", dots = dir / "dots.xlsx", entities = dir / "entities.xlsx",
             strings = dir / "strings.xlsx";
  // 300 MiB of one part from about 300 KB.
  const std::string empty_sheet = gbtest::worksheet("");
  const std::string sheet_open = empty_sheet.substr(0, empty_sheet.find("<sheetData>") + 11);
  gbtest::write_generated_workbook(bomb, "xl/worksheets/sheet1.xml", sheet_open, std::string(1 << 20, ' '), 300,
                                   "</sheetData></worksheet>");
  gbtest::write_file(dots, gbtest::minimal_workbook(gbtest::worksheet(""), "", "", "", {{"../evil.txt", "x"}}));
  gbtest::write_file(
      entities,
      gbtest::minimal_workbook(
          R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>)"));
  // Ten million shared strings (170 MB of XML), no count given.
  gbtest::write_generated_workbook(strings, "xl/sharedStrings.xml", sst_open, "<si><t>x</t></si>", 10000000, "</sst>");

  struct Case {
    fs::path file;
    std::string message;
  };
  for (const Case& c :
       {Case{bomb, "part xl/worksheets/sheet1.xml: unpacks to 3145"},
        Case{dots, "entry '../evil.txt' has '..' in its path: refused"},
        Case{entities, "sheet 'Data': part xl/worksheets/sheet1.xml: holds a document type declaration (<!DOCTYPE>)"},
        Case{strings, "part xl/sharedStrings.xml: has more than 1000000 shared strings"}}) {
    INFO(c.file.filename());
    gbtest::ChildOptions o;
    o.kill_after = std::chrono::seconds(30);
    o.measure_memory = true;
    const auto r = gbtest::run_child({GOVBENCH_BINARY, "import", c.file.string(), "--db", db, "--table", "t"}, o);
    INFO(r.err);
    CHECK_FALSE(r.killed);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("govbench: import: " + c.file.string() + ": " + c.message));
    // About 50 ms each, and 0.45 s for the ten million strings, on an idle
    // machine; the bound leaves room for a loaded one under ASan (6 s seen
    // with two builds at once) while still far below reading the whole part.
    CHECK(r.ran < std::chrono::seconds(12));
    CHECK(gbtest::peak_over_start_kb(r) < 90 * 1024);
    WARN(c.file.filename().string() << ": refused in " << r.ran.count() / 1000 << " ms, peak "
                                    << gbtest::peak_over_start_kb(r) / 1024 << " MiB over a bare start");
  }
  CHECK(gbtest::run_govbench({"describe", "t", "--db", db}).exit_code == 1);  // nothing was imported
}

TEST_CASE("xlsx: export --format xlsx and session export --format xlsx write workbooks", "[xlsx][cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto out = (dir / "register.xlsx").string();
  auto r = gbtest::run_govbench({"export", "--db", db, "--table", "risk_register", "--format", "xlsx", "-o", out});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = gbtest::run_govbench({"sheets", out});
  CHECK_THAT(r.out, Catch::Contains("1  risk_register  A1:"));
  r = gbtest::run_govbench({"import", out, "--db", db, "--table", "register_back"});
  REQUIRE(r.exit_code == 0);
  CHECK(export_csv(db, "SELECT count(*) FROM (SELECT * FROM risk_register EXCEPT SELECT * FROM register_back)") ==
        "count(*)\r\n0\r\n");
  CHECK(export_csv(db, "SELECT count(*) FROM register_back") == "count(*)\r\n11\r\n");

  r = gbtest::run_govbench({"session", "new", "--db", db, "--title", "Audit Panel", "--date", "2022-01-17"});
  REQUIRE(r.exit_code == 0);
  const std::string id = r.out.substr(0, r.out.find('\n'));
  REQUIRE(gbtest::run_govbench({"session", "agenda", "add", id, "audit_panel.risks", "--db", db}).exit_code == 0);
  REQUIRE(gbtest::run_govbench({"session", "record", "decision", id, "1", "=Risk 10 stays at VH v VH", "--db", db})
              .exit_code == 0);
  const auto minutes = (dir / "minutes.xlsx").string();
  r = gbtest::run_govbench({"session", "export", id, "--db", db, "--format", "xlsx", "-o", minutes});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = gbtest::run_govbench({"sheets", minutes});
  CHECK_THAT(r.out, Catch::Contains("2  Decisions  A1:E2"));
  CHECK_THAT(r.out, Catch::Contains("3  Actions  A1:J1"));
  r = gbtest::run_govbench({"import", minutes, "--sheet", "Decisions", "--db", db, "--table", "decisions"});
  REQUIRE(r.exit_code == 0);
  CHECK(export_csv(db, "SELECT Item, View, Decision FROM decisions") ==
        "Item,View,Decision\r\n1,audit_panel.risks,=Risk 10 stays at VH v VH\r\n");
}
