// What the window holds: the open database (for the edit path), and the
// results of the packs, which run in a pack host process (pack_host.hpp)
// that this object starts, feeds and, when a pack stalls or crashes it,
// kills and starts again. No pack code runs in the window's process.
//
// Nothing here waits on a pack. The result accessors return what is known
// (computed for an earlier state while a new answer is on its way, or empty
// before the first) and ask the host for the current answer when needed;
// the *_pending() functions and busy() say whether one is on its way. The
// answers are taken in by poll(), which the window calls once per frame
// before drawing: that is the only place results change, so references
// returned by the accessors stay valid for the rest of the frame.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/indicator_result.hpp"
#include "data/db.hpp"
#include "data/scenario_model.hpp"
#include "engine/catalog.hpp"
#include "engine/console.hpp"
#include "engine/edit_path.hpp"
#include "engine/local_workspace.hpp"
#include "engine/register_model.hpp"
#include "engine/scoring.hpp"
#include "engine/views.hpp"
#include "script/pack.hpp"
#include "script/script_db.hpp"
#include "script/watchdog.hpp"

namespace gb::engine {

class LineReader;

// A board view as the host built it.
struct ViewOutcome {
  Tree tree;             // the built view (null when it failed)
  std::string error;     // why it failed (a bad request, or the pack host stopped)
  bool current = false;  // built for the workspace's current state
};

// One input of the scratch console and, once the host has run it, its answer.
struct ConsoleEntry {
  std::int64_t id = 0;  // the request's id
  std::string input;
  bool pending = true;
  ConsoleOutcome outcome;
};

// A risk's detail as the host worked it out.
struct DetailOutcome {
  RiskDetail detail;
  std::string error;
  bool current = false;
};

class Workspace {
 public:
  // Opens the database (migrating it if needed) and starts the pack host.
  // Throws gb::Error if the database cannot be opened or the host cannot
  // be started.
  explicit Workspace(WorkspaceOptions options);
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace();  // stops the host

  const WorkspaceOptions& options() const { return options_; }
  const std::string& database() const { return options_.database; }
  data::Db& db() { return *db_; }  // read-write unless read_only(): the edit path goes through the data layer
  bool read_only() const { return read_only_; }
  const std::string& read_only_reason() const { return read_only_reason_; }
  // What the database holds that govbench's migrations did not make (planted
  // triggers, changed views, tables named like SQLite's functions), one
  // message each (data::inspect_schema); read at open and after each change.
  const std::vector<std::string>& schema_warnings() const { return schema_warnings_; }
  // A read-only connection with the packs' guards, for the window's own
  // browsing and the Data panel's query box (never pack code).
  script::ScriptDb& script_db() { return *script_db_; }
  // The packs as the host loaded them (empty until it has).
  const PackCatalog& packs() const { return catalog_; }
  bool packs_loaded() const { return catalog_known_; }
  // One more each time the host sent the packs (at start, after every reload).
  std::uint64_t catalog_version() const { return catalog_version_; }
  const std::string& as_of() const { return as_of_; }
  void set_as_of(const std::string& date);

  // Reloads every pack (Ctrl+R).
  void reload_all();
  // Takes in what the host sent, restarts it if it stalled or crashed, and
  // sends what is waiting to be sent. Returns true when anything shown may
  // have changed. Call once per frame, before drawing.
  bool poll();
  // Tells the workspace the data changed (after an import; edits through
  // edits() say so themselves).
  void data_changed();

  // The edit path (engine/edit_path.hpp): every write a person makes, into
  // the register or, while one is active, into the what-if scenario. What
  // an edit touched is taken in at the end of the frame.
  EditPath& edits();
  // One more at every write through edits(), undo and redo included: a
  // panel that lists sessions or notes re-reads when it changes.
  std::uint64_t edit_generation() const { return edit_generation_; }
  // Another connection changed the file (team mode: changes pulled from
  // the hub, a conflict resolved): everything is read again, as after an
  // undo (Touched::Unknown), edit_generation() included.
  void changed_elsewhere();

  const std::vector<IndicatorResult>& indicators();
  const ScoredRegister& scored_register();
  const HeatGrid& heat_grid();
  const ScoredRegister& baseline_register();
  const std::vector<IndicatorResult>& baseline_indicators();
  bool indicators_pending() const;
  // This indicator's result is not yet the current state's (a tile still
  // being computed; the others come in one by one).
  bool indicator_pending(const std::string& id) const;
  bool register_pending() const;
  // A board view (null until the host first answered for this request).
  const ViewOutcome* view(ViewRequest request);
  // One risk's detail (null until the host first answered).
  const DetailOutcome* risk_detail(std::int64_t risk_id);
  std::string active_rule();
  std::uint64_t generation() const { return generation_; }  // changes whenever results may have

  // The window's frame. Results change only in poll(); between
  // begin_frame() and end_frame(), what scenario() returned is not freed
  // either: set_scenario() and scenario_changed() made during the frame
  // take effect in end_frame() (a panel may hold the pointer while it draws,
  // across the button that switches). Outside a frame (tests, tools) they
  // take effect at once.
  void begin_frame() { in_frame_ = true; }
  void end_frame();
  bool in_frame() const { return in_frame_; }

  // What-if (see local_workspace.hpp): the host computes under the scenario.
  void set_scenario(std::optional<std::int64_t> scenario_id);
  const data::Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  void scenario_changed();

