// The what-if bar above the Register and Indicators panels: pick or create
// a scenario (edits then go into it, not the register), see what it moves,
// apply or discard it after a confirmation.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "data/scenario_model.hpp"
#include "engine/scenario.hpp"
#include "ui/panel.hpp"

namespace gb::ui {

class ScenarioBar {
 public:
  // `indicators`: also say how many indicators change (evaluates them).
  void draw(PanelContext& ctx, bool indicators);
  // The difference between the baseline and the active scenario (empty
  // without one); recomputed when the workspace changes.
  const engine::OutcomeDiff& diff(engine::Workspace& ws, bool indicators);

 private:
  std::array<char, 101> new_name_{};
  std::string message_;
  bool error_ = false;
  std::vector<data::Scenario> list_;
  std::uint64_t list_generation_ = 0;
  engine::OutcomeDiff diff_;
  std::uint64_t diff_generation_ = 0;
  bool diff_indicators_ = false;
};

}  // namespace gb::ui
