// Register: the corporate risk register as a sortable, filterable table,
// the heat map of the active rule (current and target positions), and the
// selected risk's detail: scored history, controls, linked actions and
// improvement areas, and the form to record a new assessment.
#pragma once
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/edit_path.hpp"
#include "engine/register_model.hpp"
#include "ui/charts.hpp"
#include "ui/panel.hpp"
#include "ui/scenario_bar.hpp"

namespace gb::ui {

class RegisterPanel : public Panel {
 public:
  const char* id() const override { return "register"; }
  const char* title() const override { return "Register"; }
  void draw(PanelContext& ctx) override;
  void select_risk(std::int64_t risk_id) { selected_ = risk_id; }
  // Opens the detail of the risk with this register ref (resolved on the next frame).
  void select_ref(std::int64_t ref) { pending_ref_ = ref; }

 private:
  void draw_toolbar(PanelContext& ctx, const engine::ScoredRegister& reg);
  void draw_table(PanelContext& ctx, const engine::ScoredRegister& reg, const engine::HeatGrid& grid);
  void draw_heat_map(PanelContext& ctx, const engine::ScoredRegister& reg, const engine::HeatGrid& grid);
  void draw_scenario_moves(PanelContext& ctx, const charts::HeatMapInput& in, ImVec2 origin, ImVec2 size,
                           const engine::HeatGrid& grid);
  void draw_detail(PanelContext& ctx);
  void draw_edit_form(PanelContext& ctx, const engine::RiskDetail& d);
  void draw_links(PanelContext& ctx, const engine::RiskDetail& d);
  // A status combo with a Save button for one row; returns the chosen
  // option's index when Save was pressed.
  std::optional<int> status_editor(const std::string& key, const char* const* options, int count,
                                   const std::string& current);
  // Runs an edit through the edit path and shows what it did, or why not.
  void report(PanelContext& ctx, const std::string& what,
              const std::function<engine::EditOutcome(engine::EditPath&)>& edit);
  bool visible(const engine::ScoredRisk& r, const engine::HeatGrid& grid) const;

  std::array<char, 128> filter_{};
  int term_ = 0;  // 0 all, 1 short, 2 long
  bool show_current_ = true;
  bool show_target_ = true;
  std::optional<std::pair<int, int>> cell_;  // heat-map cell filter (likelihood, impact)
  std::optional<std::int64_t> selected_;
  std::optional<std::int64_t> pending_ref_;
  std::vector<std::size_t> order_;  // sorted row order into reg.risks
  std::vector<std::size_t> rows_;   // order_ filtered; rebuilt only when an input changes
  std::string rows_key_;            // the inputs rows_ was built from
  std::uint64_t order_generation_ = 0;
  int sort_column_ = 0;
  bool sort_ascending_ = true;
  // Detail, reloaded when the selection or the workspace changes.
  std::optional<engine::RiskDetail> detail_;
  std::uint64_t detail_generation_ = 0;
  std::string detail_error_;
  // The assessment form.
  std::int64_t form_risk_ = 0;
  std::array<char, 16> form_date_{};
  int form_likelihood_ = 0, form_impact_ = 0, form_trend_ = 0, form_progress_ = 0;
  std::array<char, 512> form_commentary_{};
  std::string form_message_;
  bool form_error_ = false;
  struct Choice {
    int choice = -1;     // index into the options; -1: none (nothing stored)
    std::string stored;  // the value stored when the choice was started from it
  };
  std::map<std::string, Choice> choices_;  // pending selections of the row editors, by row key
  std::string link_message_;
  std::uint64_t message_edits_ = 0;  // the workspace's edit_generation() when the messages were set
  bool link_error_ = false;
  ScenarioBar scenario_bar_;  // what-if: edits go into the active scenario
};

}  // namespace gb::ui