  // Requests on their way to or in the host.
  bool busy() const { return !host_failed_ && (!inflight_.empty() || !catalog_known_); }
  // What the host is doing, for a status line ("" when idle).
  std::string activity() const;
  // Runs poll() until nothing is in flight or `timeout` passes (tests, a
  // screenshot); true when idle.
  bool wait_idle(std::chrono::milliseconds timeout);
  // How many times the host was started (1 + restarts), and why it last stopped.
  int host_starts() const { return host_starts_; }
  pid_t host_pid() const { return host_pid_; }  // -1 while none runs
  const std::string& last_host_failure() const { return last_host_failure_; }
  // Why the last reload (Ctrl+R) failed, e.g. a --packs folder that has
  // gone: the packs in use stay. Empty once a reload succeeds.
  const std::string& reload_error() const { return reload_error_; }

  // The scratch console (console.hpp): runs `input` in the host, with the
  // packs' ctx, as at as_of() and under the active scenario. The answer
  // arrives in console_entries() (the last 100 inputs, oldest first).
  void console_submit(const std::string& input);
  const std::deque<ConsoleEntry>& console_entries() const { return console_entries_; }
  void console_clear();

  // Console: pack print() output, load errors, reloads, edits, host restarts.
  const std::deque<script::ConsoleMessage>& console() const { return console_; }
  std::size_t error_count() const;  // current pack problems
  std::string last_reload() const { return last_reload_; }
  void log(script::ConsoleMessage::Level level, const std::string& text);

 private:
  enum class Kind { Indicators, BaselineIndicators, Register, View, Detail, Reload, Console };
  struct Request {
    std::int64_t id = 0;
    Kind kind = Kind::Indicators;
    std::string key;          // views: the request's key; details: the risk id
    std::uint64_t state = 0;  // state_ when it was sent
    Tree body;                // as sent (sent again after a restart)
  };
  template <class T>
  struct Slot {
    T value{};
    bool has = false;
    std::uint64_t state = 0;     // the state it was computed for
    std::int64_t in_flight = 0;  // request id, 0 = none
    std::uint64_t used = 0;      // generation when last asked for (views, details)
  };

  void start_host();
  void stop_host();
  int end_host(std::chrono::milliseconds patience);
  template <class T>
  void answered(Slot<T>& slot, const Request& req);
  void host_stopped(const std::string& why_if_unknown);
  std::int64_t send(Kind kind, Tree body, const std::string& key = {});
  void flush_out();
  void handle(const Tree& message);
  void apply_result(const Request& req, const Tree& message);
  void fail_request(const Request& req, const std::string& error);
  Tree state_fields() const;
  void state_changed();
  void prune();
  std::string describe_current_call() const;
  Tree blocked_tree() const;
  void want_register();
  std::chrono::milliseconds answer_limit() const;

  WorkspaceOptions options_;
  std::string as_of_;
  bool read_only_ = false;
  std::string read_only_reason_;
  std::vector<std::string> schema_warnings_;
  void read_schema_warnings();
  std::unique_ptr<data::Db> db_;
  std::unique_ptr<script::ScriptDb> script_db_;
  std::optional<data::Scenario> scenario_;
  script::Limits limits_;

  // The host process.
  pid_t host_pid_ = -1;
  int host_fd_ = -1;
  std::unique_ptr<LineReader> reader_;
  std::string out_;  // bytes waiting to be written to the host
  std::chrono::steady_clock::time_point last_heard_{};
  std::chrono::steady_clock::time_point started_at_{};
  int host_starts_ = 0;
  int quick_failures_ = 0;    // host deaths before its catalog, in a row
  bool host_failed_ = false;  // gave up restarting it (until reload_all)
  std::string last_host_failure_;
  std::string reload_error_;
  std::optional<script::StallReport> stall_;  // the host's last words
  std::string current_indicator_;             // the host said it is evaluating this
  std::vector<std::string> excluded_packs_;   // stalled or crashed the host while loading
  std::map<std::string, std::string> exclusion_reasons_;

  // Requests and answers.
  std::int64_t next_id_ = 1;
  std::deque<Request> inflight_;  // in the order sent: the host answers in order
  std::uint64_t state_ = 1;       // one more at every change of what results depend on
  std::uint64_t generation_ = 0;
  bool catalog_known_ = false;
  std::uint64_t catalog_version_ = 0;
  PackCatalog catalog_;
  Slot<std::vector<IndicatorResult>> indicators_;
  Slot<std::vector<IndicatorResult>> baseline_indicators_;
  std::set<std::string> fresh_;  // indicators whose current result has come in while a request runs
  Slot<ScoredRegister> register_;
  HeatGrid heat_grid_;
  ScoredRegister baseline_register_;
  std::map<std::string, Slot<ViewOutcome>> views_;
  std::map<std::int64_t, Slot<DetailOutcome>> details_;
  std::uint64_t uses_ = 0;  // view() calls, for keeping the recently used views
  std::string active_rule_cache_;
  // Work that stalled or crashed the host: not asked for again until the
  // packs are reloaded.
  std::map<std::string, std::string> blocked_indicators_;
  std::map<std::string, std::string> blocked_views_;
  std::string blocked_register_;

  std::deque<script::ConsoleMessage> console_;
  std::deque<ConsoleEntry> console_entries_;
  std::string last_reload_;

  bool in_frame_ = false;
  std::optional<std::optional<std::int64_t>> pending_scenario_;  // set_scenario() asked for during a frame
  bool pending_reread_ = false;                                  // scenario_changed() asked for during a frame
  bool pending_data_ = false;                                    // an edit to the register during a frame
  std::unique_ptr<EditPath> edits_;
  std::uint64_t edit_generation_ = 0;
  void edited(Touched touched);
  void apply_scenario(std::optional<std::int64_t> id);
  void reread_scenario();
};

}  // namespace gb::engine
