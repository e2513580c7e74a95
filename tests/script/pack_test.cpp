#include <catch2/catch.hpp>
#include <map>
#include <thread>

#include "core/indicator_result.hpp"
#include "engine/views.hpp"
#include "script/api.hpp"
#include "script/invoke.hpp"
#include "script/pack_set.hpp"
#include "script/watcher.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::script;

namespace {

std::string first_problem(const PackSet& set) {
  auto p = set.problems();
  return p.empty() ? std::string() : p.front().to_string();
}

Tree eval_simple(const PackSet& set, const std::string& id) {
  auto ref = set.find_indicator(id);
  REQUIRE(ref);
  Invocation r = invoke(*ref->pack, ref->def->compute_ref, nullptr, {});
  REQUIRE_FALSE(r.error);
  return r.value;
}

PackSet load_one(const std::filesystem::path& dir) {
  PackSet set;
  set.add_source(dir, "--packs");
  set.load();
  return set;
}

}  // namespace

TEST_CASE("a syntax error names the file and line", "[script][errors]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p", {{"indicators/gap.lua", "local x = 1\nlocal y = = 2\n"}});
  auto set = load_one(dir / "p");
  auto problems = set.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].kind == ScriptError::Kind::Syntax);
  CHECK(problems[0].file == "indicators/gap.lua");
  CHECK(problems[0].line == 2);
  CHECK_THAT(problems[0].to_string(), Catch::StartsWith("pack p: indicators/gap.lua:2: unexpected symbol near '='"));
}

TEST_CASE("a runtime error names the file and line, with a traceback of pack frames only", "[script][errors]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p",
                     {{"lib/helpers.lua", "local M = {}\nfunction M.half(x)\n  return x.value / 2\nend\nreturn M\n"},
                      {"indicators/gap.lua",
                       "local h = require('helpers')\n"
                       "gov.indicator { id = 'p.gap', title = 'gap', compute = function(ctx)\n"
                       "  local v = h.half(nil); return v\nend }\n"}});
  auto set = load_one(dir / "p");
  REQUIRE(first_problem(set) == "");
  auto ref = set.find_indicator("p.gap");
  REQUIRE(ref);
  Invocation r = invoke(*ref->pack, ref->def->compute_ref, nullptr, {});
  REQUIRE(r.error);
  CHECK(r.error->file == "lib/helpers.lua");
  CHECK(r.error->line == 3);
  CHECK_THAT(r.error->message, Catch::Contains("attempt to index a nil value (local 'x')"));
  CHECK_THAT(r.error->traceback,
             Catch::Contains("lib/helpers.lua:3: in") && Catch::Contains("indicators/gap.lua:3: in"));
  CHECK_THAT(r.error->traceback, !Catch::Contains("[C]"));
}

TEST_CASE("gov.indicator reports mistakes with the field, file and line", "[script][errors]") {
  gbtest::TempDir dir;
  auto check = [&](const std::string& body, const std::string& expected) {
    gbtest::TempDir d;
    gbtest::write_pack(d.path(), "p", {{"indicators/gap.lua", "\n" + body}});
    auto set = load_one(d / "p");
    INFO(body);
    CHECK(first_problem(set) == "pack p: " + expected);
  };
  check(
      "gov.indicator { id = 'p.gap', title = 'Gap', polarity = 'lower_is_better',\n"
      "  thresholds = { green = 'five', amber = 10 }, compute = function() end }",
      "gov.indicator: field 'thresholds.green' must be a number, not a string (indicators/gap.lua:3)");
  check("gov.indicator { id = 'p.gap', title = 'Gap', tresholds = {}, compute = function() end }",
        "gov.indicator: unknown field 'tresholds' (known fields: id, title, description, unit, polarity, thresholds, "
        "rag, compute, explain, tags) (indicators/gap.lua:2)");
  check("gov.indicator { id = 'P Gap', title = 'Gap', compute = function() end }",
        "gov.indicator: field 'id' must be dotted lower-case words such as 'trust.confidence_gap' (got 'P Gap') "
        "(indicators/gap.lua:2)");
  check("gov.indicator { id = 'p.gap', title = 'Gap' }",
        "gov.indicator: field 'compute' is required (a function) (indicators/gap.lua:2)");
  check("gov.indicator { id = 'p.gap', title = 'Gap', thresholds = { green = 1, amber = 2 }, compute = print }",
        "gov.indicator: thresholds need a 'polarity' ('higher_is_better' or 'lower_is_better') to say which side is "
        "green (indicators/gap.lua:2)");
  check(
      "gov.indicator { id = 'p.a', title = 'A', compute = print }\ngov.indicator { id = 'p.a', title = 'A', compute = "
      "print }",
      "gov.indicator: id 'p.a' is already defined at indicators/gap.lua:2 (indicators/gap.lua:3)");
  check(
      "gov.rule { id = 'p.r', title = 'R', likelihood = {'L','H'}, impact = {'L','H'}, grid = { {'green','amber'} } }",
      "gov.rule: field 'grid' has 1 rows but the likelihood scale has 2 levels (indicators/gap.lua:2)");
  check("gov.view { id = 'p.v', title = 'V', params = { term = { 'a' } }, build = print }",
        "gov.view: params.term must be made with gov.param.choice, .date, .number, .toggle or .multi "
        "(indicators/gap.lua:2)");
  check("gov.test { name = 't' }", "gov.test: field 'run' is required (a function) (indicators/gap.lua:2)");
}

