// The PDF board paper (export/pdf.hpp), read back with poppler's pdfinfo and
// pdftotext as a reader's PDF viewer would: pages, page numbers, repeated
// table headers, text that stays text, and odd trees that must not break it.
#include "export/pdf.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "support.hpp"

using gb::Tree;
using gb::exporter::render_pdf;
using namespace gbtest;

namespace {

Tree arr(Tree::Array items) {
  Tree t = Tree::array();
  for (auto& i : items) t.push(std::move(i));
  return t;
}

Tree view_with(Tree::Array children, const std::string& title = "Risk overview") {
  Tree v = Tree::object();
  v.set("type", "view");
  v.set("id", "audit_panel.risks");
  v.set("title", title);
  v.set("board", "Audit Panel");
  Tree params = Tree::object();
  params.set("term", "long");
  v.set("params", std::move(params));
  v.set("children", arr(std::move(children)));
  Tree prov = Tree::object();
  prov.set("database", "demo.db");
  prov.set("data_fingerprint", "abc123");
  prov.set("generated_at", "2026-11-25T10:00:00Z");
  v.set("provenance", std::move(prov));
  return v;
}

Tree element(const char* type) {
  Tree e = Tree::object();
  e.set("type", type);
  e.set("site", "views/test.lua:7");
  return e;
}

// Writes the PDF and returns pdftotext's reading of it (layout order).
struct Read {
  std::string info, text;
};
Read read_back(const std::string& pdf) {
  TempDir dir;
  write_file(dir / "p.pdf", pdf);
  const auto info = run_program({"pdfinfo", (dir / "p.pdf").string()});
  REQUIRE(info.exit_code == 0);
  const auto text = run_program({"pdftotext", "-layout", (dir / "p.pdf").string(), "-"});
  REQUIRE(text.exit_code == 0);
  return {info.out, text.out};
}

int pages(const std::string& info) {
  const auto p = info.find("Pages:");
  return p == std::string::npos ? -1 : std::stoi(info.substr(p + 6));
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

Tree long_table(int rows, const std::string& name = "Risk number ") {
  Tree t = element("table");
  t.set("title", "Register");
  Tree::Array cols;
  for (const auto& [key, label, format] : {std::tuple{"ref", "Ref", "integer"}, std::tuple{"name", "Risk name", "text"},
                                           std::tuple{"rag", "Band", "rag"}}) {
    Tree c = Tree::object();
    c.set("key", key);
    c.set("label", label);
    c.set("format", format);
    cols.push_back(std::move(c));
  }
  t.set("columns", arr(std::move(cols)));
  Tree::Array rs;
  for (int i = 1; i <= rows; ++i) {
    Tree r = Tree::object();
    r.set("ref", i);
    r.set("name", name + std::to_string(i));
    r.set("rag", i % 3 == 0 ? "red" : "green");
    rs.push_back(std::move(r));
  }
  t.set("rows", arr(std::move(rs)));
  t.set("totals", true);
  return t;
}

}  // namespace

TEST_CASE("pdf: an A4 paper whose pages are numbered and whose table header repeats", "[export][pdf]") {
  const std::string pdf = render_pdf(view_with({long_table(150)}));
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  const Read r = read_back(pdf);
  CHECK(r.info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
  CHECK(r.info.find("Title:           Risk overview") != std::string::npos);
  const int n = pages(r.info);
  REQUIRE(n >= 3);
  // "Page k of N" on every page, and the column header on every page.
  for (int k = 1; k <= n; ++k)
    CHECK(r.text.find("Page " + std::to_string(k) + " of " + std::to_string(n)) != std::string::npos);
  CHECK(count(r.text, "Risk name") == static_cast<std::size_t>(n));
  CHECK(r.text.find("Risk number 150") != std::string::npos);
  CHECK(r.text.find("11,325") != std::string::npos);  // 1 + ... + 150, integer format
  // Bands read as words, not colour alone; the provenance closes the paper.
  CHECK(r.text.find("Red") != std::string::npos);
  CHECK(r.text.find("Provenance") != std::string::npos);
  CHECK(r.text.find("abc123") != std::string::npos);
  CHECK(r.text.find("term = long") != std::string::npos);
}

TEST_CASE("pdf: every element type is drawn, text stays text", "[export][pdf]") {
  Tree::Array kids;
  Tree text = element("text");
  text.set("text", "Opening **bold** words and *italic* ones.\n\n- first bullet\n- second bullet");
  kids.push_back(text);
  Tree tiles = element("tiles");
  Tree tile = Tree::object();
  tile.set("label", "Trust in the Met");
  tile.set("value", 66.2);
  tile.set("unit", "%");
  tile.set("rag", "amber");
  tile.set("change", -0.5);
  Tree broken = Tree::object();
  broken.set("label", "Broken measure");
  broken.set("status", "error");
  broken.set("error", "indicators/x.lua:3: attempt to index a nil value");
  tiles.set("items", arr(Tree::Array{tile, broken}));
  kids.push_back(tiles);
  Tree chart = element("chart");
  chart.set("kind", "line");
  chart.set("title", "Confidence over time");
  chart.set("target", 70);
  Tree series = Tree::object();
  series.set("name", "London");
  Tree::Array pts;
  for (int q = 1; q <= 4; ++q) {
    Tree p = Tree::object();
    p.set("label", "2022-Q" + std::to_string(q));
    p.set("value", 60 + q);
    pts.push_back(std::move(p));
  }
  series.set("points", arr(std::move(pts)));
  chart.set("series", arr(Tree::Array{series}));
  kids.push_back(chart);
  Tree rag = element("rag_summary");
  rag.set("title", "Positions");
  Tree counts = Tree::object();
  counts.set("red", 1);
  counts.set("amber", 8);
  rag.set("counts", std::move(counts));
  kids.push_back(rag);
  Tree link = element("link");
  link.set("text", "Controls");
  link.set("view", "risk_board.controls");
  kids.push_back(link);
  Tree err = element("error");
  err.set("message", "indicator trust.gap: no data");
  kids.push_back(err);
  Tree section = element("section");
  section.set("title", "A section heading");
  section.set("children", arr(Tree::Array{element("sparkle")}));
  kids.push_back(section);

  const Read r = read_back(render_pdf(view_with(std::move(kids))));
  for (const char* s :
       {"Opening bold words and italic ones.", "first bullet", "Trust in the Met", "66.2%", "Amber",
        "0.5 pp on previous", "Broken measure", "index a nil value", "Confidence over time", "target 70", "Positions",
        "see view risk_board.controls", "Error:", "indicator trust.gap: no data", "(views/test.lua:7)",
        "A section heading", "cannot show an element of type \"sparkle\""}) {
    INFO(s);
    CHECK(r.text.find(s) != std::string::npos);
  }
  CHECK(r.text.find("**") == std::string::npos);  // markup applied, not printed
}

TEST_CASE("pdf: hostile text is repaired and never read as markup", "[export][pdf]") {
  Tree t = element("text");
  t.set("text", std::string("<b>not bold</b> &amp; \x01\x7F bad \xE9 byte"));
  Tree::Array kids{t};
  const std::string pdf = render_pdf(view_with(std::move(kids), std::string("Title \xFF\xFE with junk")));
  const Read r = read_back(pdf);
  CHECK(r.text.find("<b>not bold</b> &amp;") != std::string::npos);
  CHECK(r.text.find("bad \uFFFD byte") != std::string::npos);
  CHECK(r.text.find("Title \uFFFD\uFFFD with junk") != std::string::npos);
}

TEST_CASE("pdf: a text's single line breaks are kept as in the window", "[export][pdf]") {
  Tree t = element("text");
  t.set("text", "Median gap -8 pp across 98 neighbourhoods.\n-8 pp, 95% CI -10 to -6, 98 neighbourhoods");
  Tree::Array kids{t};
  const Read r = read_back(render_pdf(view_with(std::move(kids))));
  INFO(r.text);
  // Two lines, not one paragraph run together.
  CHECK(r.text.find("neighbourhoods. -8 pp") == std::string::npos);
  const auto first = r.text.find("Median gap -8 pp across 98 neighbourhoods.");
  const auto second = r.text.find("-8 pp, 95% CI -10 to -6, 98 neighbourhoods");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(r.text.find('\n', first) < second);
}

TEST_CASE("pdf: malformed trees still give a readable PDF", "[export][pdf]") {
  Tree deep = element("section");
  for (int i = 0; i < 80; ++i) {
    Tree outer = element("section");
    outer.set("children", arr(Tree::Array{deep}));
    deep = std::move(outer);
  }
  Tree no_cols = element("table");
  Tree bad_map = element("heatmap");
  bad_map.set("likelihood", "VH");
  Tree huge_cell = long_table(1, std::string(60000, 'x'));
  for (Tree v : {Tree(42.0), Tree::object(), view_with({Tree(7.0), no_cols, bad_map, deep, huge_cell})}) {
    const std::string pdf = render_pdf(v);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    const Read r = read_back(pdf);
    CHECK(pages(r.info) >= 1);
  }
  const Read r = read_back(render_pdf(view_with({Tree(7.0), no_cols, bad_map, deep})));
  CHECK(r.text.find("malformed element (number)") != std::string::npos);
  CHECK(r.text.find("table without columns") != std::string::npos);
  CHECK(r.text.find("The heat map has no grid.") != std::string::npos);
  CHECK(r.text.find("nested too deeply") != std::string::npos);
}

TEST_CASE("render --format pdf: the Audit Panel paper on the demo database", "[export][pdf][cli]") {
  TempDir dir;
  const auto db = demo_copy(dir);
  const auto out = dir / "audit-panel.pdf";
  const auto r =
      run_govbench({"render", "audit_panel.risks", "--db", db.string(), "--format", "pdf", "-o", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Read read = read_back(read_file(out));
  const int n = pages(read.info);
  CHECK(n >= 2);
  for (const char* s : {"Corporate risk register", "Short-term heat map", "Long-term heat map", "LEGITIMACY",
                        "Provenance", "met-boards"})
    CHECK(read.text.find(s) != std::string::npos);
  CHECK(read.text.find("Page " + std::to_string(n) + " of " + std::to_string(n)) != std::string::npos);

  // The database is never an output.
  const auto clobber =
      run_govbench({"render", "audit_panel.risks", "--db", db.string(), "--format", "pdf", "-o", db.string()});
  CHECK(clobber.exit_code != 0);
}

// ---- Unbounded input (issue 16, finding 9) ----

namespace {
Tree text_element(const std::string& text) {
  Tree t = Tree::object();
  t.set("type", "text");
  t.set("text", text);
  return t;
}
// The text without the pages' footers, line and page breaks, and the
// hyphens pango shows where it breaks a word (the words here have none).
std::string without_breaks(const std::string& s) {
  std::string out;
  std::size_t from = 0;
  while (from < s.size()) {
    std::size_t end = s.find('\n', from);
    if (end == std::string::npos) end = s.size();
    const std::string_view line(s.data() + from, end - from);
    if (line.find("Page ") == std::string_view::npos)
      for (char c : line)
        if (c != ' ' && c != '\f' && c != '-') out.push_back(c);
    from = end + 1;
  }
  return out;
}
}  // namespace

TEST_CASE("pdf: a 200 KB word with no space renders in seconds and whole", "[export][pdf][bounded]") {
  // pango breaks a word wider than the line by measuring the rest of the
  // word again for every line: 100 KB took 18 s, 300 KB over 5 minutes.
  std::string word;
  for (int i = 0; word.size() < 200000; ++i) word += "w" + std::to_string(i);
  const auto start = std::chrono::steady_clock::now();
  const std::string pdf = render_pdf(view_with({text_element("Before " + word + "END")}));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  const Read r = read_back(pdf);
  CHECK_THAT(without_breaks(r.text), Catch::Contains(word + "END"));  // every character, no U+200B
}

TEST_CASE("pdf: a paragraph of megabytes is laid out in pieces with every word kept", "[export][pdf][bounded]") {
  std::string para;
  int words = 0;
  while (para.size() < 300000) para += "word" + std::to_string(++words) + " ";
  para += "LASTWORD";
  const Read r = read_back(render_pdf(view_with({text_element(para)})));
  CHECK_THAT(r.text, Catch::Contains("word1 ") && Catch::Contains("word" + std::to_string(words / 2) + " ") &&
                         Catch::Contains("LASTWORD"));
  std::size_t found = 0;
  for (std::size_t at = 0; (at = r.text.find("word", at)) != std::string::npos; at += 4) ++found;
  CHECK(found == static_cast<std::size_t>(words));
}
