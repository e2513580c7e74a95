// Packs come from other teams: each of these attempts must fail with a
// clear error, create or change no file, and leave the host usable.
#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "data/db.hpp"
#include "engine/evaluator.hpp"
#include "script/invoke.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::script;

namespace {

struct Attack {
  const char* id;
  const char* code;      // body of compute(ctx)
  const char* expected;  // part of the error message; alternatives separated by '|'
                         // (under load, a deep recursion may run out of time first)
};

// Each attack is the body of an indicator's compute function.
const Attack kAttacks[] = {
    {"io_open", "return io.open('/tmp/govbench-escape', 'w')", "global 'io'"},
    {"os_execute", "return os.execute('touch /tmp/govbench-escape')", "field 'execute'"},
    {"os_remove", "return os.remove(ctx.params.victim)", "field 'remove'"},
    {"os_exit", "os.exit(3)", "field 'exit'"},
    {"require_c", "return require('lfs')", "module 'lfs' not found"},
    {"require_path", "return require('../../etc/passwd')", "is not a module name"},
    {"require_abs", "return require('/etc/passwd')", "is not a module name"},
    {"load_binary", "return load('\\27Lua\\84\\0')", "binary chunks are not allowed"},
    {"load_binary_mode", "return load('return 1', 'x', 'b')", "binary chunks are not allowed"},
    {"string_dump", "return string.dump(function() end)", "field 'dump'"},
    {"debug_sethook", "debug.sethook(); return 1", "global 'debug'"},
    {"package_loadlib", "return package.loadlib('libc.so.6', 'system')", "global 'package'"},
    {"dofile", "return dofile('/etc/passwd')", "global 'dofile'"},
    {"collectgarbage_stop", "collectgarbage('stop'); return 1", "only collectgarbage(\"count\")"},
    {"infinite_loop", "while true do end", "exceeded the 0.3 s time budget"},
    {"loop_in_pcall", "while true do pcall(function() while true do end end) end", "exceeded the 0.3 s time budget"},
    {"string_rep", "local s = string.rep('x', 1 << 30); return #s", "more than the pack's memory cap of 64 MiB"},
    {"string_rep_sep", "return #('x'):rep(1 << 24, ('y'):rep(64))", "more than the pack's memory cap of 64 MiB"},
    {"table_move_nils", "table.move({}, 1, 3e9, 1, {}); return 1",
     "3000000000 elements are more than the pack's memory"},
    {"finalizer", "setmetatable({}, { __gc = function() while true do end end }); return 1",
     "finalizers (__gc) are not available to packs"},
    {"recursion", "local function f(n) return f(n + 1) + 1 end; return f(1)",
     "stack overflow|time budget|ran out of memory"},
    {"table_grows", "local t = {}; local i = 0; while true do i = i + 1; t[i] = {i} end",
     "ran out of memory|time budget"},
    {"sql_insert", "return ctx.sql(\"INSERT INTO sources (kind, document) VALUES ('manual', 'x')\")",
     "INSERT into table 'sources' is not allowed: the database is read-only to packs"},
    {"sql_update", "return ctx.sql(\"UPDATE risks SET name = 'x'\")", "UPDATE of table 'risks' is not allowed"},
    {"sql_delete", "return ctx.sql('DELETE FROM risks')", "DELETE from table 'risks' is not allowed"},
    {"sql_drop", "return ctx.sql('DROP TABLE risks')", "changing the schema (CREATE, DROP, ALTER) is not allowed"},
    {"sql_create", "return ctx.sql('CREATE TABLE x (a)')", "changing the schema (CREATE, DROP, ALTER) is not allowed"},
    {"sql_attach", "return ctx.sql(\"ATTACH DATABASE '/tmp/govbench-escape.db' AS x\")",
     "ATTACH is not allowed: packs read the workspace database only"},
    {"sql_writable_schema", "return ctx.sql('PRAGMA writable_schema=1')",
     "PRAGMA writable_schema = 1 is not allowed: a pragma given a value changes"},
    {"sql_pragma_set_listed", "return ctx.sql('PRAGMA main.user_version = 5')",
     "PRAGMA user_version = 5 is not allowed: a pragma given a value"},
    {"sql_pragma_unlisted", "return ctx.sql('PRAGMA journal_mode')",
     "PRAGMA journal_mode is not allowed: it is not one of the read-only pragmas"},
    {"sql_pragma_unlisted_fn", "return ctx.sql('SELECT * FROM pragma_journal_mode')",
     "PRAGMA journal_mode is not allowed: it is not one of the read-only pragmas"},
    {"sql_begin", "return ctx.sql('BEGIN')", "a transaction statement (BEGIN, COMMIT, ROLLBACK) is not allowed"},
    {"sql_load_extension", "return ctx.value(\"SELECT load_extension('/tmp/x.so')\")",
     "load_extension() is not allowed"},
    {"sql_two_statements", "return ctx.sql('SELECT 1; DELETE FROM risks')", "one statement at a time"},
    {"sql_splice_guard", "return ctx.sql('SELECT ?', {})", "only nil, booleans, numbers and strings"},
    {"sql_slow",
     "return ctx.value('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c')",
     "exceeded the 0.3 s time budget"},
};

std::string indicator_source(const Attack& a) {
  return std::string("gov.indicator { id = 'attack.") + a.id + "', title = '" + a.id +
         "', compute = function(ctx)\n  " + a.code + "\nend }\n";
}

}  // namespace

