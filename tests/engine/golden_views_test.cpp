// Golden tests: each bundled board view's resolved tree on the demo
// database, as at 31 December 2021, compared with tests/golden/<id>.json.
// The generation time is blanked (it is the only field that changes from run
// to run). After a deliberate change to a view, regenerate the files with
//   GOVBENCH_UPDATE_GOLDEN=1 ./tests/govbench_tests "[golden]"
// and review the diff.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "core/format.hpp"
#include "engine/views.hpp"
#include "export/html.hpp"
#include "export/paper_model.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;

namespace {

void blank_generated_at(Tree& view) {
  if (!view.is_object()) return;
  for (auto& [k, v] : view.as_object())
    if (k == "provenance" && v.is_object()) v.set("generated_at", "");
}

}  // namespace

TEST_CASE("bundled board views match their golden trees on the demo database", "[engine][views][golden]") {
  gbtest::PacksOnDemo bundled;
  auto& packs = bundled.packs;
  auto& db = *bundled.db;
  auto& ev = *bundled.eval;
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

TEST_CASE("every bundled paper is dated by its data and states the date it was produced apart",
          "[engine][views][golden]") {
  gbtest::PacksOnDemo bundled;
  auto& packs = bundled.packs;
  auto& db = *bundled.db;
  auto& ev = *bundled.eval;
  // Drawn years after the demo's latest data: each paper must say the date of
  // its latest data (the register's last assessment is 31 December 2021),
  // never the day it was drawn, which appears once: in the provenance.
  const std::string asked = "2030-06-30", asked_words = "30 June 2030";
  const std::pair<const char*, const char*> expected[] = {
      {"audit_panel.risks", "2021-12-31"}, {"risk_board.controls", "2021-12-31"},
      {"performance.trust", "2023-04-30"}, {"rebuilding_trust.delivery", "2023-04-28"},
      {"gip.tracker", "2022-07-04"},       {"ags.survey", "2022-03-31"},
  };
  for (const auto& [id, data_date] : expected) {
    INFO(id);
    const Tree view = engine::build_view(packs, db, ev, {id, {}, asked}, "demo.db");
    CHECK(view_error_count(view) == 0);
    CHECK(view.find("provenance")->find("figures_as_at")->as_string() == data_date);
    const Tree& page = view.find("children")->as_array().at(0);
    CHECK(page.find("title")->as_string().find(date_in_words(data_date)) != std::string::npos);
    const std::string html = exporter::render_html(view);
    std::size_t mentions = 0;
    for (auto at = html.find(asked_words); at != std::string::npos; at = html.find(asked_words, at + 1)) ++mentions;
    CHECK(mentions == 1);
    bool figures = false, generated = false;
    for (const auto& [label, value] : exporter::detail::provenance_rows(view)) {
      if (label == "Figures as at")
        figures = value == date_in_words(data_date) + " (the latest data on or before " + asked_words + ")";
      if (label == "Generated") generated = value.size() == 20 && value.back() == 'Z';
    }
    CHECK(figures);
    CHECK(generated);
  }
}
