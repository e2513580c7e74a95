#include "engine/local_workspace.hpp"

#include "core/dates.hpp"
#include "data/migrations.hpp"
#include "data/settings.hpp"
#include "engine/scenario.hpp"

namespace gb::engine {

namespace {
constexpr std::size_t kConsoleLines = 2000;

}  // namespace

script::Limits workspace_limits(data::Db& db) {
  script::Limits l;
  if (auto v = data::int_setting(db, data::kSettingTimeBudgetMs, data::kTimeBudgetMsMin, data::kTimeBudgetMsMax))
    l.time_budget = std::chrono::milliseconds(*v);
  if (auto v = data::int_setting(db, data::kSettingMemoryCapMb, data::kMemoryCapMbMin, data::kMemoryCapMbMax))
    l.memory_cap = static_cast<std::size_t>(*v) << 20;
  return l;
}

LocalWorkspace::LocalWorkspace(WorkspaceOptions options) : options_(std::move(options)), as_of_(options_.as_of) {
  // A file the user may only read (a shared copy, a read-only share) is
  // still worth looking at: open it read-only and say so.
  read_only_ = options_.open_read_only || !data::is_writable(options_.database);
  db_ = std::make_unique<data::Db>(
      data::open_governance_db(options_.database, read_only_ ? data::OpenMode::ReadOnly : data::OpenMode::ReadWrite));
  script_db_ = std::make_unique<script::ScriptDb>(options_.database);
  if (read_only_ && !options_.open_read_only) {
    read_only_reason_ = options_.database + " may not be written by you: opened read-only; edits and imports are off";
    log(script::ConsoleMessage::Level::Info, read_only_reason_);
  }
  load_packs();
}

LocalWorkspace::~LocalWorkspace() = default;

void LocalWorkspace::log(script::ConsoleMessage::Level level, const std::string& text) {
  console_.push_back({level, "", "", 0, text});
  ++console_seq_;
  while (console_.size() > kConsoleLines) console_.pop_front();
}

void LocalWorkspace::load_packs() {
  auto sink = [this](const script::ConsoleMessage& m) {
    console_.push_back(m);
    ++console_seq_;
    while (console_.size() > kConsoleLines) console_.pop_front();
  };
  // Loaded aside first: if a folder has gone (add_standard_sources throws),
  // the packs and evaluator in use stay as they were.
  auto packs = std::make_unique<script::PackSet>(workspace_limits(*db_), sink);
  packs->add_standard_sources(options_.pack_dirs, options_.include_bundled);
  if (!options_.exclude_packs.empty()) {
    auto off = script::disabled_packs();
    off.insert(options_.exclude_packs.begin(), options_.exclude_packs.end());
    packs->set_disabled(std::move(off));
  }
  packs->load();
  scratch_console_.reset();
  evaluator_.reset();
  packs_ = std::move(packs);
  evaluator_ = std::make_unique<IndicatorEvaluator>(*packs_, *script_db_);
  if (options_.watch) {
    watcher_ = std::make_unique<script::PackWatcher>();
    for (const auto& e : packs_->entries()) watcher_->watch(e.name(), e.dir);
  }
  last_reload_ = local_clock_text();
  ++reloads_;
  log(script::ConsoleMessage::Level::Info, "loaded " + std::to_string(packs_->loaded_count()) + " of " +
                                               std::to_string(packs_->entries().size()) + " packs");
  invalidate();
}

void LocalWorkspace::reload_all() {
  load_packs();
}

void LocalWorkspace::invalidate() {
  ++generation_;
  indicators_.reset();
  register_.reset();
  heat_grid_.reset();
  baseline_indicators_.reset();
  baseline_register_.reset();
}

void LocalWorkspace::set_scenario(std::optional<std::int64_t> scenario_id) {
  if (scenario_id)
    scenario_ = data::load_scenario(*db_, *scenario_id);
  else
    scenario_.reset();
  invalidate();
}

void LocalWorkspace::scenario_changed() {
  if (scenario_) scenario_ = data::open_scenario(*db_, scenario_->name);  // gone once discarded or applied
  invalidate();
}

void LocalWorkspace::data_changed() {
  invalidate();
}

void LocalWorkspace::set_as_of(const std::string& date) {
  if (date == as_of_) return;
  as_of_ = date;
  invalidate();
}

bool LocalWorkspace::poll() {
  bool changed = false;
  if (watcher_) {
    for (const auto& name : watcher_->poll()) {
      packs_->reload(name);
      last_reload_ = local_clock_text() + " (" + name + ")";
      ++reloads_;
      changed = true;
    }
  }
  // Writes by another program (or another connection of ours).
  data::Statement st = script_db_->db().prepare("PRAGMA data_version");
  st.step();
  const std::int64_t dv = st.column_int(0);
  if (data_version_ >= 0 && dv != data_version_) changed = true;
  data_version_ = dv;
  if (changed) scenario_changed();  // re-reads the active scenario (another program may have changed it), invalidates
  return changed;
}

const std::vector<IndicatorResult>& LocalWorkspace::indicators() {
  if (!indicators_) {
    if (!scenario_) return baseline_indicators();
    ScenarioOverlay overlay(*script_db_, *scenario_);
    indicators_ = evaluator_->evaluate_all({as_of_, {}});
  }
  return *indicators_;
}

const std::vector<IndicatorResult>& LocalWorkspace::baseline_indicators() {
  if (!baseline_indicators_) baseline_indicators_ = evaluator_->evaluate_all({as_of_, {}});
  return *baseline_indicators_;
}

namespace {

ScoredRegister score_or_error(const script::PackSet& packs, script::ScriptDb& db, const std::string& rule,
                              const std::string& as_of) {
  try {
    return score_register(packs, db, rule, as_of);
  } catch (const Error& e) {
    ScoredRegister empty;
    empty.rule_id = rule;
    empty.errors.push_back(e.what());
    return empty;
  }
}

}  // namespace

const ScoredRegister& LocalWorkspace::baseline_register() {
  if (!baseline_register_) baseline_register_ = score_or_error(*packs_, *script_db_, active_rule(), as_of_);
  return *baseline_register_;
}

std::string LocalWorkspace::active_rule() {
  return data::get_setting(*db_, data::kSettingScoringRule).value_or(kDefaultRule);
}

const ScoredRegister& LocalWorkspace::scored_register() {
  if (!register_) {
    if (!scenario_) return baseline_register();
    try {
      // Only the risks the scenario changes are scored again (score_under_scenario).
      const ScoredRegister& base = baseline_register();
      register_ = base.risks.empty() ? base : score_under_scenario(*packs_, *script_db_, base, *scenario_);
    } catch (const Error& e) {
      ScoredRegister empty;
      empty.rule_id = active_rule();
      empty.errors.push_back(e.what());
      register_ = std::move(empty);
    }
  }
  return *register_;
}

const HeatGrid& LocalWorkspace::heat_grid() {
  if (!heat_grid_) heat_grid_ = engine::heat_grid(*packs_, scored_register());
  return *heat_grid_;
}

Tree LocalWorkspace::build_view(ViewRequest request) {
  if (request.as_of.empty()) request.as_of = as_of_;
  std::optional<ScenarioOverlay> overlay;
  if (scenario_) overlay.emplace(*script_db_, *scenario_);
  return engine::build_view(*packs_, *script_db_, *evaluator_, request, options_.database);
}

IndicatorResult LocalWorkspace::evaluate_indicator(const std::string& id, bool baseline) {
  std::optional<ScenarioOverlay> overlay;
  if (scenario_ && !baseline) overlay.emplace(*script_db_, *scenario_);
  return evaluator_->evaluate(id, {as_of_, {}});
}

ConsoleOutcome LocalWorkspace::run_console(const std::string& input) {
  // A reload of one pack keeps the evaluator but changes what require finds.
  if (!scratch_console_ || scratch_console_reloads_ != reloads_) {
    scratch_console_.reset();
    scratch_console_ = std::make_unique<ConsoleSession>(*packs_, *script_db_, *evaluator_);
    scratch_console_reloads_ = reloads_;
  }
  std::optional<ScenarioOverlay> overlay;
  if (scenario_) overlay.emplace(*script_db_, *scenario_);
  return scratch_console_->run(input, as_of_);
}

std::size_t LocalWorkspace::error_count() const {
  return packs_->problems().size();
}

}  // namespace gb::engine
