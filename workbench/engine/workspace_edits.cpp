// The workspace's frame, its what-if scenario and the edit path: what an
// edit touched is taken in at the end of the window's frame (see
// workspace.hpp, "The window's frame"), at once outside a frame.

#include "engine/edit_path.hpp"
#include "engine/workspace.hpp"

namespace gb::engine {

EditPath& Workspace::edits() {
  if (!edits_)
    edits_ = std::make_unique<EditPath>(
        *db_, [this] { return scenario(); }, [this](Touched t) { edited(t); });
  return *edits_;
}

void Workspace::edited(Touched touched) {
  ++edit_generation_;
  if (touched == Touched::Register || touched == Touched::Unknown) {
    if (in_frame_)
      pending_data_ = true;
    else
      data_changed();
  }
  if (touched == Touched::Scenario || touched == Touched::Unknown) scenario_changed();
}

void Workspace::changed_elsewhere() {
  edited(Touched::Unknown);
}

void Workspace::set_scenario(std::optional<std::int64_t> scenario_id) {
  if (in_frame_) {
    pending_scenario_ = scenario_id;
    pending_reread_ = false;
    return;
  }
  apply_scenario(scenario_id);
}

void Workspace::apply_scenario(std::optional<std::int64_t> scenario_id) {
  if (scenario_id)
    scenario_ = data::load_scenario(*db_, *scenario_id);
  else
    scenario_.reset();
  state_changed();
}

void Workspace::scenario_changed() {
  if (in_frame_) {
    if (!pending_scenario_) pending_reread_ = true;
    state_changed();
    return;
  }
  reread_scenario();
}

void Workspace::reread_scenario() {
  if (scenario_) scenario_ = data::open_scenario(*db_, scenario_->name);  // gone once discarded or applied
  state_changed();
}

void Workspace::end_frame() {
  in_frame_ = false;
  if (pending_data_) {
    pending_data_ = false;
    data_changed();
  }
  if (pending_scenario_) {
    const auto id = *pending_scenario_;
    pending_scenario_.reset();
    apply_scenario(id);
  }
  if (pending_reread_) {
    pending_reread_ = false;
    reread_scenario();
  }
}

}  // namespace gb::engine
