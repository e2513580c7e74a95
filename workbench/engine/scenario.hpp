// What-if: evaluating indicators, scores and views under a scenario
// (data/scenarios.hpp) without copying or changing the database, and the
// difference from the baseline.
//
//   {
//     ScenarioOverlay overlay(script_db, scenario);  // the connection now reads through it
//     ScoredRegister under = score_register(packs, script_db, rule, as_of);
//   }                                                // gone: the register as stored
//
// The overlay is a set of TEMP objects on the script connection (see
// docs/SCENARIOS.md for why this is sound):
//   temp.gb_scenario_<table>   the scenario's rows of an overridden table
//                              (a changed copy of the row it replaces, same
//                              id; or a new row with a negative id)
//   temp.<table>               a view: main.<table> less the replaced rows,
//                              UNION ALL the scenario's rows
//   temp.<view>                every view of the main schema, recreated in
//                              temp: a main view's body is bound to main's
//                              tables, a temp view's body resolves names in
//                              temp first, so risk_register reads through.
// SQLite resolves an unqualified name in temp before main, so every query,
// pack SQL and host SQL alike, sees the scenario; `main.<table>` still
// names the register as stored. Pack code cannot write or drop any of it
// (ScriptDb's authorizer); only a ScriptDb::TempWrites scope, which the
// host opens here and nowhere else, may.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/indicator_result.hpp"
#include "data/scenario_model.hpp"
#include "engine/evaluator.hpp"
#include "engine/scoring.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

class ScenarioOverlay {
 public:
  // Installs `scenario`'s changes. Throws gb::Error if another overlay is
  // installed on this connection, or the overlay cannot be built.
  ScenarioOverlay(script::ScriptDb& db, const data::Scenario& scenario);
  ScenarioOverlay(const ScenarioOverlay&) = delete;
  ScenarioOverlay& operator=(const ScenarioOverlay&) = delete;
  ~ScenarioOverlay();  // removes it; never throws

  const std::string& scenario_name() const { return name_; }

 private:
  void remove() noexcept;
  script::ScriptDb& db_;
  std::string name_;
  std::vector<std::string> drops_;  // DROP statements, in the order to run them
};

// True when a scenario overlay is installed on this connection.
bool overlay_installed(script::ScriptDb& db);

// What the engine computes for one state of the register.
struct Outcome {
  ScoredRegister reg;
  std::vector<IndicatorResult> indicators;  // empty unless asked for
};

// Scores (and, with `indicators`, evaluates every indicator) through
// whatever overlay is installed on `db`.
Outcome compute_outcome(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                        const std::string& rule_id, const std::string& as_of, bool indicators);

// The register under `scenario`, from `baseline` (score_register of the
// register as stored, with the rule and date to use): installs the overlay
// and re-scores only the risks the scenario changes (rescore_risks; exact,
// since a rule scores a risk from its own row). Control and action changes
// do not enter the register's scores. No other overlay may be installed.
ScoredRegister score_under_scenario(const script::PackSet& packs, script::ScriptDb& db, const ScoredRegister& baseline,
                                    const data::Scenario& scenario);

struct RiskMove {
  std::int64_t risk_id = 0;
  std::int64_t ref = 0;
  std::string name;
  ScoredPosition from, to;  // current positions: baseline (or scenario A), scenario (or B)
  bool moved() const;       // likelihood, impact, score or band differ
};

struct IndicatorChange {
  std::string id, title, unit;
  IndicatorResult from, to;
  std::optional<double> delta;  // to.value - from.value when both are numbers
  bool changed = false;         // value, RAG, status, series or breakdown differ
  struct Group {
    std::string group;
    std::optional<double> from, to;
  };
  std::vector<Group> groups;  // the breakdown groups whose value differs
};

struct OutcomeDiff {
  std::string rule_id;
  std::vector<RiskMove> risks;  // every risk of either side, by ref
  std::vector<IndicatorChange> indicators;
  int from_red = 0, from_amber = 0, from_green = 0;
  int to_red = 0, to_amber = 0, to_green = 0;
  std::size_t moved_count() const;
  std::size_t changed_indicator_count() const;
};

OutcomeDiff diff_outcomes(const Outcome& from, const Outcome& to);

// Baseline against a scenario, or scenario `a` against scenario `b`
// (either may be nullptr: the register as stored).
OutcomeDiff compare_scenarios(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                              const data::Scenario* a, const data::Scenario* b, const std::string& rule_id,
                              const std::string& as_of, bool indicators);

// "M v H 9 amber" / "-" for a position.
std::string scored_position_text(const ScoredPosition& p);

}  // namespace gb::engine