TEST_CASE("a mistake in one field of a definition names that field's line", "[script][errors]") {
  auto problem = [&](const std::string& source) {
    gbtest::TempDir d;
    gbtest::write_pack(d.path(), "p", {{"indicators/gap.lua", source}});
    auto set = load_one(d / "p");
    INFO(source);
    return first_problem(set);
  };
  // The misspelled field on line 5, below the definition's first line (1).
  CHECK_THAT(problem("gov.indicator {\n"
                     "  id = 'p.gap',\n"
                     "  title = 'Gap', polarity = 'lower_is_better',\n"
                     "  -- threshold = { green = 1 } in a comment is not the field\n"
                     "  threshold = { green = 5, amber = 10 },\n"
                     "  compute = function(ctx)\n"
                     "    local threshold = 3\n"
                     "    return threshold\n"
                     "  end,\n"
                     "}\n"),
             Catch::StartsWith("pack p: gov.indicator: unknown field 'threshold'") &&
                 Catch::EndsWith("(indicators/gap.lua:5)"));
  // A field inside a field: thresholds.amber on its own line.
  CHECK_THAT(problem("local x = 1\n"
                     "gov.indicator { id = 'p.gap', title = 'Gap', polarity = 'lower_is_better',\n"
                     "  thresholds = {\n"
                     "    green = 5,\n"
                     "    amber = 'ten',\n"
                     "  },\n"
                     "  compute = function(ctx) return 1 end }\n"),
             Catch::EndsWith("must be a number, not a string (indicators/gap.lua:5)"));
  // Wrong type, after a function value that holds `polarity =` itself.
  CHECK_THAT(problem("gov.indicator {\n"
                     "  id = 'p.gap', title = 'Gap',\n"
                     "  compute = function(ctx)\n"
                     "    local t = { polarity = 'x' }\n"
                     "    return 1\n"
                     "  end,\n"
                     "  polarity = 'upwards',\n"
                     "}\n"),
             Catch::EndsWith("(indicators/gap.lua:7)"));
  // A view's parameter on its own line.
  CHECK_THAT(problem("gov.view { id = 'p.v', title = 'V',\n"
                     "  params = {\n"
                     "    term = { 'a' },\n"
                     "  },\n"
                     "  build = print }\n"),
             Catch::EndsWith("(indicators/gap.lua:3)"));
  // When the text does not show the field for certain, the definition's
  // line, never a wrong one: the field written twice ...
  CHECK_THAT(problem("gov.indicator {\n"
                     "  id = 'p.gap', title = 'Gap',\n"
                     "  threshold = 1,\n"
                     "  threshold = 2,\n"
                     "  compute = print }\n"),
             Catch::EndsWith("(indicators/gap.lua:1)"));
  // ... or the table built elsewhere.
  CHECK_THAT(problem("local def = {\n"
                     "  id = 'p.gap', title = 'Gap',\n"
                     "  threshold = 1,\n"
                     "  compute = print }\n"
                     "gov.indicator(def)\n"),
             Catch::EndsWith("(indicators/gap.lua:5)"));
}

