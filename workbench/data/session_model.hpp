// Review sessions as stored, read-only: the types and the reads (see
// sessions.hpp for the writes, which the engine's edit path makes). The
// window and the command line may include this header.
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

std::vector<Session> list_sessions(Db& db);            // newest meeting first
Session get_session(Db& db, std::int64_t session_id);  // throws when there is none

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

// Every record of a session's items (oldest first), or of one item.
std::vector<SessionRecord> session_records(Db& db, std::int64_t session_id);
std::vector<SessionRecord> item_records(Db& db, std::int64_t item_id);

std::optional<Snapshot> snapshot(Db& db, std::int64_t item_id);

// The scenarios discussed in a session, by name: empty until what-if
// scenarios exist in the schema (a `scenarios` table with session_id).
std::vector<std::string> session_scenarios(Db& db, std::int64_t session_id);

// Params as a JSON object of strings, and back.
std::string params_json(Db& db, const Params& params);
Params parse_params_json(const std::string& json);

}  // namespace gb::data
