// What-if scenarios as stored: a named set of proposed changes to the
// register (a risk's likelihood and/or impact, a control's progress, an
// action's status and/or RAG), kept in `scenarios` / `scenario_changes`
// and never in the governance tables until the scenario is applied.
//
//   auto id = create_scenario(db, {.name = "risk 9 up", .as_of = "2026-11-25"});
//   set_risk_change(db, id, {.risk_id = 9, .likelihood = "H"});
//   auto edits = apply_scenario(db, id);  // record_assessment(...) for each change, one transaction
//
// Evaluating under a scenario (indicators, scores, views) is the engine's
// job: engine/scenario.hpp. Each write is an edit in the edit history
// (kinds 'scenario' and 'scenario_change'), so undo and redo reach it. Every function here validates first and throws
// gb::Error naming the scenario, the field and what it allows; nothing is
// written then. The database must be open read-write at schema version 5.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "data/edit_model.hpp"
#include "data/scenario_model.hpp"

namespace gb::data {

std::int64_t create_scenario(Db& db, const NewScenario& s);

// Each adds the change or replaces the scenario's change to the same thing.
std::int64_t set_risk_change(Db& db, std::int64_t scenario_id, const RiskChange& c);
std::int64_t set_control_change(Db& db, std::int64_t scenario_id, const ControlChange& c);
std::int64_t set_action_change(Db& db, std::int64_t scenario_id, const ActionChange& c);
// Removes one change (false if the scenario has no such change).
bool remove_change(Db& db, std::int64_t scenario_id, const std::string& kind, std::int64_t target_id);

// A copy of a scenario's changes under a new name ("save as").
std::int64_t copy_scenario(Db& db, std::int64_t scenario_id, const std::string& new_name);
// Deletes the scenario and its changes.
void discard_scenario(Db& db, std::int64_t scenario_id);

// Applies every change through the edit API (record_assessment,
// set_control_progress, set_action_status: the same validation, `edits`
// rows and audit_log rows as any edit), all in one transaction with the
// scenario marked applied: either every change is written or none is.
// A change that would change nothing writes nothing. Throws gb::Error
// (and writes nothing) if any edit is refused, naming the change.
std::vector<EditResult> apply_scenario(Db& db, std::int64_t scenario_id);

}  // namespace gb::data
