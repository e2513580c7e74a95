// One value reads the same wherever a person meets it (issue 17, "format
// once"): a view with one indicator tile of each unit kind the bundled
// packs use (pp, %, a counted noun, a ratio, a plain number, "count") and a
// table with number, percent and integer columns, rendered through every
// output: the CLI's eval table, HTML, PDF (read back with pdftotext), CSV
// and Markdown (session minutes). Each output must show the text
// core/format.hpp gives; the window draws tiles and cells with the same
// functions (ui/view_renderer.cpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/format.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "export/markdown.hpp"
#include "support.hpp"

namespace {

struct Kind {
  const char* id;
  const char* unit;
  double value;
  const char* reads;  // what every output must show
};

// Values chosen so that a second rule would show: a space or none before
// the unit, a plural for one, thousands separators, two decimals.
const Kind kKinds[] = {
    {"fmt.gap", "pp", -12.34, "-12.34 pp"},
    {"fmt.share", "%", 45, "45%"},
    {"fmt.one_risk", "risks", 1, "1 risk"},
    {"fmt.priorities", "priorities", 3, "3 priorities"},
    {"fmt.one_priority", "priorities", 1, "1 priority"},
    {"fmt.ratio", "x", 2.5, "2.5 x"},
    {"fmt.plain", "", 1234.5, "1,234.5"},
    {"fmt.counted", "count", 7, "7"},
};

std::string pack_source() {
  std::string s;
  for (const Kind& k : kKinds)
    s += std::string("gov.indicator { id = '") + k.id + "', title = '" + k.id + "', unit = '" + k.unit +
         "', polarity = 'higher_is_better', thresholds = { green = 100000, amber = -100000 },\n"
         "  compute = function(ctx) return " +
         gb::format_double(k.value) + " end }\n";
  return s;
}

const char* const kView = R"(
gov.view { id = 'fmt.all', title = 'Every unit', build = function(ctx, p)
  local items = {}
  for _, id in ipairs { 'fmt.gap', 'fmt.share', 'fmt.one_risk', 'fmt.priorities', 'fmt.one_priority',
                        'fmt.ratio', 'fmt.plain', 'fmt.counted' } do
    items[#items + 1] = { indicator = id }
  end
  return gov.ui.page { title = 'Units',
    gov.ui.tiles { items = items },
    gov.ui.table { title = 'Cells', columns = {
        { key = 'n', label = 'Number', format = 'number' },
        { key = 'p', label = 'Percent', format = 'percent' },
        { key = 'i', label = 'Integer', format = 'integer' } },
      rows = { { n = 2500.5, p = 55.25, i = 1234 } } },
  }
end }
)";

// Text as a reader sees it: tags dropped, the few entities HTML export
// writes turned back into characters.
std::string html_text(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out.push_back(c);
  }
  for (const auto& [entity, ch] : {std::pair<std::string, std::string>{"&amp;", "&"},
                                   {"&lt;", "<"},
                                   {"&gt;", ">"},
                                   {"&quot;", "\""},
                                   {"&#39;", "'"}}) {
    for (auto at = out.find(entity); at != std::string::npos; at = out.find(entity, at + ch.size()))
      out.replace(at, entity.size(), ch);
  }
  return out;
}

}  // namespace