TEST_CASE("definitions are registered with their site", "[script]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p",
                     {{"indicators/a.lua",
                       "\ngov.indicator { id = 'p.a', title = 'A', unit = '%',\n"
                       "  polarity = 'higher_is_better', thresholds = { green = 80, amber = 70 },\n"
                       "  compute = function() return 81 end }\n"},
                      {"rules/r.lua",
                       "gov.rule { id = 'p.grid', title = 'G', likelihood = {'L','H'}, impact = {'L','H'},\n"
                       "  grid = { {'green','amber'}, {'amber','red'} } }\n"},
                      {"views/v.lua",
                       "gov.view { id = 'p.v', title = 'V', board = 'Audit Panel',\n"
                       "  params = { term = gov.param.choice { 'all', 'short', 'long' },\n"
                       "             top = gov.param.number { min = 1, max = 20, default = 5 } },\n"
                       "  build = function(ctx, p) return {} end }\n"}});
  auto set = load_one(dir / "p");
  REQUIRE(first_problem(set) == "");
  auto ind = set.find_indicator("p.a");
  REQUIRE(ind);
  CHECK(ind->def->site.file == "indicators/a.lua");
  CHECK(ind->def->site.line == 2);
  CHECK(ind->def->thresholds->green == 80);
  CHECK(eval_simple(set, "p.a").as_number() == 81);
  auto rule = set.find_rule("p.grid");
  REQUIRE(rule);
  CHECK(rule->def->grid[1][1] == "red");
  auto view = set.find_view("p.v");
  REQUIRE(view);
  REQUIRE(view->def->params.size() == 2);
  CHECK(view->def->params[0].name == "term");
  CHECK(view->def->params[0].default_value == "all");
  CHECK(view->def->params[1].max == 20);
}

TEST_CASE("require loads the pack's lib/ and its dependencies' lib/ only", "[script][require]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "base", {{"lib/levels.lua", "return { H = 3 }\n"}}, "1.4.0");
  gbtest::write_pack(dir.path(), "other", {{"lib/secret.lua", "return 42\n"}});
  gbtest::write_pack(
      dir.path(), "user",
      {{"pack.lua", "return { name = 'user', version = '1.0.0', api = 1, requires = { base = '^1.2' } }\n"},
       {"lib/util/fmt.lua", "return function(x) return '<' .. x .. '>' end\n"},
       {"indicators/a.lua",
        "local levels = require('base.levels')\nlocal fmt = require('util.fmt')\n"
        "gov.indicator { id = 'user.a', title = 'A', compute = function() return fmt(levels.H) end }\n"
        "gov.indicator { id = 'user.b', title = 'B', compute = function() return require('other.secret') end }\n"}});
  PackSet set;
  set.add_source(dir.path(), "--packs");
  set.load();
  REQUIRE(first_problem(set) == "");
  CHECK(eval_simple(set, "user.a").as_string() == "<3>");
  auto ref = set.find_indicator("user.b");
  Invocation r = invoke(*ref->pack, ref->def->compute_ref, nullptr, {});
  REQUIRE(r.error);
  CHECK_THAT(r.error->message, Catch::Contains("module 'other.secret' not found"));
}

