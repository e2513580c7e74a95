// Workbooks out and in (issue 21): the writer (core/xlsx_writer.hpp), the
// reader (data/xlsx_reader.hpp) on hand-written XML, the import
// (data/xlsx_import.hpp), and round trips through both.
#include <catch2/catch.hpp>
#include <functional>
#include <sstream>

#include "core/palette.hpp"
#include "core/xlsx_writer.hpp"
#include "data/csv_import.hpp"
#include "data/db.hpp"
#include "data/export.hpp"
#include "data/migrations.hpp"
#include "data/xlsx_import.hpp"
#include "data/xlsx_reader.hpp"
#include "support.hpp"
#include "support/xlsx_fixture.hpp"

using namespace gb;
using data::XlsxCell;

namespace {

data::XlsxSheet read_first(const std::string& bytes, const std::string& range = "") {
  data::XlsxBook book("t.xlsx", bytes);
  std::optional<data::XlsxRange> r;
  if (!range.empty()) r = data::parse_range(range);
  return book.read_sheet(0, r);
}

const XlsxCell& at(const data::XlsxSheet& s, const std::string& ref) {
  const auto p = data::parse_cell_ref(ref);
  REQUIRE(p);
  REQUIRE(s.area.contains(p->first, p->second));
  return s.rows.at(static_cast<std::size_t>(p->first - s.area.first_row))
      .at(static_cast<std::size_t>(p->second - s.area.first_col));
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("xlsx: sheet names are made valid and unique", "[xlsx]") {
  const auto names =
      xlsx::sheet_names({"Corporate risks: summary [2021]", "", "history", "A/B?C*D\\E", "'quoted'",
                         "Corporate risks: summary [2021]", std::string(40, 'x'), std::string(40, 'x'),
                         "Alignment with Met Direction pillars", "Risks by pillar: alignment with Met Direction"});
  CHECK(names[0] == "Corporate risks- summary -2021-");
  CHECK(names[1] == "Sheet");
  CHECK(names[2] == "History-");
  CHECK(names[3] == "A-B-C-D-E");
  CHECK(names[4] == "quoted");
  // Too long: cut at a space with an ellipsis, never inside a word left
  // whole; a name with no space is cut with the ellipsis too.
  CHECK(names[5] == "Corporate risks- summary\u2026 (2)");
  CHECK(names[6] == std::string(30, 'x') + "\u2026");
  CHECK(names[7] == std::string(26, 'x') + "\u2026 (2)");
  CHECK(names[8] == "Alignment with Met Direction\u2026");
  CHECK(names[9] == "Risks by pillar- alignment\u2026");
  CHECK(xlsx::cell_ref(0, 0) == "A1");
  CHECK(xlsx::cell_ref(4, 27) == "AB5");
  CHECK(xlsx::column_letters(16383) == "XFD");
}

TEST_CASE("xlsx: what the writer writes reads back cell by cell and text is never a formula", "[xlsx]") {
  xlsx::Workbook book;
  xlsx::Sheet s;
  s.name = "Register";
  s.header = {"ref", "name", "score", "due", "band", "flag"};
  s.rows.push_back({xlsx::Cell::num(10), xlsx::Cell::str("LEGITIMACY"), xlsx::Cell::num(16.5, "#,##0.00"),
                    xlsx::Cell::date("2021-12-31"), xlsx::Cell::rag(Rag::Red, "Red"), xlsx::Cell::boolean(true)});
  s.rows.push_back({xlsx::Cell::num(4), xlsx::Cell::str("=HYPERLINK(\"http://x\")"), xlsx::Cell::empty(),
                    xlsx::Cell::date("not a date"), xlsx::Cell::rag(Rag::Green, "Green"), xlsx::Cell::boolean(false)});
  book.sheets.push_back(s);
  const auto sheet = read_first(xlsx::workbook_bytes(book));
  CHECK(sheet.name == "Register");
  CHECK(data::range_text(sheet.used) == "A1:F3");
  CHECK(at(sheet, "A1").text == "ref");
  CHECK(at(sheet, "A2").kind == XlsxCell::Kind::Number);
  CHECK(at(sheet, "A2").number == 10);
  CHECK(at(sheet, "C2").number == 16.5);
  CHECK(at(sheet, "D2").kind == XlsxCell::Kind::Date);
  CHECK(at(sheet, "D2").text == "2021-12-31");
  CHECK(at(sheet, "E2").text == "Red");
  CHECK(at(sheet, "F2").kind == XlsxCell::Kind::Bool);
  CHECK(at(sheet, "B3").kind == XlsxCell::Kind::Text);
  CHECK_FALSE(at(sheet, "B3").formula);
  CHECK(at(sheet, "B3").text == "=HYPERLINK(\"http://x\")");
  CHECK(at(sheet, "C3").kind == XlsxCell::Kind::Empty);
  CHECK(at(sheet, "D3").text == "not a date");
}

TEST_CASE("xlsx: a cell over 32767 characters is refused naming the sheet and cell", "[xlsx]") {
  xlsx::Workbook book;
  book.sheets.push_back({"Notes", {"note"}, {{xlsx::Cell::str(std::string(40000, 'a'))}}, {}});
  CHECK_THAT(error_of([&] { xlsx::workbook_bytes(book); }),
             Catch::Contains("sheet 'Notes', cell A2: the text is 40000 characters long"));
}

TEST_CASE("xlsx: date serials in both systems and date formats", "[xlsx]") {
  CHECK(data::excel_date_text(44561, false, false) == "2021-12-31");
  CHECK(data::excel_date_text(43099, true, false) == "2021-12-31");
  CHECK(data::excel_date_text(1, false, false) == "1900-01-01");
  CHECK(data::excel_date_text(61, false, false) == "1900-03-01");
  CHECK(data::excel_date_text(44561.5, false, false) == "2021-12-31 12:00:00");
  CHECK(data::excel_date_text(0.25, false, true) == "06:00:00");
  CHECK_FALSE(data::excel_date_text(-1, false, false));
  CHECK(data::is_date_format_code("yyyy-mm-dd"));
  CHECK(data::is_date_format_code("d mmm yy"));
  CHECK(data::is_date_format_code("[$-809]dd/mm/yyyy"));
  CHECK(data::is_date_format_code("[h]:mm"));
  CHECK_FALSE(data::is_date_format_code("General"));
  CHECK_FALSE(data::is_date_format_code("#,##0.00"));
  CHECK_FALSE(data::is_date_format_code("0.0\"days\""));
  CHECK_FALSE(data::is_date_format_code("[Red]0.00"));
}

TEST_CASE("xlsx: hand-written XML with inline and rich strings and 1904 dates and t=d and errors and uncached formulas",
          "[xlsx]") {
  const std::string styles =
      R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Plain</t></si><si><r><t>Ri</t></r><r><t>ch</t></r><rPh><t>PHONETIC</t></rPh></si></sst>)";
  const std::string sheet = gbtest::worksheet(
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Inline</t></is></c></row>)"
      R"(<row r="2" hidden="1"><c r="A2" s="1"><v>43099</v></c><c r="B2" s="2"><v>43099</v></c><c r="C2" t="d"><v>2021-12-31T00:00:00</v></c></row>)"
      R"(<row r="3"><c r="A3" t="e"><v>#DIV/0!</v></c><c r="B3"><f>SUM(A1:A2)</f></c><c r="C3" t="b"><v>1</v></c><c r="D3"><f>1+1</f><v>2</v></c></row>)",
      R"(<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>)",
      R"(<cols><col min="4" max="4" hidden="1"/></cols>)");
  const auto s = read_first(gbtest::minimal_workbook(sheet, strings, styles, R"(<workbookPr date1904="1"/>)"));
  CHECK(at(s, "A1").text == "Plain");
  CHECK(at(s, "B1").text == "Rich");
  CHECK(at(s, "C1").text == "Inline");
  CHECK(at(s, "A2").text == "2021-12-31");
  CHECK(at(s, "B2").text == "2021-12-31");
  CHECK(at(s, "C2").text == "2021-12-31");
  CHECK(at(s, "A3").kind == XlsxCell::Kind::Error);
  CHECK(at(s, "B3").kind == XlsxCell::Kind::Empty);
  CHECK(at(s, "C3").kind == XlsxCell::Kind::Bool);
  CHECK(at(s, "D3").number == 2);
  CHECK(at(s, "D3").formula);
  CHECK(s.uncached == std::vector<std::string>{"B3"});
  CHECK(s.hidden_rows == std::vector<std::int64_t>{1});
  CHECK(s.hidden_cols == std::vector<std::int64_t>{3});
  REQUIRE(s.merges.size() == 1);
  CHECK(data::range_text(s.merges[0]) == "A1:B1");
}

