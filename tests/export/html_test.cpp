// The HTML board paper (export/html.hpp): resolved view trees built by hand,
// one per element type, checked for the pieces a reader must see, for
// escaping, and for surviving malformed input.
#include "export/html.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>

#include "core/palette.hpp"
#include "export/markdown.hpp"
#include "support.hpp"

using gb::Tree;
using gb::exporter::render_html;

namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

// Structure a browser would not have to repair.
void check_balanced(const std::string& html) {
  CHECK(count(html, "<div") == count(html, "</div>"));
  CHECK(count(html, "<table") == count(html, "</table>"));
  CHECK(count(html, "<section") == count(html, "</section>"));
  CHECK(count(html, "<svg") == count(html, "</svg>"));
  CHECK(count(html, "<figure") == count(html, "</figure>"));
  CHECK(count(html, "<ul>") == count(html, "</ul>"));
  CHECK(count(html, "<tr") == count(html, "</tr>"));
  CHECK(count(html, "<style>") == 1);
  CHECK(count(html, "</style>") == 1);
  CHECK(count(html, "<script") == 0);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

// The y coordinate of the SVG <text> whose content is `label`.
double text_y(const std::string& html, const std::string& label) {
  const auto end = html.find(">" + label + "</text>");
  const auto start = html.rfind("<text ", end);
  const auto y = html.find(" y=\"", start);
  if (end == std::string::npos || start == std::string::npos || y == std::string::npos || y > end) return -1;
  return std::stod(html.substr(y + 4));
}

Tree element(const char* type) {
  Tree e = Tree::object();
  e.set("type", type);
  e.set("site", "views/test.lua:1");
  return e;
}

Tree view_with(Tree child) {
  Tree v = Tree::object();
  v.set("type", "view");
  v.set("id", "audit_panel.risks");
  v.set("title", "Risk overview");
  v.set("board", "Audit Panel");
  Tree params = Tree::object();
  params.set("term", "all");
  v.set("params", std::move(params));
  Tree kids = Tree::array();
  kids.push(std::move(child));
  v.set("children", std::move(kids));
  Tree prov = Tree::object();
  prov.set("database", "demo.db");
  prov.set("data_fingerprint", "sha256:abc123");
  Tree packs = Tree::array();
  Tree pack = Tree::object();
  pack.set("name", "nhs_core");
  pack.set("version", "1.4.0");
  packs.push(std::move(pack));
  prov.set("packs", std::move(packs));
  prov.set("generated_at", "2026-11-25T17:00:00Z");
  v.set("provenance", std::move(prov));
  return v;
}

Tree point(const char* label, double value) {
  Tree p = Tree::object();
  p.set("label", label);
  p.set("value", value);
  return p;
}

Tree series(const char* name, std::initializer_list<std::pair<const char*, double>> pts) {
  Tree s = Tree::object();
  s.set("name", name);
  Tree points = Tree::array();
  for (const auto& [l, v] : pts) points.push(point(l, v));
  s.set("points", std::move(points));
  return s;
}

Tree column(const char* key, const char* label, const char* format) {
  Tree c = Tree::object();
  c.set("key", key);
  c.set("label", label);
  c.set("format", format);
  return c;
}

Tree risk_row(const char* ref, double score, double pct, const char* rag) {
  Tree r = Tree::object();
  r.set("ref", ref);
  r.set("score", score);
  r.set("pct", pct);
  r.set("rag", rag);
  return r;
}

}  // namespace

