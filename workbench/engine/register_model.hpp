// What the Register panel shows, computed headless: the heat-map grid of a
// rule (its scale and the band of every cell), where each risk sits on it,
// and one risk's detail (its scored history, controls, linked actions and
// improvement areas).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "engine/scoring.hpp"
#include "script/pack_set.hpp"

namespace gb::engine {

struct HeatGrid {
  std::vector<std::string> likelihood;  // low to high
  std::vector<std::string> impact;
  std::vector<std::vector<Rag>> bands;  // bands[l][i]
  std::vector<std::vector<double>> scores;
  std::string error;
  // Index of a label on an axis, or -1.
  int likelihood_index(const std::string& label) const;
  int impact_index(const std::string& label) const;
};

// The rule's scale (declared, else VL..VH less VL when no risk uses it) and
// the band of every cell, scored with the rule itself.
HeatGrid heat_grid(const script::PackSet& packs, const ScoredRegister& reg);

struct HistoryPoint {
  std::string as_of;
  std::string period;
  std::string likelihood, impact;
  std::optional<double> score;
  Rag band = Rag::None;
  std::string trend;
  std::string commentary;
};

struct ControlLine {
  std::int64_t id = 0;
  int seq = 0;
  std::string description;
  std::string owner;
  std::string target_date;
  std::string period;    // of the latest reported progress, or ""
  std::string progress;  // on_track, limited, slipped, no_progress, or ""
};

struct LinkedAction {
  std::int64_t id = 0;
  std::string plan;  // plan code
  std::string title;
  std::string status;
  std::string due;
  std::string rag;
};

struct AreaAction {
  std::int64_t id = 0;
  int seq = 0;
  std::string action;
  std::string lead;
  std::string status;
  std::string rag;
};

struct LinkedArea {
  std::int64_t id = 0;
  std::string year;
  std::string title;
  std::vector<AreaAction> actions;
};

struct RiskDetail {
  std::int64_t risk_id = 0;
  std::int64_t ref = 0;
  std::string name, description, owner, term, leads;
  std::vector<HistoryPoint> history;  // oldest first
  std::vector<ControlLine> controls;
  std::vector<LinkedAction> actions;
  std::vector<LinkedArea> areas;
};

RiskDetail risk_detail(data::Db& db, const script::PackSet& packs, const std::string& rule_id, std::int64_t risk_id);

}  // namespace gb::engine
