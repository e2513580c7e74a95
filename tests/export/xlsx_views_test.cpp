// Every bundled board view as a workbook (issue 21): it writes, reads back
// with our reader (About sheet with the provenance, one sheet per table,
// RAG cells as their word), and each table sheet imports back to the
// view's rows, numbers as numbers.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/palette.hpp"
#include "core/view_tree.hpp"
#include "data/db.hpp"
#include "data/migrations.hpp"
#include "data/xlsx_import.hpp"
#include "data/xlsx_reader.hpp"
#include "engine/evaluator.hpp"
#include "engine/views.hpp"
#include "export/paper_export.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;

namespace {

// The number of table elements in a view tree.
std::size_t tables_in(const Tree& node) {
  std::size_t n = 0;
  if (!node.is_object()) return 0;
  if (const Tree* t = node.find("type"); t && t->is_string() && t->as_string() == "table") ++n;
  if (const Tree* kids = node.find("children"); kids && kids->is_array())
    for (const Tree& k : kids->as_array()) n += tables_in(k);
  return n;
}

}  // namespace

TEST_CASE("xlsx: every bundled view exports as a workbook that reads and imports back", "[xlsx][export]") {
  gbtest::PacksOnDemo bundled;
  auto& packs = bundled.packs;
  auto& db = *bundled.db;
  auto& ev = *bundled.eval;
  data::Db scratch = data::Db::open_memory();
  data::migrate(scratch);
  const auto views = packs.views();
  REQUIRE(views.size() >= 6);
  int n = 0;
  for (const auto& v : views) {
    const std::string id = v.def->id;
    INFO(id);
    const Tree view = engine::build_view(packs, db, ev, {id, {}, "2021-12-31"}, "demo.db");
    const auto files = exporter::render_paper(view, exporter::PaperFormat::Xlsx, "out.xlsx");
    REQUIRE(files.size() == 1);
    const auto file = bundled.dir / (id + ".xlsx");
    gbtest::write_file(file, files[0].bytes);
    data::XlsxBook book(file.string(), files[0].bytes);
    const std::size_t tables = tables_in(view);
    const auto& sheets = book.sheets();
    REQUIRE(sheets.size() >= 1 + tables);
    CHECK(sheets[0].name == "About");
    const auto about = book.read_sheet(0);
    bool fingerprint = false;
    for (const auto& row : about.rows)
      if (row.size() >= 2 && row[0].text == "Data fingerprint" && !row[1].text.empty()) fingerprint = true;
    CHECK(fingerprint);
    // Each table sheet imports back with as many rows as the table has.
    for (std::size_t i = 1; i <= tables; ++i) {
      data::ImportOptions o;
      o.table = "v" + std::to_string(++n);
      o.sheet = std::to_string(i + 1);
      const auto sheet = book.read_sheet(i);
      if (sheet.used.empty()) continue;  // a table with no rows and no columns
      const auto r = data::import_workbook(scratch, file, o);
      CHECK(r.rows == sheet.used.rows() - 1);
    }
  }
}

TEST_CASE("xlsx: the Audit Panel risks workbook has the eleven risks with RAG words and provenance", "[xlsx][export]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  const auto out = dir / "audit.xlsx";
  const auto r = gbtest::run_govbench(
      {"render", "audit_panel.risks", "--db", db_path.string(), "--format", "xlsx", "-o", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  data::XlsxBook book = data::XlsxBook::open(out);
  REQUIRE(book.sheets().size() >= 2);
  const auto about = book.read_sheet(0);
  std::map<std::string, std::string> props;
  for (const auto& row : about.rows)
    if (row.size() >= 2) props[row[0].text] = row[1].text;
  CHECK(props["View"] == "audit_panel.risks");
  CHECK(props["Database"].find("demo.db") != std::string::npos);
  CHECK_FALSE(props["Packs"].empty());
  // The register's sheets: the short-term and long-term risks, eleven in
  // all, with a Band column holding the RAG words.
  std::int64_t risks = 0;
  std::set<std::string> words;
  for (std::size_t i = 1; i < book.sheets().size(); ++i) {
    const auto& name = book.sheets()[i].name;
    if (name != "Short-term risks" && name != "Long-term risks") continue;
    const auto s = book.read_sheet(i);
    risks += s.used.rows() - 1;
    for (const auto& row : s.rows)
      for (const auto& c : row)
        if (c.text == "Red" || c.text == "Amber" || c.text == "Green") words.insert(c.text);
  }
  CHECK(risks == 11);
  CHECK(words.size() >= 2);

  // openpyxl sees the same workbook: the fills are the palette's.
  if (!std::filesystem::exists("/usr/bin/python3") ||
      gbtest::run_program({"/usr/bin/python3", "-c", "import openpyxl"}, 60).exit_code != 0) {
    WARN("SKIP: python3-openpyxl is not installed; the workbook was not read by openpyxl");
    return;
  }
  const auto py = gbtest::run_program({"/usr/bin/python3", "-c", R"(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fills = {}
risks = 0
for ws in wb.worksheets[1:]:
    if ws.title in ('Short-term risks', 'Long-term risks'): risks += ws.max_row - 1
    for row in ws.iter_rows():
        for c in row:
            if c.value in ('Red', 'Amber', 'Green') and c.fill.fgColor.rgb:
                fills[c.value] = c.fill.fgColor.rgb[-6:]
            if isinstance(c.value, str) and c.value.startswith('=') and c.data_type == 'f':
                print('FORMULA', c.coordinate)
print(wb.sheetnames[0], risks, wb['Long-term risks'].freeze_panes)
for k in sorted(fills): print(k, fills[k])
lt = wb['Long-term risks']
print('widths', round(lt.column_dimensions['A'].width), round(lt.column_dimensions['E'].width))
for r in wb['About'].iter_rows(min_col=1, max_col=2):
    if r[0].value == 'As at': print('as at', type(r[1].value).__name__, r[1].value.date() if hasattr(r[1].value, 'date') else r[1].value)
)",
                                       out.string()},
                                      60);
  INFO(py.err);
  REQUIRE(py.exit_code == 0);
  CHECK(py.out.find("About 11 A2\n") == 0);
  CHECK(py.out.find("FORMULA") == std::string::npos);
  CHECK(py.out.find("Red " + hex(rag_fill(Rag::Red)).substr(1)) != std::string::npos);
  CHECK(py.out.find("Amber " + hex(rag_fill(Rag::Amber)).substr(1)) != std::string::npos);
  // Columns fitted to their text: the narrow Ref, the long description at the
  // cap (8 and 60 characters, which libxlsxwriter stores with its padding).
  CHECK(py.out.find("widths 9 61") != std::string::npos);
  // The date the view is as at is a date cell, not text that looks like one.
  CHECK(py.out.find("as at datetime " + props["As at"] + "\n") != std::string::npos);
  CHECK_FALSE(props["As at"].empty());
}