TEST_CASE("dependency problems stop that pack only, with a message", "[script][deps]") {
  gbtest::TempDir dir;
  auto simple = [](const std::string& id) {
    return std::vector<std::pair<std::string, std::string>>{
        {"indicators/a.lua", "gov.indicator { id = '" + id + "', title = 'x', compute = function() return 1 end }\n"}};
  };
  gbtest::write_pack(dir.path(), "base", simple("base.a"), "1.4.0");
  auto with_manifest = [&](const std::string& name, const std::string& extra, const std::string& id) {
    auto files = simple(id);
    files.emplace_back("pack.lua", "return { name = '" + name + "', version = '1.0.0', api = 1, " + extra + " }\n");
    gbtest::write_pack(dir.path(), name, files);
  };
  with_manifest("needs-missing", "requires = { nothere = '^1.0' }", "m.a");
  with_manifest("needs-newer", "requires = { base = '^2.0' }", "n.a");
  with_manifest("wrong-api", "api = 7", "w.a");
  with_manifest("dup-id", "", "base.a");
  with_manifest("fine", "requires = { base = '>=1.0 <2.0' }", "fine.a");
  gbtest::write_pack(
      dir.path(), "cyc-a",
      {{"pack.lua", "return { name = 'cyc-a', version = '1.0.0', api = 1, requires = { ['cyc-b'] = '*' } }\n"}});
  gbtest::write_pack(
      dir.path(), "cyc-b",
      {{"pack.lua", "return { name = 'cyc-b', version = '1.0.0', api = 1, requires = { ['cyc-a'] = '*' } }\n"}});
  gbtest::write_pack(dir.path(), "bad-version",
                     {{"pack.lua", "return { name = 'bad-version', version = '1.0', api = 1 }\n"}});

  PackSet set;
  set.add_source(dir.path(), "--packs");
  set.load();
  auto problem = [&](const std::string& name) {
    const PackEntry* e = set.entry(name);
    REQUIRE(e);
    CHECK(e->status == PackEntry::Status::Failed);
    REQUIRE_FALSE(e->problems.empty());
    return e->problems.front().to_string();
  };
  CHECK(problem("needs-missing") ==
        "pack needs-missing: pack.lua: requires pack 'nothere' ^1.0, which is not installed");
  CHECK(problem("needs-newer") ==
        "pack needs-newer: pack.lua: requires pack 'base' ^2.0 but version 1.4.0 is installed");
  CHECK(problem("wrong-api") ==
        "pack wrong-api: pack.lua: the pack is written for API level 7 but this govbench implements API level 1");
  CHECK_THAT(
      problem("dup-id"),
      Catch::Contains("indicators/a.lua:1: indicator 'base.a' belongs to pack 'base' (not signed by a trusted key, "
                      "indicators/a.lua:1), which loads before this pack"));
  CHECK_THAT(problem("cyc-a") + problem("cyc-b"), Catch::Contains("dependency cycle"));
  // Each pack is listed once, the ones in a cycle too.
  std::map<std::string, int> listed;
  for (const auto& e : set.entries()) ++listed[e.name()];
  for (const auto& [name, n] : listed) {
    INFO(name);
    CHECK(n == 1);
  }
  CHECK(problem("bad-version") ==
        "pack bad-version: pack.lua: field 'version' must be a semantic version such as 1.0.0 (got '1.0')");
  CHECK(set.entry("base")->status == PackEntry::Status::Loaded);
  CHECK(set.entry("fine")->status == PackEntry::Status::Loaded);
  CHECK(set.find_indicator("fine.a"));
}

TEST_CASE("pack folders refuse symlinks and ignore files outside the layout", "[script][pack]") {
  gbtest::TempDir dir;
  auto p = gbtest::write_pack(dir.path(), "p",
                              {{"indicators/a.lua", "gov.indicator { id = 'p.a', title = 'A', compute = print }\n"},
                               {"notes.txt", "os.exit()"}});
  std::filesystem::create_symlink("/etc/passwd", p / "indicators" / "b.lua");
  auto set = load_one(p);
  REQUIRE(set.problems().size() == 1);
  CHECK(set.problems()[0].to_string() == "pack p: indicators/b.lua: symbolic links are not allowed in a pack");
}

TEST_CASE("hot reload: a saved edit becomes active, a broken save keeps the old version", "[script][reload]") {
  gbtest::TempDir dir;
  auto p = gbtest::write_pack(
      dir.path(), "live",
      {{"indicators/a.lua", "gov.indicator { id = 'live.a', title = 'A', compute = function() return 1 end }\n"}});
  PackSet set;
  set.add_source(p, "--packs");
  set.load();
  REQUIRE(eval_simple(set, "live.a").as_number() == 1);
  PackWatcher watcher(std::chrono::milliseconds(20));
  REQUIRE(watcher.available());
  watcher.watch("live", p);

  auto wait_for_reload = [&] {
    auto ready = watcher.wait(std::chrono::milliseconds(3000));
    REQUIRE(ready == std::vector<std::string>{"live"});
    return set.reload("live");
  };

  gbtest::write_file(p / "indicators" / "a.lua",
                     "gov.indicator { id = 'live.a', title = 'A', compute = function() return 2 end }\n");
  CHECK(wait_for_reload());
  CHECK(eval_simple(set, "live.a").as_number() == 2);
  CHECK(set.entry("live")->status == PackEntry::Status::Loaded);

  // A broken save: the previous good version stays active and the error is reported.
  gbtest::write_file(p / "indicators" / "a.lua",
                     "gov.indicator { id = 'live.a', title = 'A', compute = function() return 3 end\n");
  CHECK_FALSE(wait_for_reload());
  CHECK(set.entry("live")->status == PackEntry::Status::Stale);
  REQUIRE(set.problems().size() == 1);
  CHECK_THAT(set.problems()[0].to_string(), Catch::StartsWith("pack live: indicators/a.lua:2:"));
  CHECK(eval_simple(set, "live.a").as_number() == 2);

  // Fixing the file recovers without a restart; an editor's rename-into-place is seen too.
  gbtest::write_file(p / "indicators" / "a.lua.tmp",
                     "gov.indicator { id = 'live.a', title = 'A', compute = function() return 4 end }\n");
  std::filesystem::rename(p / "indicators" / "a.lua.tmp", p / "indicators" / "a.lua");
  CHECK(wait_for_reload());
  CHECK(set.problems().empty());
  CHECK(eval_simple(set, "live.a").as_number() == 4);
}