TEST_CASE("sandbox: every escape attempt fails clearly and the host stays usable", "[script][sandbox]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  const auto victim = dir / "victim.txt";
  gbtest::write_file(victim, "still here");
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& a : kAttacks) files.emplace_back(std::string("indicators/") + a.id + ".lua", indicator_source(a));
  files.emplace_back("indicators/fine.lua",
                     "gov.indicator { id = 'attack.fine', title = 'fine', compute = function(ctx)\n"
                     "  return ctx.value('SELECT count(*) FROM risks') end }\n");
  gbtest::write_pack(dir.path(), "hostile", files);

  Limits limits;
  limits.time_budget = std::chrono::milliseconds(300);
  limits.memory_cap = 64u << 20;
  PackSet set(limits);
  set.add_source(dir / "hostile", "--packs");
  set.load();
  INFO((set.problems().empty() ? std::string() : set.problems().front().to_string()));
  REQUIRE(set.problems().empty());

  const std::string db_before = gbtest::read_file(db_path);
  ScriptDb db(db_path);
  auto run = [&](const std::string& id) {
    auto ref = set.find_indicator(id);
    REQUIRE(ref);
    EvalContext ctx;
    ctx.db = &db;
    ctx.params = {{"victim", victim.string()}};
    return invoke(*ref->pack, ref->def->compute_ref, &ctx, {});
  };
  for (const auto& a : kAttacks) {
    INFO("attack " << a.id);
    const Invocation r = run(std::string("attack.") + a.id);
    REQUIRE(r.error);
    bool matched = false;
    std::string alternatives = a.expected;
    for (std::size_t start = 0;;) {
      const auto bar = alternatives.find('|', start);
      matched = matched || r.error->message.find(alternatives.substr(start, bar - start)) != std::string::npos;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    INFO(r.error->message);
    CHECK(matched);
    CHECK(r.error->file == std::string("indicators/") + a.id + ".lua");
    CHECK(r.error->line >= 1);
    // The host is still usable: an ordinary indicator works after it.
    const Invocation ok = run("attack.fine");
    REQUIRE_FALSE(ok.error);
    CHECK(ok.value.as_number() == 11);
  }
  CHECK(gbtest::read_file(victim) == "still here");
  CHECK_FALSE(std::filesystem::exists("/tmp/govbench-escape"));
  CHECK_FALSE(std::filesystem::exists("/tmp/govbench-escape.db"));
  CHECK(gbtest::read_file(db_path) == db_before);
}

TEST_CASE("sandbox: attacks in a file's top level stop that pack only", "[script][sandbox]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "loops", {{"indicators/a.lua", "while true do end\n"}});
  gbtest::write_pack(
      dir.path(), "fine",
      {{"indicators/b.lua", "gov.indicator { id = 'fine.b', title = 'b', compute = function() return 1 end }\n"}});
  Limits limits;
  limits.time_budget = std::chrono::milliseconds(200);
  PackSet set(limits);
  set.add_source(dir.path(), "--packs");
  set.load();
  REQUIRE(set.entry("loops"));
  CHECK(set.entry("loops")->status == PackEntry::Status::Failed);
  REQUIRE(set.entry("loops")->problems.size() == 1);
  CHECK(set.entry("loops")->problems[0].to_string() ==
        "pack loops: indicators/a.lua:1: exceeded the 0.2 s time budget (setting script.time_budget_ms)");
  CHECK(set.entry("fine")->status == PackEntry::Status::Loaded);
  CHECK(set.find_indicator("fine.b"));
}

