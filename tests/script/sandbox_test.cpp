// Packs come from other teams: each of these attempts must fail with a
// clear error, create or change no file, and leave the host usable.
#include <catch2/catch.hpp>

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
    {"table_move_nils", "table.move({}, 1, 3e9, 1, {}); return 1", "3000000000 elements are more than the pack's memory"},
    {"finalizer", "setmetatable({}, { __gc = function() while true do end end }); return 1",
     "finalizers (__gc) are not available to packs"},
    {"recursion", "local function f(n) return f(n + 1) + 1 end; return f(1)", "stack overflow|time budget|ran out of memory"},
    {"table_grows", "local t = {}; local i = 0; while true do i = i + 1; t[i] = {i} end", "ran out of memory|time budget"},
    {"sql_insert", "return ctx.sql(\"INSERT INTO sources (kind, document) VALUES ('manual', 'x')\")", "INSERT is not allowed"},
    {"sql_update", "return ctx.sql(\"UPDATE risks SET name = 'x'\")", "UPDATE is not allowed"},
    {"sql_delete", "return ctx.sql('DELETE FROM risks')", "DELETE is not allowed"},
    {"sql_drop", "return ctx.sql('DROP TABLE risks')", "changing the schema (CREATE, DROP, ALTER) is not allowed"},
    {"sql_create", "return ctx.sql('CREATE TABLE x (a)')", "changing the schema (CREATE, DROP, ALTER) is not allowed"},
    {"sql_attach", "return ctx.sql(\"ATTACH DATABASE '/tmp/govbench-escape.db' AS x\")", "ATTACH is not allowed"},
    {"sql_writable_schema", "return ctx.sql('PRAGMA writable_schema=1')", "PRAGMA writable_schema with a value is not allowed"},
    {"sql_load_extension", "return ctx.value(\"SELECT load_extension('/tmp/x.so')\")", "load_extension() is not allowed"},
    {"sql_two_statements", "return ctx.sql('SELECT 1; DELETE FROM risks')", "one statement at a time"},
    {"sql_splice_guard", "return ctx.sql('SELECT ?', {})", "only nil, booleans, numbers and strings"},
    {"sql_slow", "return ctx.value('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c')",
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
  gbtest::write_pack(dir.path(), "fine",
                     {{"indicators/b.lua", "gov.indicator { id = 'fine.b', title = 'b', compute = function() return 1 end }\n"}});
  Limits limits;
  limits.time_budget = std::chrono::milliseconds(200);
  PackSet set(limits);
  set.add_source(dir.path(), "--packs");
  set.load();
  REQUIRE(set.entry("loops"));
  CHECK(set.entry("loops")->status == PackEntry::Status::Failed);
  REQUIRE(set.entry("loops")->problems.size() == 1);
  CHECK(set.entry("loops")->problems[0].to_string() == "pack loops: indicators/a.lua:1: exceeded the 0.2 s time budget");
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
