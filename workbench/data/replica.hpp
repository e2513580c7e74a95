// A team replica (issue 18): a govbench database that is a full copy of the
// team's data, kept in step with the team's hub. This header is the SQLite
// side: what a replica records of its own writes, and how it takes in the
// changes others made. The hub (PostgreSQL) and signatures are in
// workbench/team.
//
// A replica is an ordinary database plus four tables of its own:
//   team_replica    the hub it follows, who works on it, its replica number
//                   and the last hub change it holds (head)
//   team_pending    changes made here and not yet on the hub, oldest first;
//                   each is one transaction (Db records them, see db.hpp)
//   team_log        the hub's changes this replica holds, without payloads
//   team_conflicts  changes made here that met a different change from the
//                   hub on the same row and column: held until someone
//                   chooses which value to keep
//
// Taking in changes (integrate) is exact: the pending changes are taken off
// (inverted, newest first), the hub's changes are applied in the hub's
// order, and the pending changes are put back on top, each recorded again as
// it now applies. Where a pending change no longer fits (the hub changed the
// same column of the same row, or removed the row, or took the same unique
// key) that part of it is held in team_conflicts, with both values and who
// made each, and the replica shows the hub's value until the conflict is
// resolved. Nothing is resolved silently; nothing is lost.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/db.hpp"
#include "data/team_model.hpp"

namespace gb::data {

// Makes `db` a replica (creates the team tables, records `info`) and starts
// recording on it. Refuses a database that is one already, or whose rows
// already use ids at or above Db::kIdBlock (they would collide with the
// replicas' blocks).
void make_replica(Db& db, const ReplicaInfo& info);
// Creates the source that values typed in govbench cite ("Edits typed in
// govbench") when the database has none yet, so that a team's replicas all
// share one (made before the first snapshot) rather than each making its
// own and every conflict also differing on source_id.
void ensure_manual_source(Db& db);
void set_replica_head(Db& db, std::int64_t head);
void record_sync(Db& db, const std::string& error);  // last_sync = now, last_error = error

// After the hub accepted pending changes `ids` as seq first_seq, first_seq+1,
// ...: moves them into team_log and sets the head. One transaction.
void mark_pushed(Db& db, const std::vector<LocalChange>& pushed, std::int64_t first_seq, std::int64_t parent,
                 const std::string& pushed_at);

struct Integrated {
  int applied = 0;                     // hub changes taken in
  int new_conflicts = 0;               // parts of pending changes now held
  int pending = 0;                     // pending changes left to push
  std::vector<std::string> authors{};  // of the changes taken in, first seen first
};
// Takes in the hub's changes `pulled` (in order, starting right after the
// replica's head), rebasing the pending changes on top: see the top of this
// file. One transaction: all or nothing. Throws gb::Error naming the change
// (seq, author) when one cannot be applied to the state the hub says it was
// made on, or touches a table outside the team's set.
Integrated integrate(Db& db, const std::vector<PulledChange>& pulled);

// Resolves a held conflict: "mine" writes this replica's values over the
// hub's, "theirs" keeps the hub's (and applies the parts of the held change
// that did not clash). Either way it is an edit of kind 'conflict' saying
// both values and who made each, recorded like any other and so sent to the
// hub. Throws when there is no such open conflict.
std::string resolve_conflict(Db& db, std::int64_t id, std::string_view keep);

// The database as bytes with the team tables left out: a snapshot for
// joining (sqlite3_serialize of a copy).
std::string snapshot_bytes(Db& db);

namespace detail {
void add_pending(Db& db, const LocalChange& c);
}
// A new random change id (UUID text) and SQLite's "now" in ISO 8601 UTC.
std::string new_change_uuid(Db& db);
std::string utc_now(Db& db);

}  // namespace gb::data
