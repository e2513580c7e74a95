// What-if scenarios as stored, read-only: the types and the reads (see
// scenarios.hpp for the writes, which the engine's edit path makes). The
// window and the command line may include this header.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"

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

// Every scenario, newest first, without changes.
std::vector<Scenario> list_scenarios(Db& db);
// A scenario by name (case-insensitive) with its changes; nullopt if none.
std::optional<Scenario> find_scenario(Db& db, const std::string& name);
Scenario load_scenario(Db& db, std::int64_t id);
// The scenario of this name as it stands now, if it can still be changed:
// nullopt once it has been discarded or applied (by anyone).
std::optional<Scenario> open_scenario(Db& db, const std::string& name);
// find_scenario, or gb::Error "no scenario 'x' (known: a, b)".
Scenario require_scenario(Db& db, const std::string& name);

// Helpers the CLI and GUI share: "9" -> risks.id of ref 9; "9.2" -> the
// controls.id of risk 9's key control 2 (or a plain controls.id);
// "RT.3" -> action_items.id of plan RT's item 3 (or a plain id).
std::int64_t risk_id_for_ref(Db& db, const std::string& ref);
std::int64_t control_id_for(Db& db, const std::string& spec);
std::int64_t action_id_for(Db& db, const std::string& spec);

}  // namespace gb::data