TEST_CASE("html: the view's title, board, parameters, headings and provenance", "[export][html]") {
  Tree page = element("page");
  page.set("title", "Risks");
  page.set("subtitle", "As at November");
  Tree section = element("section");
  section.set("title", "Detail");
  Tree text = element("text");
  text.set("text", "Plain line");
  section.set("children", Tree::array()).push(std::move(text));
  page.set("children", Tree::array()).push(std::move(section));
  const std::string html = render_html(view_with(std::move(page)));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<h1>Risk overview</h1>") != std::string::npos);
  CHECK(html.find("Audit Panel") != std::string::npos);
  CHECK(html.find("Parameters: term = all") != std::string::npos);
  CHECK(html.find("<h2>Risks</h2>") != std::string::npos);
  CHECK(html.find("As at November") != std::string::npos);
  CHECK(html.find("<h3>Detail</h3>") != std::string::npos);
  CHECK(html.find("size: A4") != std::string::npos);
  CHECK(html.find("class=\"print-footer\">Risk overview") != std::string::npos);
  // Provenance footer.
  CHECK(html.find("<footer class=\"provenance\">") != std::string::npos);
  CHECK(html.find("demo.db") != std::string::npos);
  CHECK(html.find("sha256:abc123") != std::string::npos);
  CHECK(html.find("nhs_core 1.4.0") != std::string::npos);
  CHECK(html.find("2026-11-25T17:00:00Z") != std::string::npos);
  CHECK(html.find("audit_panel.risks") != std::string::npos);
  check_balanced(html);
}

TEST_CASE("html: text is escaped before markup is applied", "[export][html]") {
  Tree text = element("text");
  text.set("text",
           "Intro with **bold** and *italic* <script>alert('x')</script> & \"quotes\"\nsame paragraph\n\n"
           "- first </style> bullet\n- second\n\nClosing 2 * 3 and **unclosed");
  Tree v = view_with(std::move(text));
  v.set("title", "A </style><script>bad()</script> title");
  const std::string html = render_html(v);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;") != std::string::npos);
  CHECK(html.find("<strong>bold</strong>") != std::string::npos);
  CHECK(html.find("<em>italic</em>") != std::string::npos);
  CHECK(html.find("&quot;quotes&quot;<br>same paragraph</p>") != std::string::npos);
  CHECK(html.find("<ul><li>first &lt;/style&gt; bullet</li><li>second</li></ul>") != std::string::npos);
  CHECK(html.find("<p>Closing 2 * 3 and **unclosed</p>") != std::string::npos);
  CHECK(html.find("A &lt;/style&gt;&lt;script&gt;bad()&lt;/script&gt; title") != std::string::npos);
  check_balanced(html);
}

TEST_CASE("paper: a text's single line breaks are kept in HTML and Markdown as in the window", "[export][html]") {
  // An indicator's working, as the performance paper shows it: a line each.
  Tree text = element("text");
  text.set("text",
           "Median gap -8 pp across 98 neighbourhoods.\n-8 pp, 95% CI -10 to -6, 98 neighbourhoods\n"
           "**Verdict**: *wider than\nlast year*\n\nA new paragraph.");
  const Tree v = view_with(std::move(text));
  const std::string html = render_html(v);
  CHECK(html.find("<p>Median gap -8 pp across 98 neighbourhoods.<br>-8 pp, 95% CI -10 to -6, 98 neighbourhoods<br>"
                  "<strong>Verdict</strong>: <em>wider than<br>last year</em></p><p>A new paragraph.</p>") !=
        std::string::npos);
  check_balanced(html);
  const std::string md = gb::exporter::render_markdown(v);
  INFO(md);
  // CommonMark's hard break; the second line starts with '-', escaped so
  // that it is not read as a bullet.
  CHECK(md.find("Median gap -8 pp across 98 neighbourhoods.\\\n\\-8 pp, 95% CI -10 to -6, 98 neighbourhoods\\\n"
                "**Verdict**: *wider than*\\\n*last year*\n\nA new paragraph.\n") != std::string::npos);
}