TEST_CASE("every function the host registers is described in scripts/types", "[script][stubs]") {
  std::string stubs;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts" / "types"))
    stubs += gbtest::read_file(e.path());
  REQUIRE_FALSE(stubs.empty());
  for (const auto& name : registered_api_names()) {
    INFO(name);
    // Functions appear as "function gov.indicator(", fields as "---@field as_of".
    // Functions appear as "function gov.indicator(" or "function ctx.sql(",
    // values as "---@field as_of" in the class of their table.
    const auto dot = name.rfind('.');
    const std::string field = name.substr(dot + 1);
    const bool found = stubs.find("function " + name + "(") != std::string::npos ||
                       stubs.find("---@field " + field + " ") != std::string::npos ||
                       stubs.find("---@field " + field + "? ") != std::string::npos;
    CHECK(found);
  }
}

TEST_CASE("a dependency's module may require its own siblings", "[script][require]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "base",
                     {{"lib/asof.lua", "return { year = 2021 }\n"},
                      {"lib/pas.lua", "local asof = require('asof')\nreturn { label = 'PAS ' .. asof.year }\n"}});
  gbtest::write_pack(
      dir.path(), "user",
      {{"pack.lua", "return { name = 'user', version = '1.0.0', api = 1, requires = { base = '^1.0' } }\n"},
       {"lib/asof.lua", "return { year = 1999 }\n"},
       {"indicators/a.lua",
        "local pas = require('base.pas')\nlocal mine = require('asof')\n"
        "gov.indicator { id = 'user.a', title = 'A', compute = function() return pas.label .. ' / ' .. mine.year end "
        "}\n"}});
  PackSet set;
  set.add_source(dir.path(), "--packs");
  set.load();
  REQUIRE(first_problem(set) == "");
  // base's pas.lua gets base's asof; the user's own require gets the user's.
  CHECK(eval_simple(set, "user.a").as_string() == "PAS 2021 / 1999");
}

// Found by the manifest fuzzer (fuzz/regressions/manifest/): a prerelease
// version parsed into a C++ object on read_manifest's frame leaked when a
// later field's error longjmped out of it. The asan preset fails on the leak.
TEST_CASE("a manifest refused after a prerelease version is refused cleanly", "[script][pack][fuzz]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p",
                     {{"pack.lua",
                       "return { name = 'p', version = '1.2.3-beta.1', api = 1,\n"
                       "  requires = { base = '>=0.2.0 <.01.0' } }\n"}});
  auto set = load_one(dir / "p");
  CHECK(set.loaded_count() == 0);
  CHECK_THAT(first_problem(set), Catch::Contains("requires 'base'"));

  gbtest::write_pack(dir.path(), "q", {{"pack.lua", "return { name = 'q', version = '2.0.0-rc.1', api = 'one' }\n"}});
  auto set2 = load_one(dir / "q");
  CHECK_THAT(first_problem(set2), Catch::Contains("field 'api' must be a whole number"));
}