TEST_CASE("sandbox: what packs may use is there", "[script][sandbox]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "ok", {{"indicators/a.lua", R"(
assert(string.format('%.1f', 2.25) == '2.2' or string.format('%.1f', 2.25) == '2.3')
assert(table.concat({1, 2}, ',') == '1,2')
assert(math.floor(2.5) == 2 and utf8.char(72) == 'H')
assert(type(os.time()) == 'number' and type(os.date('%Y')) == 'string' and type(os.clock()) == 'number')
assert(collectgarbage('count') > 0)
assert(select('#', pcall(error, 'x')) == 2)
local ok, msg = pcall(error, 'boom')
assert(not ok and msg:find('boom'))
local ok2, v = xpcall(function() error('y') end, function(e) return 'handled ' .. e end)
assert(not ok2 and v:find('handled'))
assert(load('return 1 + 1')() == 2)
assert(io == nil and debug == nil and package == nil and dofile == nil and loadfile == nil)
assert(os.getenv == nil and string.dump == nil)
-- the guarded library functions still do their job
assert(('ab'):rep(3, ',') == 'ab,ab,ab' and string.rep('x', 0) == '' and ('x'):rep(-1) == '')
assert((''):rep(math.maxinteger) == '' and (''):rep(1 << 40, '') == '')
local moved = table.move({1, 2, 3}, 1, 3, 2, {})
assert(moved[2] == 1 and moved[4] == 3 and #table.move({}, 1, 0, 1) == 0)
local mt = { __index = function(_, k) return k .. '!' end }
local obj = setmetatable({}, mt)
assert(obj.hi == 'hi!' and getmetatable(obj) == mt)
mt.__gc = function() end  -- added afterwards: never a finalizer (Lua 5.4 marks objects at setmetatable)
print('sandbox ok', 42)
gov.indicator { id = 'ok.one', title = 'one', compute = function() return 1 end }
)"}});
  std::vector<ConsoleMessage> lines;
  PackSet set(Limits{}, [&](const ConsoleMessage& m) { lines.push_back(m); });
  set.add_source(dir / "ok", "--packs");
  set.load();
  INFO((set.problems().empty() ? std::string() : set.problems().front().to_string()));
  REQUIRE(set.problems().empty());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text == "sandbox ok\t42");
  CHECK(lines[0].file == "indicators/a.lua");
  CHECK(lines[0].line == 24);
}

TEST_CASE("sandbox: the memory cap is per pack", "[script][sandbox]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "hog", {{"indicators/a.lua", "local t = {} for i = 1, 1e8 do t[i] = i end\n"}});
  Limits limits;
  limits.memory_cap = 32u << 20;
  PackSet set(limits);
  set.add_source(dir / "hog", "--packs");
  set.load();
  REQUIRE(set.problems().size() == 1);
  CHECK(set.problems()[0].to_string() == "pack hog: indicators/a.lua:1: ran out of memory (the pack's cap is 32 MiB)");
}

TEST_CASE("sandbox: a misspelled double-quoted column is an error and not a string", "[script][sandbox]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  gbtest::write_pack(dir.path(), "quoted", {{"indicators/a.lua", R"(
gov.indicator { id = 'quoted.bad', title = 'bad', compute = function(ctx)
  return ctx.value('SELECT avg("likelyhood") FROM risk_register')
end }
gov.indicator { id = 'quoted.good', title = 'good', compute = function(ctx)
  return ctx.value('SELECT count("name") FROM risk_register')
end }
)"}});
  PackSet set;
  set.add_source(dir / "quoted", "--packs");
  set.load();
  REQUIRE(set.problems().empty());
  ScriptDb db(db_path);
  gb::engine::IndicatorEvaluator ev(set, db);
  const auto bad = ev.evaluate("quoted.bad", {"2021-12-31", {}});
  CHECK(bad.status == IndicatorResult::Status::Error);
  CHECK_THAT(bad.error, Catch::Contains("no such column: likelyhood"));
  const auto good = ev.evaluate("quoted.good", {"2021-12-31", {}});
  CHECK(good.status == IndicatorResult::Status::Ok);
  CHECK(good.value == 11);
}