TEST_CASE("html: tiles show value, unit, RAG as symbol and word, and change", "[export][html]") {
  Tree tiles = element("tiles");
  Tree items = Tree::array();
  Tree a = Tree::object();
  a.set("label", "Overdue actions");
  a.set("value", 12345.678);
  a.set("unit", "%");
  a.set("rag", "red");
  a.set("change", -2.5);
  a.set("note", "Target 90%");
  items.push(std::move(a));
  Tree b = Tree::object();
  b.set("label", "Staff turnover");
  b.set("value", Tree());
  b.set("rag", "amber");
  items.push(std::move(b));
  Tree c = Tree::object();
  c.set("indicator", "hr.sickness");
  c.set("value", 3);
  c.set("unit", "days");
  c.set("rag", "green");
  c.set("change", 1);
  items.push(std::move(c));
  Tree d = Tree::object();
  d.set("type", "error");
  d.set("message", "indicator failed");
  items.push(std::move(d));
  Tree e = Tree::object();  // as the host resolves an indicator in error
  e.set("indicator", "fin.spend");
  e.set("label", "Spend");
  e.set("value", Tree());
  e.set("status", "error");
  e.set("error", "no such column: amount");
  items.push(std::move(e));
  tiles.set("items", std::move(items));
  const std::string html = render_html(view_with(std::move(tiles)));
  CHECK(html.find("Overdue actions") != std::string::npos);
  CHECK(html.find("12,345.68<span class=\"unit\">%</span>") != std::string::npos);
  CHECK(html.find("\u25B2</span> Red") != std::string::npos);
  CHECK(html.find("\u25CF</span> Amber") != std::string::npos);
  CHECK(html.find("\u25A0</span> Green") != std::string::npos);
  CHECK(html.find("\u2193 \u22122.5 pp on previous") != std::string::npos);  // between percentages: points
  CHECK(html.find("\u2191 +1 day on") != std::string::npos);                 // one day, not "1 days" (issue 17)
  CHECK(html.find("hr.sickness") != std::string::npos);
  CHECK(html.find("<div class=\"value\">\u2014</div>") != std::string::npos);
  CHECK(html.find("<strong>Error:</strong> indicator failed") != std::string::npos);
  CHECK(html.find("<strong>Error:</strong> no such column: amount") != std::string::npos);
  check_balanced(html);
}

TEST_CASE("html: tables are sorted, formatted and totalled", "[export][html]") {
  Tree table = element("table");
  table.set("title", "Top risks");
  Tree cols = Tree::array();
  cols.push(column("ref", "Ref", "text"));
  cols.push(column("score", "Score", "number"));
  cols.push(column("pct", "Share", "percent"));
  cols.push(column("rag", "RAG", "rag"));
  table.set("columns", std::move(cols));
  Tree rows = Tree::array();
  rows.push(risk_row("R-low", 2, 10, "green"));
  rows.push(risk_row("R-high", 2500.5, 55.25, "red"));
  Tree missing = Tree::object();
  missing.set("ref", "R-none");
  rows.push(std::move(missing));
  rows.push(risk_row("R-mid", 12, 34.5, "amber"));
  table.set("rows", std::move(rows));
  table.set("sort", "-score");
  table.set("totals", true);
  const std::string html = render_html(view_with(std::move(table)));
  const auto high = html.find("R-high"), mid = html.find("R-mid"), low = html.find("R-low"), none = html.find("R-none");
  REQUIRE(high != std::string::npos);
  CHECK(high < mid);
  CHECK(mid < low);
  CHECK(low < none);  // missing values last, whatever the direction
  CHECK(html.find("<caption>Top risks</caption>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">2,500.5</td><td class=\"num\">55.25%</td>") != std::string::npos);
  CHECK(html.find("<tr class=\"total\"><td>Total</td><td class=\"num\">2,514.5</td><td></td><td></td></tr>") !=
        std::string::npos);
  CHECK(html.find("badge rag-red") != std::string::npos);
  CHECK(html.find("</span> Amber</span>") != std::string::npos);
  check_balanced(html);
}

