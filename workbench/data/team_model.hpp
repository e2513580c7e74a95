// A team replica's types and what can be read of it (issue 18); the
// writes are in data/replica.hpp, reached through workbench/team. See
// data/replica.hpp for what a replica is.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

struct ReplicaInfo {
  std::string hub{};      // the hub's URL, without any password
  std::string team_id{};  // the hub's team id
  std::string member{};   // who works on this replica (the hub's member name)
  std::string display{};  // "A. Analyst"
  std::int64_t replica = 0;
  std::string key_file{};  // the member's signing key (a path; the key is not stored here)
  std::int64_t head = 0;
  std::string last_sync{};   // ISO 8601 UTC, empty before the first
  std::string last_error{};  // of the last sync, empty when it succeeded
};

// A change made on this replica, not yet on the hub.
struct LocalChange {
  std::int64_t id = 0;
  std::string uuid{};
  std::string created_at{};
  std::string author{};
  std::string summary{};
  std::string kind{};  // "changeset", ...
  std::string payload{};
  std::string undo{};  // how to take it off again when it is not a changeset
};

// A change from the hub, already verified by the caller.
struct PulledChange {
  std::int64_t seq = 0;
  std::int64_t parent = 0;
  std::string uuid{};
  std::string author{};
  std::int64_t replica = 0;
  std::string created_at{};
  std::string pushed_at{};
  std::string summary{};
  std::string kind{};
  std::string payload{};
};

struct ConflictColumn {
  std::string name{};
  Value was{};         // before either change
  Value mine{};        // what this replica's change set
  Value theirs{};      // what the hub holds
  bool clash = false;  // both changed it, differently
};

struct Conflict {
  std::int64_t id = 0;
  std::string table{};
  std::string op{};     // "update", "insert", "delete"
  std::string row{};    // the row's key as JSON, e.g. {"id":12}
  std::string label{};  // "control_progress 12"
  std::vector<ConflictColumn> columns{};
  std::string mine_by{}, mine_at{}, mine_summary{};
  std::string theirs_by{}, theirs_at{}, theirs_summary{};
  std::int64_t theirs_seq = 0;
  std::string found_at{};
  std::string kept{};  // "", "mine" or "theirs"
  std::string resolved_at{}, resolved_by{};
};

// True for a table whose rows take part in the team's changes (not team_*,
// not SQLite's own).
bool is_recorded_table(std::string_view name);

bool is_replica(Db& db);
std::optional<ReplicaInfo> replica_info(Db& db);
std::vector<LocalChange> pending_changes(Db& db);
std::vector<Conflict> conflicts(Db& db, bool open_only);
// The tables a change touches (for checking before applying).
std::vector<std::string> changeset_tables(std::string_view changeset);
// A fingerprint of every recorded table's rows: two replicas with equal
// fingerprints hold the same data.
std::string replica_fingerprint(Db& db);

// One change of the hub's log as this replica holds it (team_log), or one
// of its own not yet pushed (seq 0).
struct LogEntry {
  std::int64_t seq = 0;
  std::string author{};
  std::string created_at{};
  std::string summary{};
  std::string kind{};
  std::int64_t bytes = 0;
};
// Newest first: pending changes, then the hub's.
std::vector<LogEntry> team_log(Db& db, int limit);

}  // namespace gb::data
