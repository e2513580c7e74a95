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
#include <optional>

#include "data/db.hpp"
#include "data/edit_model.hpp"

namespace gb::data {

EditResult record_assessment(Db& db, const AssessmentEdit& edit);
EditResult set_control_progress(Db& db, const ControlProgressEdit& edit);
EditResult set_action_status(Db& db, const ActionStatusEdit& edit);
EditResult set_improvement_action(Db& db, const ImprovementActionEdit& edit);
EditResult record_session_action(Db& db, const SessionActionEdit& edit);

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

// Reverts the latest undo that has not been redone, provided no new edit
// has been made since it (a new edit ends the redo history, as in any
// editor): the rows the undo put back are changed again to what the edit
// had made them. Recorded as an edit of kind 'redo' (redo_of = the undo),
// whose audit rows point (undo_of) at the undo's rows; undo reverts a redo
// like any edit. Returns nullopt, writing nothing, when there is nothing to
// redo; refuses like undo_last_edit when a row was changed since.
std::optional<UndoResult> redo_last_undo(Db& db);

}  // namespace gb::data