TEST_CASE("html: a rag column sorts by severity and thousands of rows stay in order", "[export][html]") {
  Tree table = element("table");
  Tree cols = Tree::array();
  cols.push(column("ref", "Ref", "text"));
  cols.push(column("n", "N", "integer"));
  cols.push(column("rag", "RAG", "rag"));
  table.set("columns", std::move(cols));
  Tree rows = Tree::array();
  const char* bands[] = {"green", "red", "blue", "amber"};
  for (int i = 0; i < 5000; ++i) {
    Tree r = Tree::object();
    r.set("ref", "row" + std::to_string(i));
    r.set("n", i);
    r.set("rag", bands[i % 4]);
    rows.push(std::move(r));
  }
  table.set("rows", std::move(rows));
  table.set("sort", "-rag");
  table.set("totals", true);
  const std::string html = render_html(view_with(std::move(table)));
  CHECK(count(html, "<tr><td class=\"key\">row") == 5000);  // short text keeps to one line
  const auto first_red = html.find("row1<"), first_amber = html.find("row3<"), first_green = html.find("row0<");
  CHECK(first_red < first_amber);
  CHECK(first_amber < first_green);
  CHECK(html.find("<td class=\"num\">12,497,500</td>") != std::string::npos);  // 0 + ... + 4999
  check_balanced(html);
}

TEST_CASE("html: a 4x4 heat map draws one rect per cell, discs, rings and axes", "[export][html]") {
  Tree hm = element("heatmap");
  hm.set("title", "Risk map");
  hm.set("rule_title", "Met 4x4 scoring");
  Tree lik = Tree::array(), imp = Tree::array(), bands = Tree::array(), cur = Tree::array(), tgt = Tree::array();
  const char* names[] = {"Rare", "Unlikely", "Likely", "Almost certain"};
  const char* band_of[] = {"green", "amber", "red", "blue"};
  for (int l = 0; l < 4; ++l) {
    lik.push(names[l]);
    imp.push(std::string("I") + std::to_string(l + 1));
    Tree brow = Tree::array(), crow = Tree::array(), trow = Tree::array();
    for (int i = 0; i < 4; ++i) {
      brow.push(band_of[(l + i) / 2 % 4]);
      Tree c = Tree::array(), t = Tree::array();
      if (l == 3 && i == 3) c.push("R7");
      if (l == 0 && i == 1) t.push(7);
      crow.push(std::move(c));
      trow.push(std::move(t));
    }
    bands.push(std::move(brow));
    cur.push(std::move(crow));
    tgt.push(std::move(trow));
  }
  hm.set("likelihood", std::move(lik));
  hm.set("impact", std::move(imp));
  hm.set("bands", std::move(bands));
  hm.set("current", std::move(cur));
  hm.set("target", std::move(tgt));
  const std::string html = render_html(view_with(std::move(hm)));
  CHECK(count(html, "<svg xmlns") == 1);
  CHECK(count(html, "<rect") == 16);
  // Banded cells are the opaque fill (core/palette.hpp); none is a tint.
  CHECK(count(html, "fill-opacity=\"0.35\"") == 0);
  CHECK(count(html, "fill=\"#D55E00\" stroke") + count(html, "fill=\"#E69F00\" stroke") +
            count(html, "fill=\"#009E73\" stroke") + count(html, "fill=\"#0072B2\" stroke") ==
        16);
  CHECK(html.find(">Likelihood</text>") != std::string::npos);
  CHECK(html.find(">Impact</text>") != std::string::npos);
  CHECK(html.find(">Almost certain</text>") != std::string::npos);
  CHECK(html.find("Scored with Met 4x4 scoring") != std::string::npos);
  // R7's cell is blue: white reads best on it, so the disc is white with
  // the ref in the cell's blue.
  CHECK(html.find("fill=\"#fff\"/><text") != std::string::npos);
  CHECK(html.find("fill=\"#0072B2\">R7</text>") != std::string::npos);
  CHECK(html.find(">R7</text>") != std::string::npos);
  CHECK(html.find("fill=\"none\" stroke=\"#") != std::string::npos);  // a hollow ring
  CHECK(html.find(">7</text>") != std::string::npos);
  // Likelihood runs low at the bottom: "Rare" sits lower (larger y) than
  // "Almost certain".
  CHECK(text_y(html, "Rare") > text_y(html, "Almost certain"));
  check_balanced(html);
}

