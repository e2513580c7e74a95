// Board views: the tree a build returns is checked, resolved and given
// provenance; mistakes and failures become errors naming file and line.
#include "engine/views.hpp"

#include <catch2/catch.hpp>

#include "core/format.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::engine;

namespace {

struct Fixture {
  gbtest::TempDir dir;
  std::filesystem::path db_path;
  script::PackSet packs;
  std::unique_ptr<script::ScriptDb> db;
  std::unique_ptr<IndicatorEvaluator> ev;

  explicit Fixture(const std::string& views_lua) {
    db_path = gbtest::demo_copy(dir);
    gbtest::write_pack(
        dir.path(), "v",
        {{"views/v.lua", views_lua},
         {"indicators/i.lua",
          "gov.indicator { id = 'v.count', title = 'Risks', unit = 'risks', polarity = 'lower_is_better',\n"
          "  thresholds = { green = 5, amber = 10 }, compute = function(ctx)\n"
          "  return ctx.value('SELECT count(*) FROM risks') end }\n"},
         {"rules/r.lua",
          "gov.rule { id = 'v.grid', title = 'Grid', likelihood = { 'L', 'M', 'H', 'VH' }, impact = { 'L', 'M', 'H', "
          "'VH' },\n"
          "  grid = { { 'green','green','green','amber' }, { 'green','green','amber','amber' },\n"
          "           { 'green','amber','amber','red' }, { 'amber','amber','red','red' } } }\n"}});
    packs.add_source(dir / "v", "--packs");
    script::Limits l;
    l.time_budget = std::chrono::milliseconds(300);
    packs.load();
    INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
    REQUIRE(packs.problems().empty());
    db = std::make_unique<script::ScriptDb>(db_path);
    ev = std::make_unique<IndicatorEvaluator>(packs, *db);
  }
  Tree build(const std::string& id, std::vector<std::pair<std::string, std::string>> params = {}) {
    return build_view(packs, *db, *ev, {id, std::move(params), "2021-12-31"}, "demo.db");
  }
};

const Tree& child(const Tree& t, std::size_t i) {
  return t.find("children")->as_array().at(i);
}

}  // namespace

