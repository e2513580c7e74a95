// The edit path: every write a person makes to a governance database goes
// through here, from the window and from the command line alike. Neither
// of them writes through the data layer or runs SQL of its own.
//
//   engine::EditPath edits(db);                       // the CLI: the register as stored
//   edits.assess({.risk_id = 10, .as_of = "2021-12-31", .likelihood = "H", .impact = "VH"});
//   edits.undo();                                     // puts it back
//   edits.redo();                                     // and makes it again
//
// What it owns:
// - **Scenario or register.** With an active what-if scenario (the
//   window's scenario bar), a risk's likelihood and impact, a control's
//   progress and an action's status and RAG are proposed in the scenario
//   and the register is not touched; an improvement action, which no
//   scenario covers, is refused rather than written to the register behind
//   the analyst's back. Without one, they are recorded in the register.
// - **Validation, one transaction, the audit log.** Each call is one edit
//   of the data layer (data/edits.hpp, sessions.hpp, scenarios.hpp): every
//   field checked first, then the rows, the `edits` row and one audit_log
//   row per row written, in one transaction committed before the call
//   returns. An error (gb::Error, naming the field and what it allows)
//   leaves the database as it was.
// - **One history.** Assessments, control progress, actions, improvement
//   actions, sessions, agenda items, notes and decisions, scenarios and
//   their changes are all edits, so undo() and redo() walk one history,
//   latest first (schemas/008_redo.sql). Undo never overwrites a change it
//   did not make: it refuses, naming the row, when the row has changed
//   since.
// - **What depends on it.** After each write the listener (if any) hears
//   what was touched; the window's workspace re-evaluates at the end of the
//   frame (Workspace::edited).
//
// Imports are writes too (import_csv below, engine/imports.hpp): one
// transaction with their `imports` and audit-log rows, but not in the undo
// history (a replaced table is not kept row by row; `govbench drop` removes
// an imported table, after a backup).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "data/edit_model.hpp"
#include "data/import_model.hpp"
#include "data/scenario_model.hpp"
#include "data/session_model.hpp"

namespace gb::engine {

// What an edit touched, for whoever must re-read or re-evaluate.
enum class Touched {
  Register,  // governance tables: indicators, scores and views change
  Scenario,  // a scenario or its changes: what-if results change
  Session,   // sessions, agendas, notes: the Sessions panel re-reads
  Unknown,   // an undo or redo: any of the above
};

// What a call did, in one line for a status bar or the terminal.
struct EditOutcome {
  bool changed = false;        // false: nothing needed writing (or nothing to undo/redo)
  std::string message{};       // "risk 10 LEGITIMACY: likelihood VH -> H (2021-12-31)", "Added to scenario 'x': ..."
  std::int64_t edit_id = 0;    // the edits row, when one was written
  std::int64_t row_id = 0;     // the row a create made (session, agenda item, record, scenario)
  bool into_scenario = false;  // it went into the active scenario, not the register
};

class EditPath {
 public:
  using ScenarioSource = std::function<const data::Scenario*()>;
  using Listener = std::function<void(Touched)>;

  // `active_scenario` answers the scenario edits go into (nullptr: the
  // register); `on_write` hears what each write touched. Both optional.
  explicit EditPath(data::Db& db, ScenarioSource active_scenario = {}, Listener on_write = {});

  // ---- the register (or the active scenario) ------------------------------
  EditOutcome assess(const data::AssessmentEdit& e);  // under a scenario: likelihood and impact only
  EditOutcome control_progress(const data::ControlProgressEdit& e);
  EditOutcome action_status(const data::ActionStatusEdit& e);            // a dated update is refused under a scenario
  EditOutcome improvement_action(const data::ImprovementActionEdit& e);  // refused under a scenario
  // Whether the register panels' edits go into a scenario now, and its name.
  const data::Scenario* scenario() const;

  // ---- review sessions -----------------------------------------------------
  EditOutcome create_session(const data::SessionFields& f);
  EditOutcome update_session(std::int64_t session_id, const data::SessionFields& f);
  EditOutcome add_agenda_item(std::int64_t session_id, const data::NewAgendaItem& item);
  EditOutcome move_agenda_item(std::int64_t session_id, int from, int to);
  EditOutcome remove_agenda_item(std::int64_t session_id, int position);
  EditOutcome set_agenda_note(std::int64_t item_id, const std::string& note);
  EditOutcome set_agenda_params(std::int64_t item_id, const data::Params& params);
  EditOutcome add_record(std::int64_t item_id, data::RecordKind kind, const std::string& text);
  EditOutcome set_record_text(std::int64_t record_id, const std::string& text);
  EditOutcome delete_record(std::int64_t record_id);
  EditOutcome session_action(const data::SessionActionEdit& e);  // an action agreed: into the register

  // ---- scenarios (named explicitly: the command line) ----------------------
  EditOutcome create_scenario(const data::NewScenario& s);
  EditOutcome copy_scenario(std::int64_t scenario_id, const std::string& new_name);
  EditOutcome discard_scenario(std::int64_t scenario_id);
  EditOutcome set_risk_change(std::int64_t scenario_id, const data::RiskChange& c);
  EditOutcome set_control_change(std::int64_t scenario_id, const data::ControlChange& c);
  EditOutcome set_action_change(std::int64_t scenario_id, const data::ActionChange& c);
  EditOutcome remove_change(std::int64_t scenario_id, const std::string& kind, std::int64_t target_id);
  // Every change through the register's edits, one transaction (one edit each).
  std::vector<data::EditResult> apply_scenario(std::int64_t scenario_id);

  // ---- imports ----------------------------------------------------------------
  // A CSV file into a table (data/import_model.hpp's options): all or
  // nothing, with its audit entry. Not undoable (see above).
  data::ImportReport import_csv(const std::filesystem::path& file, const data::ImportOptions& options);
  // A register workbook's changes (engine/register_import.hpp's plan): each
  // a new assessment (validated, audited, undoable one by one), all in one
  // transaction: on any error nothing is recorded. Refused under a scenario.
  std::vector<EditOutcome> apply_register_import(const std::vector<data::AssessmentEdit>& edits);

  // ---- history ----------------------------------------------------------------
  EditOutcome undo();  // changed = false: nothing to undo
  EditOutcome redo();  // changed = false: nothing to redo
  std::optional<data::EditSummary> next_undo();
  std::optional<data::EditSummary> next_redo();
  std::vector<data::EditSummary> history(int limit = 50);

 private:
  data::Db& db_;
  ScenarioSource scenario_;
  Listener listener_;
  EditOutcome written(Touched touched, bool into_scenario, const std::function<std::int64_t()>& write);
  EditOutcome propose(const std::function<std::int64_t(std::int64_t scenario_id)>& set);
  void notify(Touched t) const;
};

}  // namespace gb::engine
