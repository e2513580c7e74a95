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
// job: engine/scenario.hpp. Every function here validates first and throws
// gb::Error naming the scenario, the field and what it allows; nothing is
// written then. The database must be open read-write at schema version 5.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "data/edits.hpp"

namespace gb::data {

struct ScenarioChange {
  std::int64_t id = 0;
  std::string kind{};                                 // risk, control, action
  std::int64_t target_id = 0;                         // risks.id, controls.id, action_items.id
  std::optional<std::string> likelihood{}, impact{};  // risk
  std::optional<std::string> progress{};              // control
  std::optional<std::string> status{}, rag{};         // action
  std::string label{};                                // "risk 9 PUBLIC & LOCAL ENGAGEMENT", "risk 3 key control 2", ...
  std::string baseline{};  // what stands now, as text: "M v H", "on_track", "in_progress / amber"
  std::string proposed{};  // the proposed value, as text: "H v H", "slipped", "complete / amber"
};

struct Scenario {
  std::int64_t id = 0;
  std::string name{};
  std::string description{};
  std::string as_of{};  // YYYY-MM-DD: when its changes take effect
  std::optional<std::int64_t> session_id{};
  std::string created_at{}, created_by{};
  std::optional<std::string> applied_at{}, applied_by{};
  std::vector<ScenarioChange> changes{};  // filled by load_scenario
  bool applied() const { return applied_at.has_value(); }
};

struct NewScenario {
  std::string name{};
  std::string as_of{};        // YYYY-MM-DD
  std::string description{};  // optional
  std::optional<std::int64_t> session_id{};
};

struct RiskChange {
  std::int64_t risk_id = 0;
  std::optional<std::string> likelihood{};  // VL, L, M, H, VH; nullopt: as it stands
  std::optional<std::string> impact{};
};
struct ControlChange {
  std::int64_t control_id = 0;
  std::string progress{};  // on_track, limited, slipped, no_progress
};
struct ActionChange {
  std::int64_t item_id = 0;
  std::optional<std::string> status{};  // planned, in_progress, complete, on_hold, withdrawn
  std::optional<std::string> rag{};     // red, amber, green, blue
};

std::int64_t create_scenario(Db& db, const NewScenario& s);
// Every scenario, newest first, without changes.
std::vector<Scenario> list_scenarios(Db& db);
// A scenario by name (case-insensitive) with its changes; nullopt if none.
std::optional<Scenario> find_scenario(Db& db, const std::string& name);
Scenario load_scenario(Db& db, std::int64_t id);
// find_scenario, or gb::Error "no scenario 'x' (known: a, b)".
Scenario require_scenario(Db& db, const std::string& name);

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

// Helpers the CLI and GUI share: "9" -> risks.id of ref 9; "9.2" -> the
// controls.id of risk 9's key control 2 (or a plain controls.id);
// "RT.3" -> action_items.id of plan RT's item 3 (or a plain id).
std::int64_t risk_id_for_ref(Db& db, const std::string& ref);
std::int64_t control_id_for(Db& db, const std::string& spec);
std::int64_t action_id_for(Db& db, const std::string& spec);

}  // namespace gb::data
