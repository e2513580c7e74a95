// The scratch console (engine/console.hpp): Lua with the packs' ctx and SQL
// on the guarded connection, answers shaped as values, tables and charts,
// errors with the input's line, and Save as indicator.
#include "engine/console.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/json.hpp"
#include "engine/local_workspace.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using gb::engine::ConsoleOutcome;

namespace {

gb::engine::WorkspaceOptions options_for(const fs::path& db, std::vector<std::string> packs = {}) {
  gb::engine::WorkspaceOptions o;
  o.database = db.string();
  o.pack_dirs = std::move(packs);
  o.watch = false;
  o.open_read_only = true;
  return o;
}

}  // namespace

TEST_CASE("console: Lua with ctx gives a value and SQL gives a table", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  ConsoleOutcome v = ws.run_console("ctx.value(\"SELECT count(*) FROM risk_register\")");
  CHECK(v.language == "lua");
  REQUIRE(v.kind == ConsoleOutcome::Kind::Value);
  CHECK(v.text == "11");

  ConsoleOutcome t = ws.run_console("SELECT ref, name FROM risk_register ORDER BY ref");
  CHECK(t.language == "sql");
  REQUIRE(t.kind == ConsoleOutcome::Kind::Table);
  CHECK(t.table.columns == std::vector<std::string>{"ref", "name"});
  CHECK(t.table.total_rows == 11);
  CHECK(t.table.rows[0][1] == "VIOLENT CRIME");
  CHECK(t.table.numeric[0]);
  CHECK_FALSE(t.table.numeric[1]);
  // Labels with numbers: a breakdown chart, in the query's order.
  ConsoleOutcome c =
      ws.run_console("SELECT name, likelihood_ordinal * impact_ordinal AS score FROM risk_register ORDER BY ref");
  REQUIRE(c.chart.kind == gb::IndicatorResult::Kind::Breakdown);
  CHECK(c.chart.breakdown.size() == 11);
  CHECK(c.chart.breakdown[0].group == "VIOLENT CRIME");
  // Periods with numbers: a series.
  ConsoleOutcome s = ws.run_console("VALUES ('2021-Q1', 1.5), ('2021-Q2', 2.5), ('2021-Q3', 2)");
  REQUIRE(s.chart.kind == gb::IndicatorResult::Kind::Series);
  CHECK(s.chart.series.size() == 3);
  CHECK(s.chart.series[1].value == Approx(2.5));
}

TEST_CASE("console: errors name the input's line and writes are refused", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  ConsoleOutcome e = ws.run_console("local a = 1\nlocal b = nil\nreturn b.field");
  REQUIRE(e.kind == ConsoleOutcome::Kind::Error);
  CHECK(e.line == 3);
  CHECK_THAT(e.text, Catch::Contains("nil value"));

  ConsoleOutcome col = ws.run_console("ctx.value('SELECT avg(\"likelyhood\") FROM risk_register')");
  REQUIRE(col.kind == ConsoleOutcome::Kind::Error);
  CHECK_THAT(col.text, Catch::Contains("no such column"));
  CHECK(col.line == 1);

  ConsoleOutcome w = ws.run_console("SELECT * FROM risk_register; DELETE FROM risk_register");
  CHECK(w.kind == ConsoleOutcome::Kind::Error);
  ConsoleOutcome w2 = ws.run_console("ctx.sql('DELETE FROM audit_log')");
  REQUIRE(w2.kind == ConsoleOutcome::Kind::Error);
  CHECK_THAT(w2.text, Catch::Contains("is not allowed"));
  CHECK(ws.run_console("ctx.value('SELECT count(*) FROM risk_register')").text == "11");

  ConsoleOutcome syntax = ws.run_console("function f(");
  REQUIRE(syntax.kind == ConsoleOutcome::Kind::Error);
  CHECK_THAT(syntax.text, Catch::Contains("<eof>"));
}

TEST_CASE("console: globals last between inputs and print is shown", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  ConsoleOutcome set = ws.run_console("n = ctx.value('SELECT count(*) FROM risk_register') print('counted', n)");
  CHECK(set.kind == ConsoleOutcome::Kind::Nothing);
  REQUIRE(set.printed.size() == 1);
  CHECK(set.printed[0] == "counted\t11");
  CHECK(ws.run_console("n * 2").text == "22");
  // The sandbox is the packs': no io, no os.execute.
  CHECK(ws.run_console("io.open('/etc/passwd')").kind == ConsoleOutcome::Kind::Error);
  CHECK(ws.run_console("os.execute('true')").kind == ConsoleOutcome::Kind::Error);
}

TEST_CASE("console: another indicator through ctx.indicator shows its headline and chart", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  ConsoleOutcome b = ws.run_console("ctx.indicator('risk.band_count')");
  REQUIRE(b.kind == ConsoleOutcome::Kind::Table);
  CHECK_THAT(b.text, Catch::Contains("band"));
  REQUIRE(b.chart.kind == gb::IndicatorResult::Kind::Breakdown);
  double total = 0;
  for (const auto& g : b.chart.breakdown) total += g.value.value_or(0);
  CHECK(total == 11);
  ConsoleOutcome n = ws.run_console("ctx.indicator('risk.count')");
  REQUIRE(n.kind == ConsoleOutcome::Kind::Value);
  CHECK_THAT(n.text, Catch::Contains("11 risks"));
}