TEST_CASE("a view's tree is resolved: heat map scored, indicator tiles evaluated, provenance attached",
          "[engine][views]") {
  Fixture f(R"(
local ui = gov.ui
gov.view { id = 'v.summary', title = 'Summary', board = 'Audit Panel',
  params = { term = gov.param.choice { 'all', 'short', 'long' } },
  build = function(ctx, p)
    local rows = ctx.sql('SELECT ref, name, likelihood, impact FROM risk_register WHERE ? = ? OR term = ? ORDER BY ref',
                         p.term, 'all', p.term)
    return ui.page { title = 'Corporate risks',
      ui.text 'The register as at **December 2021**.',
      ui.tiles { items = { { indicator = 'v.count' }, { label = 'Rows', value = #rows } } },
      ui.section { title = 'Register',
        ui.table { columns = { { key = 'ref', label = 'Ref', format = 'integer' }, { key = 'name', label = 'Risk' } },
                   rows = rows, sort = '-ref' } },
      ui.columns { ui.heatmap { rule = 'v.grid', term = 'long' }, ui.rag_summary { counts = { red = 1, amber = 8, green = 2 } } },
      ui.chart { kind = 'line', series = { { name = 's', points = { { label = '2021-Q3', value = 1 }, { label = '2021-Q4', value = 2 } } } } },
      ui.link { text = 'again', view = 'v.summary', params = { term = 'long' } },
    }
  end }
)");
  Tree v = f.build("v.summary", {{"term", "long"}});
  CHECK(view_error_count(v) == 0);
  CHECK(v.find("title")->as_string() == "Summary");
  CHECK(v.find("params")->find("term")->as_string() == "long");
  const Tree& page = child(v, 0);
  CHECK(page.find("type")->as_string() == "page");
  CHECK(page.find("site")->as_string() == "views/v.lua:8");
  const Tree& tiles = child(page, 1);
  const Tree& tile = tiles.find("items")->as_array()[0];
  CHECK(tile.find("label")->as_string() == "Risks");
  CHECK(tile.find("value")->as_number() == 11);
  CHECK(tile.find("rag")->as_string() == "red");
  CHECK(tiles.find("items")->as_array()[1].find("value")->as_number() == 8);  // long-term risks
  const Tree& heat = child(child(page, 3), 0);
  CHECK(heat.find("likelihood")->size() == 4);
  CHECK(heat.find("bands")->as_array()[3].as_array()[3].as_string() == "red");
  // Risk 10 (long term) is current at VH v VH.
  CHECK(heat.find("current")->as_array()[3].as_array()[3].as_array()[0].as_number() == 10);
  const Tree* prov = v.find("provenance");
  REQUIRE(prov);
  CHECK(prov->find("database")->as_string() == "demo.db");
  CHECK(prov->find("data_fingerprint")->as_string().size() == 16);
  CHECK(prov->find("packs")->as_array()[0].find("name")->as_string() == "v");
}

TEST_CASE("a page states the date its figures are as at and the provenance carries it", "[engine][views]") {
  Fixture f(R"(
local ui = gov.ui
gov.view { id = 'v.dated', title = 'Dated', board = 'Audit Panel', build = function(ctx)
  return ui.page { title = 'Register', as_at = '2021-09-30', ui.text 'x' } end }
gov.view { id = 'v.undated', title = 'Undated', board = 'Audit Panel', build = function(ctx)
  return ui.page { title = 'Register', ui.text 'x' } end }
gov.view { id = 'v.later', title = 'Later', board = 'Audit Panel', build = function(ctx)
  return ui.page { title = 'Register', as_at = '2022-01-01', ui.text 'x' } end }
gov.view { id = 'v.notadate', title = 'Not a date', board = 'Audit Panel', build = function(ctx)
  return ui.page { title = 'Register', as_at = '2021-02-30', ui.text 'x' } end }
)");
  Tree dated = f.build("v.dated");
  CHECK(view_error_count(dated) == 0);
  CHECK(dated.find("provenance")->find("figures_as_at")->as_string() == "2021-09-30");
  CHECK(figures_as_at_text("2021-09-30", "2021-12-31") ==
        "30 September 2021 (the latest data on or before 31 December 2021)");
  CHECK(figures_as_at_text("2021-12-31", "2021-12-31") == "31 December 2021");
  // A page that does not say: the view's own date.
  CHECK(f.build("v.undated").find("provenance")->find("figures_as_at")->as_string() == "2021-12-31");
  // Figures cannot be as at a date after the view's; a date that does not exist is refused.
  Tree later = f.build("v.later");
  REQUIRE(view_error_count(later) == 1);
  CHECK(later.find("errors")->as_array()[0].find("message")->as_string().find("after the view's date 2021-12-31") !=
        std::string::npos);
  Tree bad = f.build("v.notadate");
  REQUIRE(view_error_count(bad) == 1);
  CHECK(bad.find("errors")->as_array()[0].find("message")->as_string().find("as_at must be a date") !=
        std::string::npos);
}

TEST_CASE("a malformed tree is reported with the element and the line that built it", "[engine][views]") {
  Fixture f(R"(
local ui = gov.ui
gov.view { id = 'v.bad', title = 'Bad', build = function(ctx, p)
  return ui.page { title = 'x',
    ui.table { columns = { { key = 'a', format = 'money' } }, rows = {} },
    ui.chart { kind = 'pie', series = {} },
    ui.heatmap { rule = 'no.rule' },
    ui.link { view = 'no.view' },
    ui.text { text = 'ok', colour = 'red' },
    { type = 'marquee' },
  }
end }
)");
  Tree v = f.build("v.bad");
  REQUIRE(view_error_count(v) == 6);
  const auto& e = v.find("errors")->as_array();
  CHECK(e[0].find("message")->as_string() ==
        "view v.bad: gov.ui.table: column 'a': format must be text, number, integer, percent, date or rag "
        "(views/v.lua:5)");
  CHECK(e[1].find("message")->as_string() ==
        "view v.bad: gov.ui.chart: kind must be line, bar or stacked_bar (views/v.lua:6)");
  CHECK(e[2].find("message")->as_string() == "view v.bad: gov.ui.heatmap: no scoring rule 'no.rule' (views/v.lua:7)");
  CHECK(e[3].find("message")->as_string() == "view v.bad: gov.ui.link: no view 'no.view' (views/v.lua:8)");
  CHECK(e[4].find("message")->as_string() == "view v.bad: gov.ui.text: unknown field 'colour' (views/v.lua:9)");
  CHECK(e[5].find("message")->as_string() == "view v.bad: unknown element type 'marquee'");
  // In place, each is an error element: never red, never a blank.
  CHECK(child(child(v, 0), 0).find("type")->as_string() == "error");
}

TEST_CASE("a build that raises or runs too long becomes an error naming file and line", "[engine][views]") {
  Fixture f(R"(
gov.view { id = 'v.raises', title = 'Raises', build = function(ctx, p)
  local x = nil
  return x.field
end }
gov.view { id = 'v.loops', title = 'Loops', build = function(ctx, p)
  while true do end
end }
gov.view { id = 'v.fine', title = 'Fine', build = function(ctx, p) return gov.ui.page { gov.ui.text 'ok' } end }
)");
  Tree v = f.build("v.raises");
  REQUIRE(view_error_count(v) == 1);
  CHECK_THAT(v.find("errors")->as_array()[0].find("message")->as_string(),
             Catch::StartsWith("pack v: views/v.lua:4: attempt to index a nil value"));
  v = f.build("v.loops");
  REQUIRE(view_error_count(v) == 1);
  CHECK_THAT(v.find("errors")->as_array()[0].find("message")->as_string(),
             Catch::StartsWith("pack v: views/v.lua:7: exceeded the"));
  CHECK(view_error_count(f.build("v.fine")) == 0);  // the host carries on
}

TEST_CASE("view parameters are checked against their declaration", "[engine][views]") {
  Fixture f(R"(
gov.view { id = 'v.p', title = 'P', params = { term = gov.param.choice { 'all', 'short' }, n = gov.param.number { min = 1, max = 5 } },
  build = function(ctx, p) return gov.ui.text(p.term .. ' ' .. (p.n or '-')) end }
)");
  CHECK(child(f.build("v.p"), 0).find("text")->as_string() == "all -");
  CHECK(child(f.build("v.p", {{"term", "short"}, {"n", "3"}}), 0).find("text")->as_string() == "short 3");
  CHECK_THROWS_WITH(f.build("v.p", {{"term", "long"}}),
                    Catch::Contains("parameter term must be one of its options (got 'long')"));
  CHECK_THROWS_WITH(f.build("v.p", {{"n", "9"}}), Catch::Contains("parameter n must be a number from"));
  CHECK_THROWS_WITH(f.build("v.p", {{"colour", "red"}}),
                    Catch::Contains("has no parameter 'colour' (it has: n, term)"));
  CHECK_THROWS_WITH(f.build("v.nope"), Catch::Contains("no view 'v.nope'"));
}
