// The live state of a workspace, computed in this process: the open
// database, the loaded packs (watched for saves), the indicator results and
// the scored register, and the console. The pack host (pack_host.hpp) keeps
// one and answers the window's requests from it; the window itself never
// runs pack code (workspace.hpp is what it holds).
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/indicator_result.hpp"
#include "data/db.hpp"
#include "data/scenario_model.hpp"
#include "engine/console.hpp"
#include "engine/evaluator.hpp"
#include "engine/register_model.hpp"
#include "engine/scoring.hpp"
#include "engine/views.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"
#include "script/watcher.hpp"

namespace gb::engine {

// Script budgets from the workspace settings (script.time_budget_ms,
// script.memory_cap_mb), else the defaults.
script::Limits workspace_limits(data::Db& db);

struct WorkspaceOptions {
  std::string database;
  std::vector<std::string> pack_dirs;  // besides the bundled and installed packs
  bool include_bundled = true;
  bool watch = true;            // reload packs when their files are saved
  std::string as_of;            // evaluation date; empty = today
  bool open_read_only = false;  // the pack host: the database is only read
  // Packs not to load this time (the pack host, after one of them stalled
  // or crashed it while loading); listed as disabled.
  std::vector<std::string> exclude_packs;
  // The program the window starts as its pack host ("govbench pack-host");
  // empty: this process's own executable.
  std::string host_program;
};

class LocalWorkspace {
 public:
  // Opens the database (migrating it if needed) and loads the packs.
  // Throws gb::Error if the database cannot be opened.
  explicit LocalWorkspace(WorkspaceOptions options);
  LocalWorkspace(const LocalWorkspace&) = delete;
  LocalWorkspace& operator=(const LocalWorkspace&) = delete;
  ~LocalWorkspace();

  const WorkspaceOptions& options() const { return options_; }
  const std::string& database() const { return options_.database; }
  data::Db& db() { return *db_; }  // read-write unless read_only(): the edit path goes through the data layer
  // True when the database file may not be written by this process: it was
  // opened read-only (edits fail with a message saying so) instead of not at all.
  bool read_only() const { return read_only_; }
  const std::string& read_only_reason() const { return read_only_reason_; }
  script::ScriptDb& script_db() { return *script_db_; }
  const script::PackSet& packs() const { return *packs_; }
  const std::string& as_of() const { return as_of_; }
  void set_as_of(const std::string& date);

  // Reloads every pack (Ctrl+R).
  void reload_all();
  // Reads file-save events; reloads the packs that changed. Returns true
  // when anything shown may have changed (packs or data).
  bool poll();
  // Tells the workspace the data changed (after an edit or an import).
  void data_changed();

  // Everything below is computed on first use after a change, then kept.
  const std::vector<IndicatorResult>& indicators();
  const ScoredRegister& scored_register();
  const HeatGrid& heat_grid();
  // Builds a board view on this workspace (never cached: parameters vary).
  Tree build_view(ViewRequest request);
  // Scores of one risk's position over time (assessment history).
  std::string active_rule();
  std::uint64_t generation() const { return generation_; }  // changes whenever results may have

  // What-if. With a scenario active, indicators(), scored_register(),
  // heat_grid() and build_view() are computed under it (through a
  // ScenarioOverlay installed on the script connection only while they
  // compute), and the baseline_*() are the register as stored; without
  // one, the baseline_*() are the same as the others. Edits made in the
  // GUI while a scenario is active go into the scenario, not the register.
  void set_scenario(std::optional<std::int64_t> scenario_id);
  const data::Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  // Re-reads the active scenario's changes (after one was added or removed).
  void scenario_changed();
  const ScoredRegister& baseline_register();
  const std::vector<IndicatorResult>& baseline_indicators();

  // One indicator, under the active scenario unless `baseline` (for the
  // pack host, which reports progress between indicators).
  IndicatorResult evaluate_indicator(const std::string& id, bool baseline);
  IndicatorEvaluator& evaluator() { return *evaluator_; }

  // The scratch console (console.hpp): one input run as at as_of(), under
  // the active scenario. Globals it sets are kept until the packs reload.
  ConsoleOutcome run_console(const std::string& input);

  // Console: pack print() output, load errors, reloads, edits.
  const std::deque<script::ConsoleMessage>& console() const { return console_; }
  // How many messages were ever logged (the console keeps the last 2,000).
  std::uint64_t console_seq() const { return console_seq_; }
  std::size_t error_count() const;  // current pack problems
  std::string last_reload() const { return last_reload_; }
  std::uint64_t reloads() const { return reloads_; }  // one more at every (re)load of any pack
  void log(script::ConsoleMessage::Level level, const std::string& text);

 private:
  void load_packs();
  void invalidate();

  WorkspaceOptions options_;
  std::string as_of_;
  bool read_only_ = false;
  std::string read_only_reason_;
  std::unique_ptr<data::Db> db_;
  std::unique_ptr<script::ScriptDb> script_db_;
  std::unique_ptr<script::PackSet> packs_;
  std::unique_ptr<IndicatorEvaluator> evaluator_;
  std::unique_ptr<script::PackWatcher> watcher_;
  std::unique_ptr<ConsoleSession> scratch_console_;  // made at the first input after each (re)load
  std::uint64_t scratch_console_reloads_ = 0;
  std::deque<script::ConsoleMessage> console_;
  std::uint64_t console_seq_ = 0;
  std::string last_reload_;
  std::uint64_t reloads_ = 0;
  std::uint64_t generation_ = 1;
  std::optional<std::vector<IndicatorResult>> indicators_;
  std::optional<ScoredRegister> register_;
  std::optional<HeatGrid> heat_grid_;
  std::optional<data::Scenario> scenario_;
  std::optional<std::vector<IndicatorResult>> baseline_indicators_;
  std::optional<ScoredRegister> baseline_register_;
  std::int64_t data_version_ = -1;
};

}  // namespace gb::engine