TEST_CASE("html: line, bar and stacked bar charts are inline SVG with legends", "[export][html]") {
  Tree line = element("chart");
  line.set("kind", "line");
  line.set("title", "Waiting times");
  line.set("unit", "%");
  line.set("target", 92);
  Tree ls = Tree::array();
  ls.push(series("North", {{"Jan", 88}, {"Feb", 90.5}, {"Mar", 93}}));
  ls.push(series("South <b>", {{"Jan", 80}, {"Feb", 85}, {"Apr", 91}}));
  line.set("series", std::move(ls));
  Tree bar = element("chart");
  bar.set("kind", "bar");
  Tree bs = Tree::array();
  bs.push(series("Spend", {{"Estates", 1200}, {"IT", -300}, {"People", 450}}));
  bar.set("series", std::move(bs));
  Tree stacked = element("chart");
  stacked.set("kind", "stacked_bar");
  Tree ss = Tree::array();
  ss.push(series("Open", {{"Q1", 5}, {"Q2", 7}}));
  ss.push(series("Closed", {{"Q1", 3}, {"Q2", 4}}));
  stacked.set("series", std::move(ss));
  Tree cols = element("columns");
  Tree widths = Tree::array();
  widths.push(2);
  widths.push(1);
  cols.set("widths", std::move(widths));
  Tree kids = Tree::array();
  kids.push(std::move(line));
  kids.push(std::move(bar));
  kids.push(std::move(stacked));
  cols.set("children", std::move(kids));
  const std::string html = render_html(view_with(std::move(cols)));
  CHECK(count(html, "<svg xmlns") == 3);
  CHECK(html.find("grid-template-columns:minmax(0,2fr) minmax(0,1fr) minmax(0,1fr)") != std::string::npos);
  CHECK(html.find("<figcaption>Waiting times</figcaption>") != std::string::npos);
  CHECK(html.find("stroke-dasharray") != std::string::npos);
  CHECK(html.find(">target</text>") != std::string::npos);
  CHECK(html.find("South &lt;b&gt;") != std::string::npos);  // legend, escaped
  CHECK(html.find(">Apr</text>") != std::string::npos);
  CHECK(html.find(">80%</text>") != std::string::npos);  // nice ticks (step 5) with the unit
  CHECK(html.find(">95%</text>") != std::string::npos);
  CHECK(html.find(">Estates</text>") != std::string::npos);
  CHECK(html.find(">1,200</text>") != std::string::npos);
  CHECK(html.find(">-300</text>") != std::string::npos);
  CHECK(html.find("Open, Q2: 7") != std::string::npos);
  CHECK(html.find("Closed, Q1: 3") != std::string::npos);
  check_balanced(html);
}

