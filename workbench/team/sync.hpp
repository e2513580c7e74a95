// Team mode's workflows (issue 18): publishing a database to an empty hub,
// joining, syncing, and the signatures that let every replica check who made
// each change. The hub is hub.hpp (PostgreSQL); the replica's side is
// data/replica.hpp (SQLite).
//
// Signatures: every change is signed by its author's Ed25519 key over
//   "govbench-change-1", team id, uuid, author, created_at, kind, summary and
//   the BLAKE2b-256 digest of the payload (each NUL-terminated),
// and every snapshot over "govbench-snapshot-1", team id, seq, author and
// the digest of its bytes. A replica applies a change only when the
// signature verifies against the author's key as the hub's member list
// records it; the hub sets the author from the role that pushed, so a
// member cannot push in another's name.
//
// Keys live in the member's configuration folder, never in a replica:
//   $XDG_CONFIG_HOME/govbench/team/<team id>/<member>.key (0600) and .pub
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "data/replica.hpp"
#include "team/hub.hpp"

namespace gb::team {

// A member's signing key: raw bytes (32 public, 64 secret).
struct SigningKey {
  std::string public_key;
  std::string secret_key;
};

std::filesystem::path default_key_file(const std::string& team_id, const std::string& member);
// Reads the key at `path`, or makes one there (and its .pub) when missing.
SigningKey load_or_create_key(const std::filesystem::path& path);
SigningKey read_key(const std::filesystem::path& path);

std::string change_signed_bytes(const std::string& team_id, const std::string& uuid, const std::string& author,
                                const std::string& created_at, const std::string& kind, const std::string& summary,
                                const std::string& payload);
std::string snapshot_signed_bytes(const std::string& team_id, std::int64_t seq, const std::string& author,
                                  const std::string& bytes);
std::string sign(const std::string& message, const SigningKey& key);
bool verify(const std::string& message, const std::string& signature, const std::string& public_key);
// Short form of a public key for messages.
std::string key_id(const std::string& public_key);

struct InitResult {
  std::string team_id;
  std::string member;
  std::int64_t replica = 0;
  std::filesystem::path key_file;
  std::size_t snapshot_bytes = 0;
};
// Publishes the database at `db_path` to the empty hub at `url`: the hub's
// schema, the connecting role as its first member, the first snapshot; the
// file becomes the first replica. `key_file` empty: the default place.
InitResult init_team(const std::filesystem::path& db_path, const std::string& url, const std::string& display,
                     const std::filesystem::path& key_file);

struct JoinResult {
  std::string team_id;
  std::string member;
  std::int64_t replica = 0;
  std::int64_t snapshot_seq = 0;
  std::int64_t head = 0;
  std::filesystem::path key_file;
};
// Makes a new replica at `out` from the hub's latest snapshot and the
// changes after it. The member must have been added (team member add); the
// first join records the member's public key on the hub.
JoinResult join_team(const std::string& url, const std::string& member, const std::filesystem::path& out,
                     const std::filesystem::path& key_file);

struct SyncReport {
  int pulled = 0;
  int pushed = 0;
  int new_conflicts = 0;
  int open_conflicts = 0;
  int pending = 0;  // left unpushed (a reader's, or the hub refused)
  int retries = 0;  // pushes lost to another push and rebased
  std::int64_t head = 0;
  std::vector<std::string> authors;  // of the changes pulled
  std::string refused;               // why the hub refused this replica's push (a reader), else empty
};
// Pulls every change after the replica's head (verifying each), rebases
// this replica's pending changes on them, then pushes those on the hub's
// head; a push that loses to another pulls and tries again. Throws
// Unreachable (pending changes stay pending) or gb::Error naming a change
// that failed its checks (nothing of it applied).
SyncReport sync(data::Db& db);
// The same on a connection the caller keeps open (team::Live's).
SyncReport sync(data::Db& db, Hub& hub);
// Only the pull half (what the window does when the hub announces changes).
SyncReport pull(data::Db& db, Hub& hub);

// A connection to the replica's hub, as the replica's member.
Hub connect_hub(const data::ReplicaInfo& info);

}  // namespace gb::team

namespace gb::team {

// Resolves conflict `id` of the replica keeping "mine" or "theirs" (see
// data/replica.hpp); the choice is an edit, pushed at the next sync.
std::string resolve(data::Db& db, std::int64_t id, const std::string& keep);
// Publishes a snapshot of the replica at its head, for members who join
// later (pending changes must be pushed first: refused otherwise).
std::int64_t publish_snapshot(data::Db& db);

}  // namespace gb::team
