// Packs on a copy of the demo database, as engine and export tests set them
// up: the bundled packs (scripts/), or a pack written for the test. Each
// loads without a problem or the test stops there.
#pragma once
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/evaluator.hpp"
#include "script/pack_set.hpp"
#include "support.hpp"

namespace gbtest {

struct PacksOnDemo {
  TempDir dir;
  std::filesystem::path db_path = demo_copy(dir);
  gb::script::PackSet packs;
  std::unique_ptr<gb::script::ScriptDb> db;
  std::unique_ptr<gb::engine::IndicatorEvaluator> eval;

  // The bundled packs (scripts/).
  PacksOnDemo() { load(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts", "bundled"); }
  // A pack "t" of the given files, written for the test.
  explicit PacksOnDemo(const std::vector<std::pair<std::string, std::string>>& files) {
    write_pack(dir.path(), "t", files);
    load(dir / "t", "--packs");
  }

 private:
  void load(const std::filesystem::path& source, const char* origin) {
    packs.add_source(source, origin);
    packs.load();
    INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
    REQUIRE(packs.problems().empty());
    db = std::make_unique<gb::script::ScriptDb>(db_path);
    eval = std::make_unique<gb::engine::IndicatorEvaluator>(packs, *db);
  }
};

// The source of one gov.indicator: `extra` fields before compute, whose body is `body`.
inline std::string indicator_source(const std::string& id, const std::string& extra, const std::string& body) {
  return "gov.indicator { id = '" + id + "', title = '" + id + "', " + extra + " compute = function(ctx)\n" + body +
         "\nend }\n";
}

}  // namespace gbtest