TEST_CASE("html: rag summary, link, error elements and the view's errors", "[export][html]") {
  Tree section = element("section");
  Tree kids = Tree::array();
  Tree summary = element("rag_summary");
  Tree counts = Tree::object();
  counts.set("green", 2);
  counts.set("red", 1);
  counts.set("amber", 8);
  counts.set("unscored", 1);
  summary.set("counts", std::move(counts));
  kids.push(std::move(summary));
  Tree link = element("link");
  link.set("text", "Overdue actions");
  link.set("view", "audit_panel.actions");
  Tree params = Tree::object();
  params.set("term", "long");
  params.set("year", 2026);
  link.set("params", std::move(params));
  kids.push(std::move(link));
  Tree err = element("error");
  err.set("message", "query failed: no such table <x>");
  kids.push(std::move(err));
  section.set("children", std::move(kids));
  Tree v = view_with(std::move(section));
  Tree errors = Tree::array();
  Tree e1 = Tree::object();
  e1.set("message", "unknown field 'colour'");
  e1.set("site", "views/audit.lua:12");
  errors.push(std::move(e1));
  v.set("errors", std::move(errors));
  const std::string html = render_html(v);
  const auto red = html.find("<strong>1</strong> Red"), amber = html.find("<strong>8</strong> Amber");
  CHECK(red != std::string::npos);
  CHECK(red < amber);
  CHECK(amber < html.find("<strong>2</strong> Green"));
  CHECK(html.find("<strong>1</strong> unscored") != std::string::npos);
  CHECK(html.find("Overdue actions \u2014 see view <cite>audit_panel.actions</cite> (term=long, year=2026)") !=
        std::string::npos);
  CHECK(html.find("<strong>Error:</strong> query failed: no such table &lt;x&gt; <span class=\"site\">"
                  "(views/test.lua:1)</span>") != std::string::npos);
  // The view's errors come first, before any content.
  const auto top_error = html.find("unknown field &#39;colour&#39; <span class=\"site\">(views/audit.lua:12)");
  CHECK(top_error != std::string::npos);
  CHECK(top_error < red);
  // Errors are grey, never red.
  CHECK(html.find(".error { border: 1px solid #8a8f96") != std::string::npos);
  CHECK(html.find("class=\"error rag-red") == std::string::npos);
  check_balanced(html);
}

TEST_CASE("html: malformed trees render without throwing", "[export][html]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Tree v = Tree::object();
  v.set("type", "view");
  v.set("title", 42);
  v.set("params", "not an object");
  v.set("errors", Tree::array()).push(7);
  v.set("provenance", Tree::array());
  Tree kids = Tree::array();
  kids.push("a bare string");
  kids.push(Tree());
  kids.push(element("mystery"));
  Tree tiles = element("tiles");
  Tree items = Tree::array();
  Tree t = Tree::object();
  t.set("value", nan);
  t.set("change", inf);
  t.set("rag", 3);
  items.push(std::move(t));
  items.push("junk");
  tiles.set("items", std::move(items));
  kids.push(std::move(tiles));
  Tree table = element("table");
  Tree cols = Tree::array();
  cols.push(column("a", "A", "number"));
  cols.push(column("b", "B", "bogus"));
  cols.push(Tree::object());  // no key: skipped
  table.set("columns", std::move(cols));
  Tree rows = Tree::array();
  Tree r = Tree::object();
  r.set("a", nan);
  r.set("b", Tree::array());
  rows.push(std::move(r));
  rows.push(5);
  table.set("rows", std::move(rows));
  table.set("sort", "-a");
  table.set("totals", true);
  kids.push(std::move(table));
  Tree empty_table = element("table");
  empty_table.set("columns", "nope");
  kids.push(std::move(empty_table));
  Tree chart = element("chart");
  chart.set("kind", "line");
  Tree series_list = Tree::array();
  series_list.push(series("x", {{"a", nan}, {"b", inf}}));
  series_list.push(42);
  chart.set("series", std::move(series_list));
  kids.push(std::move(chart));
  Tree huge = element("chart");
  huge.set("kind", "stacked_bar");
  Tree hs = Tree::array();
  hs.push(series("big", {{"a", 1e308}, {"b", -1e308}}));
  huge.set("series", std::move(hs));
  kids.push(std::move(huge));
  Tree bad_kind = element("chart");
  bad_kind.set("kind", "pie");
  kids.push(std::move(bad_kind));
  Tree hm = element("heatmap");
  hm.set("likelihood", Tree::array());
  hm.set("bands", "x");
  kids.push(std::move(hm));
  Tree ragged = element("heatmap");
  ragged.set("likelihood", Tree::array()).push("L");
  ragged.set("impact", Tree::array()).push(nan);
  kids.push(std::move(ragged));
  Tree text = element("text");
  text.set("text", std::string("bad utf8 \xff\xfe and nul \x01 ") + std::string(20000, 'w') + " ****** * ** *");
  kids.push(std::move(text));
  Tree summary = element("rag_summary");
  summary.set("counts", Tree::array());
  kids.push(std::move(summary));
  Tree link = element("link");
  link.set("params", 3);
  kids.push(std::move(link));
  // A tree nested far deeper than validation allows.
  Tree deep = element("text");
  deep.set("text", "bottom");
  for (int i = 0; i < 200; ++i) {
    Tree s = element("section");
    s.set("children", Tree::array()).push(std::move(deep));
    deep = std::move(s);
  }
  kids.push(std::move(deep));
  v.set("children", std::move(kids));

  std::string html;
  REQUIRE_NOTHROW(html = render_html(v));
  CHECK(html.find("<h1>42</h1>") != std::string::npos);
  CHECK(html.find("NaN") == std::string::npos);
  CHECK(html.find("inf") == std::string::npos);
  CHECK(html.find("\xff") == std::string::npos);
  CHECK(html.find("\uFFFD\uFFFD") != std::string::npos);
  CHECK(html.find("cannot show an element of type &quot;mystery&quot;") != std::string::npos);
  CHECK(html.find("nested too deeply") != std::string::npos);
  CHECK(html.find("Chart kind &quot;pie&quot; cannot be shown") != std::string::npos);
  CHECK(html.find("1 row could not be shown") != std::string::npos);
  check_balanced(html);

  // Not even an object.
  std::string bare;
  REQUIRE_NOTHROW(bare = render_html(Tree(3.5)));
  CHECK(bare.find("not an object") != std::string::npos);
  check_balanced(bare);
  REQUIRE_NOTHROW(bare = render_html(Tree::object()));
  check_balanced(bare);
}

