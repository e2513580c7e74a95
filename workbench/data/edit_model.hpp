// The edit path's vocabulary (see edits.hpp for the writes): what a caller
// sends for each kind of edit, what an edit answers, and reading the edit
// history back. Nothing declared here writes to the database, so the window
// and the command line may include this header; they write only through the
// engine's edit path (engine/edit_path.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

using Field = std::optional<std::string>;

// Every member of these structs has an initializer, so a caller's
// designated initializer names only the fields it sets.

// A risk's position at a date. Records a new assessment when the risk has
// none for as_of (its period is then the calendar quarter of as_of), else
// updates that one.
struct AssessmentEdit {
  std::int64_t risk_id = 0;  // risks.id
  std::string as_of{};       // YYYY-MM-DD
  std::string likelihood{};  // VL, L, M, H, VH
  std::string impact{};      // VL, L, M, H, VH
  Field trend{};             // improving, stable, worsening
  Field progress{};          // on_track, limited, slipped, no_progress
  Field rag{};               // red, amber, green, blue
  Field commentary{};        // free text
};

// A key control's progress for a calendar quarter: a new control_progress
// row (period_end = the quarter's last day) or an update of that quarter's.
struct ControlProgressEdit {
  std::int64_t control_id = 0;  // controls.id
  std::string period{};         // YYYY-Qn
  std::string progress{};       // on_track, limited, slipped, no_progress
  Field note{};                 // free text
};

// An action plan item's status and RAG, and/or a dated progress update
// (a new action_updates row carrying the item's status and RAG after the
// edit). At least one of status, rag, update_text must be given.
struct ActionStatusEdit {
  std::int64_t item_id = 0;  // action_items.id
  Field status{};            // planned, in_progress, complete, on_hold, withdrawn
  Field rag{};               // red, amber, green, blue
  Field update_text{};       // when set: the text of a new update (not empty)
  std::string as_of{};       // YYYY-MM-DD: the update's date; only with update_text
};

// A governance improvement plan action's status, RAG and quarterly update.
// A quarterly update set to text needs update_as_of (the date it reports).
struct ImprovementActionEdit {
  std::int64_t action_id = 0;  // improvement_actions.id
  Field status{};              // planned, in_progress, complete, on_hold, withdrawn
  Field rag{};                 // red, amber, green, blue
  Field quarterly_update{};    // free text
  Field update_as_of{};        // YYYY-MM-DD
};

// An action agreed in a review session: a new action_items row in the
// REVIEW plan ("Actions agreed in review sessions", created on first use),
// linked to the risks named (so the register's linked actions show it),
// and a session_records row pointing at it on the agenda item. Undo
// removes all three.
struct SessionActionEdit {
  std::int64_t agenda_item_id = 0;        // agenda_items.id
  std::string title{};                    // what is to be done
  std::string owner{};                    // who; not empty
  std::string due{};                      // YYYY-MM-DD, or "" for none
  std::vector<std::int64_t> risk_refs{};  // risks.ref (the register's numbers)
};

struct EditResult {
  std::int64_t edit_id = 0;   // edits.id; 0 when nothing changed (nothing was written)
  std::int64_t audit_id = 0;  // the edit's first audit_log row; 0 when nothing changed
  std::string description{};  // one line, e.g. "risk 10 LEGITIMACY: likelihood VH -> H (2021-12-31)"
  bool changed() const { return edit_id != 0; }
};

struct UndoResult {
  std::int64_t edit_id = 0;         // the undo's own edits row
  std::int64_t undone_edit_id = 0;  // the edit it reverted
  std::string description{};        // "undo: " + the reverted edit's description
};

struct EditSummary {
  std::int64_t id = 0;
  std::string at{};  // UTC, ISO 8601
  std::string who{};
  std::string kind{};  // assessment, control_progress, action_status, improvement_action, session_action,
                       // session, agenda, session_record, scenario, scenario_change, undo, redo
  std::string description{};
  std::optional<std::int64_t> undo_of{};    // for an undo: the edit it reverted
  std::optional<std::int64_t> undone_by{};  // for an undone edit: the undo
  std::optional<std::int64_t> redo_of{};    // for a redo: the undo it reverted
};

// The edit that the latest write on this connection made or extended, from
// this thread, and forgets it (nullopt: none since the last call). For a
// caller whose write answers a row id rather than an EditResult (sessions,
// scenarios): it learns exactly what its own call did, whatever another
// process writes meanwhile.
std::optional<EditResult> take_last_edit(Db& db);

// The latest `limit` edits (undos included), newest first.
std::vector<EditSummary> recent_edits(Db& db, int limit = 50);
// The edit undo_last_edit would revert now, if any (for an "Undo ..." label).
std::optional<EditSummary> next_undo(Db& db);
// The undo redo_last_undo would revert now, if any (for a "Redo ..." label;
// its description is "undo: " + the edit it reverted).
std::optional<EditSummary> next_redo(Db& db);

// One audit_log row of an edit: what changed in which row.
struct EditChange {
  std::int64_t audit_id = 0;
  std::string action{};  // insert, update, delete
  std::string table{};
  std::int64_t row_id = 0;
  std::optional<std::string> before{};  // JSON object of the row's columns; none for an insert
  std::optional<std::string> after{};   // none for a delete
  std::optional<std::int64_t> undo_of{};
};
std::vector<EditChange> edit_changes(Db& db, std::int64_t edit_id);

}  // namespace gb::data
