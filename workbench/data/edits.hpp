// Edits typed by analysts: the only way the workbench changes governance
// data by hand (the GUI calls these and nothing else), and their undo.
//
//   EditResult r = record_assessment(db, {.risk_id = 10, .as_of = "2021-12-31",
//                                         .likelihood = "H", .impact = "VH"});
//   r.description  // "risk 10 LEGITIMACY: likelihood VH -> H (2021-12-31)"
//   undo_last_edit(db);  // puts it back
//
// Every function validates everything first and throws gb::Error naming
// the field and the values it allows ("likelihood must be one of VL, L, M,
// H, VH (got 'X')"), or the row that does not exist; then it writes the
// change, its `edits` row and one audit_log row per table row written, in
// one transaction, and commits before returning. An error leaves the
// database exactly as it was.
//
// Optional fields (Field) mean:
//   std::nullopt  leave the stored value as it is (NULL in a new row)
//   ""            clear it (store NULL)
//   "text"        store this (checked against the allowed values)
// so a form can send only what the analyst touched, or everything.
//
// Provenance: an assessment, control progress row or action update the
// analyst creates or changes then cites the 'manual' source ("Edits typed
// in govbench"), since it no longer says what its paper said; its previous
// source is in the audit row and comes back on undo. Action items and
// improvement actions keep their source (their titles and wording are
// still the paper's); the audit log says who set their status and when.
// An edit that would change nothing writes nothing (changed() is false).
//
// Durability: the transaction is committed before a function returns, so
// a confirmed edit survives the program being killed (see edit_log.cpp).
//
// The database must be open read-write at schema version 4 or later
// (open_governance_db migrates it).
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

EditResult record_assessment(Db& db, const AssessmentEdit& edit);
EditResult set_control_progress(Db& db, const ControlProgressEdit& edit);
EditResult set_action_status(Db& db, const ActionStatusEdit& edit);
EditResult set_improvement_action(Db& db, const ImprovementActionEdit& edit);
EditResult record_session_action(Db& db, const SessionActionEdit& edit);

struct UndoResult {
  std::int64_t edit_id = 0;         // the undo's own edits row
  std::int64_t undone_edit_id = 0;  // the edit it reverted
  std::string description{};        // "undo: " + the reverted edit's description
};

// Reverts the latest edit that is not an undo and has not been undone:
// rows it inserted are deleted, rows it updated get their old values back
// (all columns, source included). Recorded as an edit of kind 'undo' whose
// audit rows point (undo_of) at the rows they revert; the original is
// marked undone, so calling again walks further back. Returns nullopt, and
// writes nothing, when there is nothing to undo. Throws gb::Error, and
// changes nothing, when a row has been changed since by anything else
// ("cannot undo: risk 10's assessment of 2021-12-31 was changed after this
// edit ..."): undo never overwrites work it did not do. Such an edit
// stays, and keeps blocking undo, until the row is put back as it left it.
std::optional<UndoResult> undo_last_edit(Db& db);

struct EditSummary {
  std::int64_t id = 0;
  std::string at{};  // UTC, ISO 8601
  std::string who{};
  std::string kind{};  // assessment, control_progress, action_status, improvement_action, undo
  std::string description{};
  std::optional<std::int64_t> undo_of{};    // for an undo: the edit it reverted
  std::optional<std::int64_t> undone_by{};  // for an undone edit: the undo
};

// The latest `limit` edits (undos included), newest first.
std::vector<EditSummary> recent_edits(Db& db, int limit = 50);
// The edit undo_last_edit would revert now, if any (for an "Undo ..." label).
std::optional<EditSummary> next_undo(Db& db);

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
