// Issue 16: exports that cannot attack their reader. CSV written for people
// neutralises formulas (export's data CSV keeps its round trip), Markdown
// minutes escape every field from the data, and long text is never cut in
// the PDF.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "data/csv_import.hpp"
#include "data/export.hpp"
#include "data/migrations.hpp"
#include "export/csv_tables.hpp"
#include "export/markdown.hpp"
#include "export/pdf.hpp"
#include "support.hpp"

using gb::Tree;

namespace {

Tree arr(Tree::Array items) {
  Tree t = Tree::array();
  for (auto& i : items) t.push(std::move(i));
  return t;
}

Tree view_with(Tree::Array children, const std::string& title = "Minutes") {
  Tree v = Tree::object();
  v.set("type", "view");
  v.set("id", "session.1.minutes");
  v.set("title", title);
  v.set("board", "Audit Panel");
  v.set("children", arr(std::move(children)));
  Tree prov = Tree::object();
  prov.set("database", "demo.db");
  prov.set("data_fingerprint", "abc123");
  prov.set("generated_at", "2026-11-25T10:00:00Z");
  v.set("provenance", std::move(prov));
  return v;
}

[[maybe_unused]] Tree text(const std::string& t) {
  Tree e = Tree::object();
  e.set("type", "text");
  e.set("text", t);
  return e;
}

Tree table(const std::vector<std::pair<std::string, std::string>>& columns, const std::vector<Tree>& rows) {
  Tree t = Tree::object();
  t.set("type", "table");
  t.set("title", "Actions");
  Tree::Array cols;
  for (const auto& [key, label] : columns) {
    Tree c = Tree::object();
    c.set("key", key);
    c.set("label", label);
    cols.push_back(std::move(c));
  }
  t.set("columns", arr(std::move(cols)));
  t.set("rows", arr(Tree::Array(rows.begin(), rows.end())));
  return t;
}

Tree row(const std::vector<std::pair<std::string, Tree>>& cells) {
  Tree r = Tree::object();
  for (const auto& [k, v] : cells) r.set(k, v);
  return r;
}

[[maybe_unused]] std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

[[maybe_unused]] std::string pdf_text(const std::string& pdf) {
  gbtest::TempDir dir;
  gbtest::write_file(dir / "p.pdf", pdf);
  const auto r = gbtest::run_program({"pdftotext", (dir / "p.pdf").string(), "-"});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

// ---- CSV formula injection (finding 4) ----

TEST_CASE("a cell a spreadsheet would run as a formula is neutralised but a number is not", "[export][csv_formula]") {
  using gb::neutralise_formula;
  for (const char* formula : {"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1",
                              "=cmd|' /C calc'!A0", "-", "+", "=", "-x", "- 12"})
    CHECK(neutralise_formula(formula) == std::string("'") + formula);
  for (const char* kept : {"-12.5", "+3", "-1e5", "-0.5", "12", "plain", "", " =1", "a=b", "'=1", "N/A"})
    CHECK(neutralise_formula(kept) == kept);
  std::string line;
  gb::append_spreadsheet_cell(line, "=1+2");
  line += ',';
  gb::append_spreadsheet_text(line, "-12.5");  // text that reads as a number: quoted, not neutralised
  line += ',';
  gb::append_spreadsheet_cell(line, "=A1,\"x\"");
  CHECK(line == "'=1+2,\"-12.5\",\"'=A1,\"\"x\"\"\"");
}

TEST_CASE("a view's CSV (render and the Views panel) neutralises formulas in cells and labels",
          "[export][csv_formula]") {
  const Tree view = view_with({table(
      {{"ref", "=Ref"}, {"title", "What"}, {"score", "Score"}},
      {row({{"ref", Tree("@1")}, {"title", Tree("=HYPERLINK(\"http://evil\",\"click\")")}, {"score", Tree(-12.5)}}),
       row({{"ref", Tree("R2")}, {"title", Tree("-12.5")}, {"score", Tree(3.0)}}),
       row({{"ref", Tree("R3")}, {"title", Tree("\tTAB")}, {"score", Tree("+2+3")}})})});
  const auto tables = gb::exporter::csv_tables(view);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].csv ==
        "'=Ref,What,Score\r\n"
        "'@1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",-12.5\r\n"
        "R2,\"-12.5\",3\r\n"
        "R3,'\tTAB,'+2+3\r\n");
}

TEST_CASE("export --format csv keeps formulas as stored so export then import gives the same table",
          "[export][csv_formula]") {
  gb::data::Db db = gb::data::Db::open_memory();
  gb::data::migrate(db);
  db.exec(
      "CREATE TABLE notes (v TEXT); INSERT INTO notes VALUES ('=1+2'), ('@SUM(A1)'), ('-x'), ('+1'), "
      "('''=quoted'), ('-12.5'), (char(9) || 'tab')");
  std::ostringstream out;
  gb::data::export_table(db, "notes", gb::data::ExportFormat::Csv, out);
  CHECK(out.str() == "v\r\n=1+2\r\n@SUM(A1)\r\n-x\r\n\"+1\"\r\n'=quoted\r\n\"-12.5\"\r\n\"\ttab\"\r\n");
  gb::data::ImportOptions o;
  o.table = "notes_back";
  gb::data::import_csv_bytes(db, "notes.csv", out.str(), o);
  gb::data::Statement diff = db.prepare(
      "SELECT (SELECT count(*) FROM (SELECT rowid, v, typeof(v) FROM notes EXCEPT SELECT rowid, v, typeof(v) FROM "
      "notes_back)), (SELECT count(*) FROM notes_back)");
  REQUIRE(diff.step());
  CHECK(diff.column_int(0) == 0);
  CHECK(diff.column_int(1) == 7);
}

