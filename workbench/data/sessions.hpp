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
// the session/item that does not exist; each write is one short
// transaction committed before the function returns, so a note the
// caller has been told is saved survives the program being killed (WAL,
// synchronous = NORMAL: only an OS crash or power cut can lose the last
// commits). Actions are governance data and go through the edit path
// (edits.hpp: record_session_action), with their audit rows.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

using Params = std::vector<std::pair<std::string, std::string>>;

struct SessionFields {
  std::string title{};
  std::string board{};
  std::string held_on{};                 // YYYY-MM-DD
  std::vector<std::string> attendees{};  // one name each
};

struct Session {
  std::int64_t id = 0;
  std::string title{}, board{}, held_on{};
  std::vector<std::string> attendees{};
  std::string created_at{};
  std::string started_at{};        // "" until first presented
  std::string data_fingerprint{};  // at the start
  std::string packs_json{};        // [{name, version}] at the start, or ""
  int items = 0;                   // agenda length
};

struct AgendaItem {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  int position = 0;  // 1-based
  std::string view_id{};
  Params params{};
  std::string note{};
};

enum class RecordKind { Note, Decision, Action };
const char* record_kind_name(RecordKind k);

struct SessionRecord {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  RecordKind kind = RecordKind::Note;
  std::string text{};  // note or decision; for an action, the action's title
  std::string at{}, who{};
  // For an action: the action_items row and what the minutes show of it.
  std::int64_t action_item_id = 0;
  std::string action_ref{};  // "REVIEW 3"
  std::string owner{}, due{}, status{};
  std::string risks{};  // linked risk refs, "10, 4"
};

struct Snapshot {
  std::int64_t item_id = 0;
  std::string presented_at{};
  std::string data_fingerprint{};
  std::string tree_json{};
};

// Sessions.
std::int64_t create_session(Db& db, const SessionFields& fields);
void update_session(Db& db, std::int64_t session_id, const SessionFields& fields);
std::vector<Session> list_sessions(Db& db);            // newest meeting first
Session get_session(Db& db, std::int64_t session_id);  // throws when there is none
// Records the start (first call only; later calls change nothing). Returns
// true when this call started it.
bool mark_session_started(Db& db, std::int64_t session_id, const std::string& data_fingerprint,
                          const std::string& packs_json);

// The agenda, in order.
std::vector<AgendaItem> agenda(Db& db, std::int64_t session_id);
// The item at a 1-based position; throws naming the session's agenda length.
AgendaItem agenda_item_at(Db& db, std::int64_t session_id, int position);
AgendaItem agenda_item(Db& db, std::int64_t item_id);

struct NewAgendaItem {
  std::string view_id{};
  Params params{};
  std::string note{};
  int position = 0;  // 0: at the end; else inserted there, later items move down
};
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
// Replaces a note's or decision's text (the GUI saves each keystroke batch).
void set_record_text(Db& db, std::int64_t record_id, const std::string& text);
// Deletes a note or decision (not an action: undo that through the edit path).
void delete_record(Db& db, std::int64_t record_id);
// Every record of a session's items (oldest first), or of one item.
std::vector<SessionRecord> session_records(Db& db, std::int64_t session_id);
std::vector<SessionRecord> item_records(Db& db, std::int64_t item_id);

// Snapshots: the latest presentation of an item replaces the one before.
void save_snapshot(Db& db, std::int64_t item_id, const std::string& data_fingerprint, const std::string& tree_json);
std::optional<Snapshot> snapshot(Db& db, std::int64_t item_id);

// The scenarios discussed in a session, by name: empty until what-if
// scenarios exist in the schema (a `scenarios` table with session_id).
std::vector<std::string> session_scenarios(Db& db, std::int64_t session_id);

// Params as a JSON object of strings, and back.
std::string params_json(Db& db, const Params& params);
Params parse_params_json(const std::string& json);

}  // namespace gb::data