// Found by the manifest fuzzer (fuzz/regressions/manifest/): error("") and an
// error object whose __tostring gives "" left the problem with no message,
// so the Problems panel showed a bare "pack p: pack.lua:1: ".
TEST_CASE("an error raised with an empty message still says what happened", "[script][errors][fuzz]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p", {{"pack.lua", "error('')\n"}});
  auto set = load_one(dir / "p");
  CHECK(set.loaded_count() == 0);
  CHECK(first_problem(set) == "pack p: pack.lua:1: raised an error with an empty message (see the traceback)");

  gbtest::write_pack(dir.path(), "q",
                     {{"pack.lua", "error(setmetatable({}, { __tostring = function() return '  ' end }))\n"}});
  auto set2 = load_one(dir / "q");
  CHECK_THAT(first_problem(set2), Catch::Contains("raised an error with an empty message"));

  gbtest::write_pack(dir.path(), "r",
                     {{"indicators/x.lua",
                       "gov.indicator { id = 'r.x', title = 'x', compute = function(ctx)\n"
                       "  error('')\nend }\n"}});
  auto set3 = load_one(dir / "r");
  REQUIRE(first_problem(set3) == "");
  auto ref = set3.find_indicator("r.x");
  REQUIRE(ref);
  Invocation r = invoke(*ref->pack, ref->def->compute_ref, nullptr, {});
  REQUIRE(r.error);
  CHECK(r.error->file == "indicators/x.lua");
  CHECK(r.error->line == 2);
  CHECK(r.error->message == "raised an error with an empty message (see the traceback)");
}

namespace {

// The `---@field` names listed right under `---@class NAME` in the stubs.
std::vector<std::string> stub_fields(const std::string& stubs, const std::string& cls) {
  std::vector<std::string> out;
  std::size_t at = std::string::npos;
  for (std::size_t p = stubs.find("---@class " + cls); p != std::string::npos;
       p = stubs.find("---@class " + cls, p + 1)) {
    const char next = stubs[p + 10 + cls.size()];
    if (next == '\n' || next == ':' || next == ' ') {
      at = p;
      break;
    }
  }
  if (at == std::string::npos) return out;
  std::size_t line = stubs.find('\n', at) + 1;
  while (line < stubs.size() && stubs.compare(line, 10, "---@field ") == 0) {
    std::size_t end = stubs.find_first_of(" \n", line + 10);
    std::string name = stubs.substr(line + 10, end - line - 10);
    if (!name.empty() && name.back() == '?') name.pop_back();
    out.push_back(name);
    line = stubs.find('\n', line) + 1;
  }
  return out;
}

std::string all_stubs() {
  std::string stubs;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts" / "types"))
    stubs += gbtest::read_file(e.path());
  return stubs;
}

void check_class(const std::string& stubs, const std::string& cls, const std::vector<std::string>& fields) {
  const auto listed = stub_fields(stubs, cls);
  INFO("stub class " << cls);
  CHECK_FALSE(listed.empty());
  for (const auto& f : fields) {
    INFO("field " << f << " is accepted by the runtime but not described in scripts/types");
    CHECK(std::find(listed.begin(), listed.end(), f) != listed.end());
  }
}

}  // namespace

TEST_CASE("every field the runtime accepts or returns is described in scripts/types", "[script][stubs]") {
  const std::string stubs = all_stubs();
  // The definition functions' fields (any other field is refused as a typo).
  for (const auto& [cls, fields] : gb::script::definition_fields()) check_class(stubs, cls, fields);
  check_class(stubs, "gov.Thresholds", {"green", "amber"});
  // Every view element and its fields.
  for (const auto& [type, fields] : gb::engine::view_element_fields()) {
    std::string cls = "gov.ui.";
    bool upper = true;
    for (char c : type) {
      if (c == '_') {
        upper = true;
        continue;
      }
      cls.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
      upper = false;
    }
    check_class(stubs, cls, fields);
    CHECK(stubs.find("function gov.ui." + type + "(") != std::string::npos);
  }
  // An indicator's result, as ctx.indicator and t.eval hand it over, with every field filled.
  gb::IndicatorResult r;
  r.id = "x.y";
  r.status = gb::IndicatorResult::Status::Ok;
  r.kind = gb::IndicatorResult::Kind::Breakdown;
  r.value = 1;
  r.rag = gb::Rag::Red;
  r.series = {{"2021-Q1", 1, {}}};
  r.breakdown = {{"a", 1.0, {}, gb::Rag::Red, {}}};
  r.explanation = "e";
  r.note = "n";
  r.error = "err";
  r.warning = "w";
  const gb::Tree tree = r.to_tree();
  std::vector<std::string> keys;
  for (const auto& [k, v] : tree.as_object()) keys.push_back(k);
  check_class(stubs, "gov.IndicatorResult", keys);
  std::vector<std::string> provenance;
  for (const auto& [k, v] : tree.find("provenance")->as_object()) provenance.push_back(k);
  check_class(stubs, "gov.Provenance", provenance);
}
