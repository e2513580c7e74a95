// Review sessions (schemas/005_sessions.sql): a meeting's agenda of board
// views, what the secretariat records against each item, and the views as
// they were presented.
//
//   auto id = create_session(db, {.title = "Audit Panel", .board = "Audit Panel",
//                                 .held_on = "2022-01-17", .attendees = {"Chair", "DARA"}});
//   add_agenda_item(db, id, {.view_id = "audit_panel.risks", .note = "Register"});
//   add_record(db, item_id, RecordKind::Note, "The panel asked about risk 10");
//
// Every function validates first and throws gb::Error naming the field or
// the session/item that does not exist; each write is one edit in the edit
// history (kinds 'session', 'agenda', 'session_record': undo and redo
// reach it), one short transaction committed before the function returns,
// so a note the caller has been told is saved survives the program being killed (WAL,
// synchronous = NORMAL: only an OS crash or power cut can lose the last
// commits). Actions are governance data and go through the edit path
// (edits.hpp: record_session_action), with their audit rows.
#pragma once
#include <cstdint>
#include <string>

#include "data/db.hpp"
#include "data/session_model.hpp"

namespace gb::data {

// Sessions.
std::int64_t create_session(Db& db, const SessionFields& fields);
void update_session(Db& db, std::int64_t session_id, const SessionFields& fields);
// Records the start (first call only; later calls change nothing). Returns
// true when this call started it.
bool mark_session_started(Db& db, std::int64_t session_id, const std::string& data_fingerprint,
                          const std::string& packs_json);
// Returns the new item's id. Whether the view exists is the caller's check
// (the data layer does not know the packs).
std::int64_t add_agenda_item(Db& db, std::int64_t session_id, const NewAgendaItem& item);
void move_agenda_item(Db& db, std::int64_t session_id, int from, int to);
// Refuses an item with records against it (they would be lost).
void remove_agenda_item(Db& db, std::int64_t session_id, int position);
void set_agenda_note(Db& db, std::int64_t item_id, const std::string& note);
void set_agenda_params(Db& db, std::int64_t item_id, const Params& params);
// Notes and decisions (kind Note or Decision); returns the record's id.
std::int64_t add_record(Db& db, std::int64_t item_id, RecordKind kind, const std::string& text);
// Replaces a note's or decision's text (the window saves each pause in typing;
// typing in one go is one edit).
void set_record_text(Db& db, std::int64_t record_id, const std::string& text);
// Deletes a note or decision (not an action: undo that through the edit path).
void delete_record(Db& db, std::int64_t record_id);
// Snapshots: the latest presentation of an item replaces the one before.
void save_snapshot(Db& db, std::int64_t item_id, const std::string& data_fingerprint, const std::string& tree_json);

}  // namespace gb::data