TEST_CASE("xlsx: import follows the CSV rules and names the sheet and cell and stores nothing on failure", "[xlsx]") {
  gbtest::TempDir dir;
  const std::string sheet = gbtest::worksheet(
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Area</t></is></c><c r="C1" t="inlineStr"><is><t>Q1</t></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>ref</t></is></c><c r="B2" t="inlineStr"><is><t>name</t></is></c><c r="C2" t="inlineStr"><is><t>level</t></is></c><c r="D2" t="inlineStr"><is><t>n</t></is></c></row>)"
      R"(<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>First</t></is></c><c r="C3" t="inlineStr"><is><t>H</t></is></c><c r="D3"><v>2.5</v></c></row>)"
      R"(<row r="4"><c r="A4"><v>2</v></c><c r="B4" t="inlineStr"><is><t>0042</t></is></c><c r="C4" t="inlineStr"><is><t>ZZ</t></is></c><c r="D4"><v>3</v></c></row>)"
      R"(<row r="9"><c r="F9" s="0"/></row>)",
      R"(<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C1:D1"/></mergeCells>)");
  const auto file = dir / "book.xlsx";
  gbtest::write_file(file, gbtest::minimal_workbook(sheet));
  data::Db db = data::Db::open_memory();
  data::migrate(db);
  data::ImportOptions o;
  o.table = "t";
  o.header_rows = 2;
  const auto r = data::import_workbook(db, file, o);
  CHECK(r.rows == 2);
  CHECK(r.sheet == "Data");
  CHECK(r.range == "A1:D4");
  REQUIRE(r.columns.size() == 4);
  CHECK(r.columns[0].name == "Area | ref");
  CHECK(r.columns[1].name == "Area | name");
  CHECK(r.columns[2].name == "Q1 | level");
  CHECK(r.columns[3].name == "Q1 | n");
  CHECK(r.columns[0].type == data::ColumnType::Integer);
  CHECK(r.columns[1].type == data::ColumnType::Text);
  CHECK(r.columns[3].type == data::ColumnType::Real);
  CHECK(gbtest::text(db, "SELECT \"Area | name\" FROM t WHERE \"Area | ref\" = 2") == "0042");

  // A table whose CHECK refuses 'ZZ': the message names the sheet and the
  // cell, and nothing is written.
  db.exec(
      "CREATE TABLE lv (\"Area | ref\" INTEGER, \"Area | name\" TEXT, "
      "\"Q1 | level\" TEXT CHECK (\"Q1 | level\" IN ('H', 'M')), \"Q1 | n\" REAL)");
  o.table = "lv";
  o.mode = data::ImportMode::Append;
  CHECK_THAT(error_of([&] { data::import_workbook(db, file, o); }),
             Catch::StartsWith(file.string() + ": sheet 'Data', row 4: the database rejected this row: CHECK "
                                               "constraint failed: Q1 | level"));
  CHECK(gbtest::number(db, "SELECT count(*) FROM lv") == 0);
  CHECK(gbtest::number(db, "SELECT count(*) FROM imports WHERE tbl = 'lv'") == 0);

  // --range and --sheet: a range that leaves out the header's first row,
  // a sheet that does not exist.
  o.table = "ranged";
  o.mode = data::ImportMode::Create;
  o.header_rows = 1;
  o.range = "A2:B9";
  const auto ranged = data::import_workbook(db, file, o);
  CHECK(ranged.range == "A2:B4");
  CHECK(ranged.rows == 2);
  CHECK(ranged.columns.at(0).name == "ref");
  o.sheet = "Register";
  CHECK_THAT(error_of([&] { data::import_workbook(db, file, o); }),
             Catch::Contains("has no sheet 'Register'; its sheets are 1 'Data'"));
  o.sheet = "";
  o.range = "A0:B";
  CHECK_THAT(error_of([&] { data::import_workbook(db, file, o); }), Catch::Contains("is not a range of cells"));
}