TEST_CASE("sandbox: packs read through a connection they are given only if it cannot write", "[script][sandbox]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  CHECK_THROWS_WITH(ScriptDb(data::Db::open(db_path, data::OpenMode::ReadWrite)), Catch::Contains("that can write"));
  // A read-only connection, as eval hands over the one its checks opened:
  // the same refusals as a connection the ScriptDb opens itself.
  ScriptDb db(data::Db::open(db_path, data::OpenMode::ReadOnly));
  PackSet set;
  gbtest::write_pack(dir.path(), "w", {{"indicators/a.lua", R"(
gov.indicator { id = 'w.write', title = 'write', compute = function(ctx)
  return ctx.value("UPDATE risk_register SET name = 'x' RETURNING 1")
end }
gov.indicator { id = 'w.read', title = 'read', compute = function(ctx)
  return ctx.value('SELECT count(*) FROM risk_register')
end }
)"}});
  set.add_source(dir / "w", "--packs");
  set.load();
  REQUIRE(set.problems().empty());
  gb::engine::IndicatorEvaluator ev(set, db);
  const auto write = ev.evaluate("w.write", {"2021-12-31", {}});
  CHECK(write.status == IndicatorResult::Status::Error);
  CHECK_THAT(write.error, Catch::Contains("UPDATE"));
  CHECK(ev.evaluate("w.read", {"2021-12-31", {}}).value == 11);
}

TEST_CASE("pack SQL: table-valued pragmas read the schema and a misspelled column names the nearest real one",
          "[script][sandbox][sql]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  {
    auto w = gb::data::Db::open(db_path, gb::data::OpenMode::ReadWrite);
    w.exec(R"(CREATE TABLE pas (borough TEXT, "Stop and search used fairly | Black | Agree" REAL,
                                "Stop and search used fairly | White British | Agree" REAL);
              INSERT INTO pas VALUES ('Brent', 0.5, 0.7), ('Camden', 0.6, 0.8);)");
  }
  auto compute = [](const std::string& id, const std::string& body) {
    return "gov.indicator { id = 'sql." + id + "', title = '" + id + "',\n  compute = function(ctx)\n    " + body +
           "\n  end }\n";
  };
  gbtest::write_pack(
      dir.path(), "sql",
      {{"indicators/schema.lua",
        compute("columns",
                "local names = {}\n"
                "    for _, r in ipairs(ctx.sql('SELECT name FROM pragma_table_info(?) ORDER BY cid', 'pas')) do\n"
                "      names[#names + 1] = r.name end\n"
                "    return { value = #names, explain = table.concat(names, ';') }") +
            compute("xinfo", "return ctx.value('SELECT count(*) FROM pragma_table_xinfo(?)', 'pas')") +
            compute("index_list", "return #ctx.sql('SELECT * FROM pragma_index_list(?)', 'pas')") +
            compute("fk", "return #ctx.sql('SELECT * FROM pragma_foreign_key_list(?)', 'pas')") +
            compute("version", "return ctx.value('SELECT user_version FROM pragma_user_version')")},
       {"indicators/gap.lua",
        compute("right", "return ctx.value('SELECT avg(\"Stop and search used fairly | Black | Agree\") FROM pas')") +
            compute("typo", "return ctx.value('SELECT avg(\"Stop and search used fairly | Blak | Agree\") FROM pas')") +
            compute("far", "return ctx.value('SELECT avg(\"nothing like any column\") FROM pas')") +
            compute("table", "return ctx.value('SELECT count(*) FROM psa')")}});
  PackSet set;
  set.add_source(dir / "sql", "--packs");
  set.load();
  REQUIRE(set.problems().empty());
  ScriptDb db(db_path);
  engine::IndicatorEvaluator eval(set, db);

  auto r = eval.evaluate("sql.columns");
  INFO(r.error);
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK(*r.value == 3);
  CHECK(r.explanation ==
        "borough;Stop and search used fairly | Black | Agree;Stop and search used fairly | White British | Agree");
  for (const char* id : {"sql.xinfo", "sql.index_list", "sql.fk", "sql.version"}) {
    r = eval.evaluate(id);
    INFO(id << ": " << r.error);
    CHECK(r.status == IndicatorResult::Status::Ok);
  }
  r = eval.evaluate("sql.right");
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK(*r.value == Approx(0.55));
  // The misspelled quoted column: an error naming it, the file and line,
  // and the real column nearest to it.
  r = eval.evaluate("sql.typo");
  REQUIRE(r.status == IndicatorResult::Status::Error);
  CHECK(r.error ==
        "pack sql: indicators/gap.lua:7: ctx.value: no such column: Stop and search used fairly | Blak | Agree "
        "(did you mean \"Stop and search used fairly | Black | Agree\"?)");
  r = eval.evaluate("sql.far");
  REQUIRE(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::EndsWith("no such column: nothing like any column"));
  r = eval.evaluate("sql.table");
  REQUIRE(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::EndsWith("no such table: psa (did you mean \"pas\"?)"));
}

TEST_CASE("nearest names: case-insensitive, relative to the length, swaps count once", "[unit][text]") {
  const std::vector<std::string> cols = {"Stop and search used fairly | Black | Agree",
                                         "Stop and search used fairly | White British | Agree", "value", "period"};
  CHECK(gb::nearest_names("stop and search used fairly | blak | agree", cols) ==
        std::vector<std::string>{"Stop and search used fairly | Black | Agree"});
  CHECK(gb::nearest_names("vaule", cols) == std::vector<std::string>{"value"});
  CHECK(gb::nearest_names("PERIOD_", cols) == std::vector<std::string>{"period"});
  CHECK(gb::nearest_names("x", cols).empty());
  CHECK(gb::nearest_names("Confidence in the police | Asian | Agree", cols).empty());
  CHECK(gb::edit_distance_icase("abc", "ACB") == 1);
  CHECK(gb::edit_distance_icase("", "abc") == 3);
}
