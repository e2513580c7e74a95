// What packs define: indicators, scoring rules, views and tests, as the host
// keeps them. Functions stay in the pack's Lua state; these records hold
// references to them (registry refs) and everything the host validated.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/rag.hpp"

namespace gb::script {

// Where a definition was made: the pack file and line of the gov.* call.
struct DefinitionSite {
  std::string file;
  int line = 0;
};

using gb::Polarity;
using gb::Thresholds;

struct IndicatorDef {
  std::string id;
  std::string title;
  std::string description;
  std::string unit;
  Polarity polarity = Polarity::Neutral;
  std::optional<Thresholds> thresholds;
  std::vector<std::string> tags;
  int compute_ref = 0;  // registry refs in the pack's state; 0 = none
  int rag_ref = 0;
  int explain_ref = 0;
  DefinitionSite site;
};

// A scoring rule: either code (score and band functions) or data (scale
// labels and a grid of bands indexed [likelihood][impact]).
struct RuleDef {
  std::string id;
  std::string title;
  std::string description;
  int score_ref = 0;
  int band_ref = 0;
  std::vector<std::string> likelihood_scale;  // data rules: labels, low to high
  std::vector<std::string> impact_scale;
  std::vector<std::vector<std::string>> grid;  // grid[l][i] = band
  DefinitionSite site;
  bool is_data() const { return !grid.empty(); }
};

struct ParamSpec {
  std::string name;
  std::string kind;  // choice, date, number, toggle, multi
  std::vector<std::string> options;
  std::string default_value;
  double min = 0, max = 0, step = 0;
  std::string label;
};

struct ViewDef {
  std::string id;
  std::string title;
  std::string board;
  std::string description;
  std::vector<ParamSpec> params;  // in name order
  int build_ref = 0;
  DefinitionSite site;
};

struct TestDef {
  std::string name;
  int run_ref = 0;
  DefinitionSite site;
};

struct PackDefinitions {
  std::vector<IndicatorDef> indicators;
  std::vector<RuleDef> rules;
  std::vector<ViewDef> views;
  std::vector<TestDef> tests;
};

}  // namespace gb::script