TEST_CASE("xlsx: export --format xlsx imports back to the same rows and types", "[xlsx]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  data::Db db = data::Db::open(db_path, data::OpenMode::ReadWrite);
  for (const char* table : {"risks", "action_items", "sources", "control_progress"}) {
    INFO(table);
    std::ostringstream out;
    const auto rows = data::export_table(db, table, data::ExportFormat::Xlsx, out);
    const auto file = dir / (std::string(table) + ".xlsx");
    gbtest::write_file(file, out.str());
    data::ImportOptions o;
    o.table = std::string("back_") + table;
    const auto r = data::import_workbook(db, file, o);
    CHECK(r.rows == rows);
    // Every row and value comes back (NULLs, text that looks like a number,
    // dates as text), and every integer column stays integer.
    const std::string cols = [&] {
      std::string c;
      for (const auto& name : db.column_names(table)) c += (c.empty() ? "" : ", ") + data::quote_identifier(name);
      return c;
    }();
    CHECK(gbtest::number(db, "SELECT count(*) FROM (SELECT " + cols + " FROM " + table + " EXCEPT SELECT " + cols +
                                 " FROM back_" + table + ")") == 0);
    CHECK(gbtest::number(db, "SELECT count(*) FROM (SELECT " + cols + " FROM back_" + table + " EXCEPT SELECT " + cols +
                                 " FROM " + table + ")") == 0);
    CHECK(gbtest::number(db, "SELECT count(*) FROM " + std::string(table) + " WHERE typeof(id) = 'integer'") ==
          gbtest::number(db, "SELECT count(*) FROM back_" + std::string(table) + " WHERE typeof(id) = 'integer'"));
  }
}

TEST_CASE("xlsx: the Data panel's preview reads a workbook as its import does", "[xlsx]") {
  gbtest::TempDir dir;
  const auto file = dir / "book.xlsx";
  gbtest::write_file(
      file,
      gbtest::minimal_workbook(gbtest::worksheet(
          R"(<row r="2"><c r="B2" t="inlineStr"><is><t>ref</t></is></c><c r="C2" t="inlineStr"><is><t>name</t></is></c></row>)"
          R"(<row r="3"><c r="B3"><v>10</v></c><c r="C3" t="inlineStr"><is><t>LEGITIMACY</t></is></c></row>)")));
  data::ImportOptions o;
  const auto p = data::preview_csv(file, o, 20);
  REQUIRE(p.columns.size() == 2);
  CHECK(p.columns[0].name == "ref");
  CHECK(p.columns[0].type == data::ColumnType::Integer);
  CHECK(p.total_rows == 1);
  CHECK(p.rows.at(0).at(1) == "LEGITIMACY");
}
