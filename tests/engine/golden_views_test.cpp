// Golden tests: each bundled board view's resolved tree on the demo
// database, as at 31 December 2021, compared with tests/golden/<id>.json.
// The generation time is blanked (it is the only field that changes from run
// to run). After a deliberate change to a view, regenerate the files with
//   GOVBENCH_UPDATE_GOLDEN=1 ./tests/govbench_tests "[golden]"
// and review the diff.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "engine/views.hpp"
#include "support.hpp"

using namespace gb;

namespace {

void blank_generated_at(Tree& view) {
  if (!view.is_object()) return;
  for (auto& [k, v] : view.as_object())
    if (k == "provenance" && v.is_object()) v.set("generated_at", "");
}

}  // namespace

TEST_CASE("bundled board views match their golden trees on the demo database", "[engine][views][golden]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  script::PackSet packs;
  packs.add_source(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts", "bundled");
  packs.load();
  REQUIRE(packs.problems().empty());
  script::ScriptDb db(db_path);
  engine::IndicatorEvaluator ev(packs, db);
  const bool update = std::getenv("GOVBENCH_UPDATE_GOLDEN") != nullptr;
  for (const char* id : {"audit_panel.risks", "risk_board.controls", "performance.trust", "rebuilding_trust.delivery",
                         "gip.tracker", "ags.survey"}) {
    INFO(id);
    Tree view = engine::build_view(packs, db, ev, {id, {}, "2021-12-31"}, "demo.db");
    CHECK(view_error_count(view) == 0);
    blank_generated_at(view);
    const std::string json = view.to_json(true) + "\n";
    const auto golden = std::filesystem::path(GOVBENCH_SOURCE_DIR) / "tests" / "golden" / (std::string(id) + ".json");
    if (update) {
      gbtest::write_file(golden, json);
      continue;
    }
    REQUIRE(std::filesystem::exists(golden));
    CHECK(json == gbtest::read_file(golden));
  }
}