TEST_CASE("console: a runaway input ends at the time budget", "[console]") {
  gbtest::TempDir dir;
  const fs::path db = gbtest::demo_copy(dir);
  REQUIRE(gbtest::run_govbench({"setting", "--db", db.string(), "script.time_budget_ms", "200"}).exit_code == 0);
  gb::engine::LocalWorkspace ws(options_for(db));
  ConsoleOutcome r = ws.run_console("while true do end");
  REQUIRE(r.kind == ConsoleOutcome::Kind::Error);
  CHECK_THAT(r.text, Catch::Contains("time budget"));
  CHECK(r.milliseconds < 5000);
  CHECK(ws.run_console("1 + 1").text == "2");  // and the console goes on
}

TEST_CASE("console: an answer crosses the wire unchanged", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  for (const char* in :
       {"SELECT name, impact_ordinal FROM risk_register", "ctx.value('SELECT 1')", "nope(", "print('x')"}) {
    const ConsoleOutcome o = ws.run_console(in);
    const ConsoleOutcome back = ConsoleOutcome::from_tree(gb::parse_json(o.to_tree().to_json()));
    CHECK(back.to_tree() == o.to_tree());
  }
  CHECK_THROWS(ConsoleOutcome::from_tree(gb::parse_json("{\"input\": 1}")));
}

TEST_CASE("console: Save as indicator writes a pack file that evaluates to the same value", "[console]") {
  gbtest::TempDir dir;
  const fs::path db = gbtest::demo_copy(dir);
  const fs::path pack = gbtest::write_pack(dir.path(), "scratch-pack", {});
  const std::string lua_in = "ctx.value(\"SELECT count(*) FROM risk_register WHERE likelihood_ordinal >= 3\")";
  const fs::path f =
      gb::engine::save_as_indicator(pack, "scratch_pack.high_likelihood", "High likelihood risks", lua_in);
  CHECK(f == pack / "indicators" / "high_likelihood.lua");
  gb::engine::save_as_indicator(pack, "scratch_pack.sql_count", "", "SELECT count(*) FROM risk_register;");
  // Never overwrites; refuses a bad id and a folder that is not a pack.
  CHECK_THROWS_WITH(gb::engine::save_as_indicator(pack, "scratch_pack.high_likelihood", "", "1"),
                    Catch::Contains("already exists"));
  CHECK_THROWS_WITH(gb::engine::save_as_indicator(pack, "9 bad id", "", "1"),
                    Catch::Contains("not a valid indicator id"));
  CHECK_THROWS_WITH(gb::engine::save_as_indicator(dir.path(), "x.y", "", "1"), Catch::Contains("not a pack folder"));
  // A link planted at the file's name is never written through, dangling or not.
  fs::create_symlink(dir.path() / "elsewhere.lua", pack / "indicators" / "planted.lua");
  CHECK_THROWS_WITH(gb::engine::save_as_indicator(pack, "scratch_pack.planted", "", "1"),
                    Catch::Contains("already exists"));
  CHECK_FALSE(fs::exists(dir.path() / "elsewhere.lua"));
  fs::remove(pack / "indicators" / "planted.lua");

  gb::engine::LocalWorkspace ws(options_for(db, {pack.string()}));
  const std::string expected = ws.run_console(lua_in).text;
  auto r = ws.evaluate_indicator("scratch_pack.high_likelihood", true);
  INFO(r.error);
  REQUIRE(r.status == gb::IndicatorResult::Status::Ok);
  CHECK(gb::format_number(*r.value, 6) == expected);
  CHECK(r.title == "High likelihood risks");
  auto s = ws.evaluate_indicator("scratch_pack.sql_count", true);
  REQUIRE(s.status == gb::IndicatorResult::Status::Ok);
  CHECK(*s.value == 11);
}

TEST_CASE("console: SQL is told from Lua by its first word", "[console]") {
  using gb::engine::looks_like_sql;
  CHECK(looks_like_sql("SELECT 1"));
  CHECK(looks_like_sql("  with x AS (SELECT 1) SELECT * FROM x"));
  CHECK(looks_like_sql("-- a comment\nselect 1"));
  CHECK(looks_like_sql("VALUES (1)"));
  CHECK_FALSE(looks_like_sql("ctx.value('SELECT 1')"));
  CHECK_FALSE(looks_like_sql("select = 3"));
  CHECK_FALSE(looks_like_sql("select(1)"));
  CHECK_FALSE(looks_like_sql("selection"));
}

TEST_CASE("console: a misspelled column in SQL names the nearest real one", "[console]") {
  gbtest::TempDir dir;
  gb::engine::LocalWorkspace ws(options_for(gbtest::demo_copy(dir)));
  ConsoleOutcome o = ws.run_console("SELECT avg(likelihod_ordinal) FROM risk_register");
  REQUIRE(o.kind == ConsoleOutcome::Kind::Error);
  CHECK_THAT(o.text, Catch::Contains("no such column: likelihod_ordinal") && Catch::Contains("likelihood_ordinal"));
  ConsoleOutcome p = ws.run_console("SELECT name FROM pragma_table_info('risk_register') LIMIT 2");
  REQUIRE(p.kind == ConsoleOutcome::Kind::Table);
  CHECK(p.table.rows[0][0] == "risk_id");
}
