// ctx.columns and pack parameters (manifest `parameters`, overridden by the
// per-database setting pack.<pack>.<name>), evaluated as packs use them.
#include <catch2/catch.hpp>

#include "data/migrations.hpp"
#include "data/settings.hpp"
#include "engine/evaluator.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::engine;
using namespace gb::script;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

struct Fixture {
  gbtest::TempDir dir;
  std::filesystem::path db_path;
  PackSet packs;
  std::unique_ptr<ScriptDb> db;
  std::unique_ptr<IndicatorEvaluator> eval;

  explicit Fixture(const Files& files) {
    db_path = gbtest::demo_copy(dir);
    gbtest::write_pack(dir.path(), "t", files);
    packs.add_source(dir / "t", "--packs");
    packs.load();
    INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
    REQUIRE(packs.problems().empty());
    open();
  }
  void open() {
    eval.reset();
    db = std::make_unique<ScriptDb>(db_path);
    eval = std::make_unique<IndicatorEvaluator>(packs, *db);
  }
  IndicatorResult run(const std::string& id) { return eval->evaluate(id, {"2021-12-31", {}}); }
};

}  // namespace

TEST_CASE("ctx.columns lists a table's column names and names an unknown table", "[engine][columns]") {
  Fixture f(Files{{"indicators/a.lua", R"(
gov.indicator { id = 't.columns', title = 'columns', compute = function(ctx)
  local cols = ctx.columns('RISKS')
  return { value = #cols, explain = table.concat(cols, ',') }
end }
gov.indicator { id = 't.odd', title = 'odd', compute = function(ctx)
  return #ctx.columns('no "such"; table')
end }
gov.indicator { id = 't.slip', title = 'slip', compute = function(ctx)
  return #ctx.columns('risk_registr')
end }
)"}});
  const auto r = f.run("t.columns");
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK_THAT(r.explanation, Catch::StartsWith("id,ref,"));
  data::Db db = data::Db::open(f.db_path, data::OpenMode::ReadOnly);
  CHECK(r.value == static_cast<double>(db.column_names("risks").size()));
  const auto odd = f.run("t.odd");
  CHECK(odd.status == IndicatorResult::Status::Error);
  CHECK_THAT(odd.error, Catch::Contains("ctx.columns: no table 'no \"such\"; table'"));
  CHECK_THAT(odd.error, Catch::Contains("a.lua:7"));
  const auto slip = f.run("t.slip");
  CHECK_THAT(slip.error, Catch::Contains("no table 'risk_registr'; did you mean 'risk_register'"));
}

TEST_CASE("pack parameters: the manifest's default, the database's setting, and mistakes named", "[engine][params]") {
  Fixture f(Files{{"pack.lua", R"(return { name = "t", version = "1.0.0", api = 1,
  parameters = { tbl = { default = "risks", description = "the table" }, label = "plain default" } })"},
                  {"indicators/a.lua", R"(
gov.indicator { id = 't.count', title = 'count', compute = function(ctx)
  local tbl = ctx.pack_param('tbl')
  return { value = ctx.value('SELECT count(*) FROM "' .. tbl:gsub('"', '""') .. '"'), explain = tbl .. '/' .. ctx.pack_param('label') }
end }
gov.indicator { id = 't.typo', title = 'typo', compute = function(ctx)
  return #ctx.pack_param('tbl_name')
end }
gov.indicator { id = 't.other', title = 'other', compute = function(ctx)
  return #ctx.pack_param('groups_table', 'trust-confidence')
end }
)"}});
  const auto& manifest = f.packs.entries().front().active->manifest();
  REQUIRE(manifest.parameters.size() == 2);
  CHECK(manifest.parameters[1].name == "tbl");
  CHECK(manifest.parameters[1].default_value == "risks");
  CHECK(manifest.parameters[1].description == "the table");
  auto r = f.run("t.count");
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK(r.value == 11);
  CHECK(r.explanation == "risks/plain default");
  {
    data::Db db = data::open_governance_db(f.db_path, data::OpenMode::ReadWrite);
    data::set_setting(db, pack_parameter_key("t", "tbl"), "pillars");
    data::set_setting(db, "pack.t.label", "set");
    CHECK(data::get_setting(db, "pack.t.tbl") == "pillars");
    // Only well-formed keys: the schema refuses others.
    CHECK_THROWS_WITH(data::set_setting(db, "pack.T.x y", "v"), Catch::Contains("is not allowed"));
  }
  r = f.run("t.count");  // the change is seen without reopening: the cache follows the database
  REQUIRE(r.status == IndicatorResult::Status::Ok);
  CHECK(r.explanation == "pillars/set");
  data::Db check = data::Db::open(f.db_path, data::OpenMode::ReadOnly);
  data::Statement st = check.prepare("SELECT count(*) FROM pillars");
  st.step();
  CHECK(r.value == static_cast<double>(st.column_int(0)));

  const auto typo = f.run("t.typo");
  CHECK(typo.status == IndicatorResult::Status::Error);
  CHECK_THAT(typo.error,
             Catch::Contains("ctx.pack_param: pack t declares no parameter 'tbl_name' (declared: label, tbl)"));
  const auto other = f.run("t.other");
  CHECK_THAT(other.error, Catch::Contains("pack 'trust-confidence' is neither this pack (t) nor one it requires"));
}

TEST_CASE("pack parameters: a malformed declaration is a load problem", "[engine][params]") {
  gbtest::TempDir dir;
  gbtest::write_pack(dir.path(), "p", {{"pack.lua", R"(return { name = "p", version = "1.0.0", api = 1,
  parameters = { Table = "x" } })"}});
  gbtest::write_pack(dir.path(), "q", {{"pack.lua", R"(return { name = "q", version = "1.0.0", api = 1,
  parameters = { tbl = { description = "no default" } } })"}});
  PackSet packs;
  packs.add_source(dir.path(), "--packs");
  packs.load();
  std::string all;
  for (const auto& p : packs.problems()) all += p.to_string() + "\n";
  CHECK_THAT(all, Catch::Contains("parameters: each name must be lower-case letters, digits and '_'"));
  CHECK_THAT(all, Catch::Contains("parameters.tbl must be a string (its default)"));
}