TEST_CASE("format once: the same value reads the same in the CLI HTML PDF CSV and Markdown", "[export][format]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pack =
      gbtest::write_pack(dir.path(), "fmt", {{"indicators/all.lua", pack_source()}, {"views/all.lua", kView}}).string();

  // The CLI's eval table.
  std::vector<std::string> args{"eval", "--db", db, "--packs", pack};
  for (const Kind& k : kKinds) args.insert(args.end(), {"--indicator", k.id});
  const auto eval = gbtest::run_govbench(args);
  INFO(eval.err);
  REQUIRE(eval.exit_code == 0);
  for (const Kind& k : kKinds) {
    INFO(k.id);
    CHECK(gb::format_value(k.value, k.unit) == k.reads);  // the rule itself
    CHECK_THAT(eval.out,
               Catch::Contains(std::string(k.id) + std::string(40 - std::string(k.id).size(), ' ') + k.reads + " "));
  }

  auto render = [&](const char* format) {
    const auto out = dir / (std::string("all.") + format);
    const auto r = gbtest::run_govbench(
        {"render", "fmt.all", "--db", db, "--packs", pack, "--format", format, "-o", out.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return out;
  };
  const std::string html = html_text(gbtest::read_file(render("html")));
  const std::string markdown = gb::exporter::render_markdown(gb::parse_json(gbtest::read_file(render("json"))));
  std::string pdf;
  {
    const auto text = gbtest::run_program({"pdftotext", render("pdf").string(), "-"});
    REQUIRE(text.exit_code == 0);
    pdf = text.out;
  }
  const std::string csv = gbtest::read_file(render("csv"));

  for (const Kind& k : kKinds) {
    INFO(k.id << " should read " << k.reads);
    CHECK_THAT(html, Catch::Contains(k.reads));
    CHECK_THAT(pdf, Catch::Contains(k.reads));
    CHECK_THAT(markdown, Catch::Contains(std::string("**") + k.reads + "**"));
  }
  // Table cells: formatted alike on every paper; CSV keeps the numbers as
  // numbers (a spreadsheet formats them), the same numbers.
  for (const char* cell : {"2,500.5", "55.25%", "1,234"}) {
    INFO(cell);
    CHECK_THAT(html, Catch::Contains(cell));
    CHECK_THAT(pdf, Catch::Contains(cell));
    CHECK_THAT(markdown, Catch::Contains(std::string("| ") + cell + " |"));
  }
  CHECK(csv == "Number,Percent,Integer\r\n2500.5,55.25,1234\r\n");
  // No "1 risks" or "1 priorities" anywhere.
  for (const std::string& text : {eval.out, html, pdf, markdown}) {
    CHECK_THAT(text, !Catch::Contains("1 risks") && !Catch::Contains("1 priorities"));
  }
}

TEST_CASE("format once: each unit kind by its rule", "[unit][format]") {
  CHECK(gb::format_value(-12.3, "pp") == "-12.3 pp");
  CHECK(gb::format_value(45, "%") == "45%");
  CHECK(gb::format_value(1, "risks") == "1 risk");
  CHECK(gb::format_value(2, "risks") == "2 risks");
  CHECK(gb::format_value(1, "changes") == "1 change");
  CHECK(gb::format_value(1.5, "priorities") == "1.5 priorities");
  CHECK(gb::format_value(3.456, "per 1,000") == "3.46 per 1,000");
  CHECK(gb::format_value(7, "count") == "7");
  CHECK(gb::format_value(1, "points") == "1 point");
  CHECK(gb::format_value(std::nan(""), "%") == "\u2014");
  CHECK(gb::format_change(-2.5, "%") == "\u2193 \u22122.5 pp");  // a change between percentages is in points
  CHECK(gb::format_change(1, "days") == "\u2191 +1 day");
  CHECK(gb::format_count(1, "priorities") == "1 priority");
  CHECK(gb::format_count(2, "priority") == "2 priorities");
  CHECK(gb::format_count(1200, "actions") == "1,200 actions");
  CHECK(gb::format_count(1, "boxes") == "1 box");
  CHECK(gb::noun_for(0, "risk") == "risks");
  CHECK(std::string(gb::rag_word("AMBER")) == "Amber");
  CHECK(std::string(gb::rag_word("none")).empty());
  CHECK(gb::format_date("2021-12-31") == "2021-12-31");
  CHECK(gb::format_date("2026-11-25T10:05:00Z") == "2026-11-25 10:05 UTC");
  gb::Tree year(2021);
  gb::Tree share(55.25);
  gb::Tree band("red");
  CHECK(gb::format_cell(&year, "text") == "2021");
  CHECK(gb::format_cell(&year, "number") == "2,021");
  CHECK(gb::format_cell(&share, "percent") == "55.25%");
  CHECK(gb::format_cell(&band, "rag") == "Red");
}