// ---- Markdown minutes (finding 6) ----

TEST_CASE("Markdown minutes escape every field from the data: no raw tag and no live link", "[export][markdown]") {
  const std::string img = "<img src=x onerror=alert(1)>";
  const std::string js = "[x](javascript:alert(1))";
  const Tree view = view_with(
      {text("- " + img + "\n- " + js + "\n- ![i](http://evil.example/p.png) and <script>alert(2)</script>"),
       text("# not a heading\n\n> not a quote\n\n1. not a list\n\n+ nor this\n\n`code` and &amp; and ~~gone~~"),
       text("**Decisions**\n\n- The register is **noted**"),
       table({{"ref", "Action"}, {"title", "What"}},
             {row({{"ref", Tree("A|1")}, {"title", Tree("| cell | break\nsecond line " + img)}})})},
      "Minutes: " + img);
  const std::string md = gb::exporter::render_markdown(view);
  INFO(md);
  // No tag: every < from the data is an entity.
  CHECK(md.find('<') == std::string::npos);
  CHECK_THAT(md, Catch::Contains("&lt;img src=x onerror=alert(1)&gt;"));
  CHECK_THAT(md, Catch::Contains("&lt;script&gt;"));
  // No link or image: brackets and parentheses escaped, the scheme's colon an entity.
  CHECK(md.find("](") == std::string::npos);
  CHECK(md.find("javascript:") == std::string::npos);
  CHECK_THAT(md, Catch::Contains("\\[x\\]\\(javascript&#58;alert(1))"));
  CHECK_THAT(md, Catch::Contains("!\\[i\\]\\(http://evil.example/p.png)"));
  // No structure from a line's start: heading, quote, numbered or + list.
  CHECK_THAT(md, Catch::Contains("\n\\# not a heading\n"));
  CHECK_THAT(md, Catch::Contains("\n&gt; not a quote\n"));
  CHECK_THAT(md, Catch::Contains("\n1\\. not a list\n"));
  CHECK_THAT(md, Catch::Contains("\n\\+ nor this\n"));
  CHECK_THAT(md, Catch::Contains("\\`code\\` and &amp;amp; and \\~\\~gone\\~\\~"));
  // ui.text markup still works: bold, bullets.
  CHECK_THAT(md, Catch::Contains("**Decisions**\n\n- The register is **noted**\n"));
  // A table cell stays one cell on one line.
  CHECK_THAT(md, Catch::Contains("| A\\|1 | \\| cell \\| break second line &lt;img src=x onerror=alert(1)&gt; |\n"));
  CHECK_THAT(md, Catch::Contains("# Minutes: &lt;img"));
}

// ---- Long text in the PDF (finding 7) ----

TEST_CASE("pdf: a 35 KB decision flows across pages and keeps its last sentence", "[export][pdf][long_text]") {
  std::string decision;
  int sentences = 0;
  while (decision.size() < 35000) decision += "Sentence " + std::to_string(++sentences) + " of the decision. ";
  decision += "Therefore the board approves FINALWORDS.";
  const std::string out = pdf_text(gb::exporter::render_pdf(view_with({text("**Decisions**\n\n- " + decision)})));
  CHECK_THAT(out, Catch::Contains("FINALWORDS"));
  CHECK(count(out, "Sentence") == static_cast<std::size_t>(sentences));
}

TEST_CASE("pdf: a table cell taller than a page flows across pages with nothing clipped", "[export][pdf][long_text]") {
  std::string what;
  int sentences = 0;
  while (what.size() < 35000) what += "Step " + std::to_string(++sentences) + " of the action. ";
  what += "Done when LASTSTEP.";
  const Tree view =
      view_with({table({{"ref", "Action"}, {"title", "What"}, {"owner", "Owner"}},
                       {row({{"ref", Tree("REVIEW 1")}, {"title", Tree(what)}, {"owner", Tree("DAC")}}),
                        row({{"ref", Tree("REVIEW 2")}, {"title", Tree("short")}, {"owner", Tree("AC")}})})});
  const std::string out = pdf_text(gb::exporter::render_pdf(view));
  CHECK_THAT(out, Catch::Contains("LASTSTEP"));
  CHECK(count(out, "Step") == static_cast<std::size_t>(sentences));
  CHECK_THAT(out, Catch::Contains("REVIEW 2"));
  CHECK(count(out, "Owner") >= 2);  // the header repeated on the pages the row continues on
}