// The HTML paper printed by a real browser: Debian's Chromium, when the
// machine has it (it is not a build dependency). A4 pages, numbered.
TEST_CASE("html: the Audit Panel paper prints on numbered A4 pages in Chromium", "[export][html][browser]") {
  if (!std::filesystem::exists("/usr/bin/chromium")) {
    WARN("chromium is not installed; the browser print check did not run");
    return;
  }
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  const auto html = dir / "audit-panel.html", pdf = dir / "printed.pdf";
  REQUIRE(gbtest::run_govbench(
              {"render", "audit_panel.risks", "--db", db.string(), "--format", "html", "-o", html.string()})
              .exit_code == 0);
  const auto printed = gbtest::run_program({"timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                            "--no-pdf-header-footer", "--user-data-dir=" + (dir / "profile").string(),
                                            "--print-to-pdf=" + pdf.string(), "file://" + html.string()});
  INFO(printed.err);
  REQUIRE(std::filesystem::exists(pdf));
  const auto info = gbtest::run_program({"pdfinfo", pdf.string()});
  CHECK(info.out.find("(A4)") != std::string::npos);
  const auto text = gbtest::run_program({"pdftotext", pdf.string(), "-"}).out;
  CHECK(text.find("Page 1 of ") != std::string::npos);
  CHECK(text.find("Corporate risk register") != std::string::npos);
  CHECK(text.find("Long-term heat map") != std::string::npos);
}

TEST_CASE("html: band colours come from the palette and a band's shape is drawn in its ink", "[export][html]") {
  const std::string html = render_html(Tree::object());
  for (gb::Rag r : {gb::Rag::Red, gb::Rag::Amber, gb::Rag::Green, gb::Rag::Blue}) {
    INFO(gb::rag_name(r));
    const std::string n = gb::rag_name(r);
    CHECK(html.find(".tile.rag-" + n + " { border-left-color: " + gb::hex(gb::rag_fill(r)) + ";") != std::string::npos);
    CHECK(html.find(".rag-" + n + " .sym { color: " + gb::hex(gb::rag_ink(r, gb::PaletteTheme::Light)) + ";") !=
          std::string::npos);
    CHECK(gb::contrast_ratio(gb::rag_ink(r, gb::PaletteTheme::Light), gb::Rgb{255, 255, 255}) >=
          4.5);  // the badge is white
  }
}
