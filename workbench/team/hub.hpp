// The team's hub: a PostgreSQL database holding the ordered change log,
// snapshots for joining, the members and the pack registry (issue 18).
// libpq stays out of this header.
//
//   Hub hub = Hub::connect("postgresql:///team?host=/tmp/pg&port=5499&user=alice");
//   std::int64_t head = hub.head();
//   for (const HubChange& c : hub.changes_after(my_head, 500)) apply(c);
//   hub.append(head, {mine});   // throws PushRaced when another push took `head`
//
// Access control is PostgreSQL's own: members are login roles in the group
// role govbench_analyst (append changes, publish packs, add snapshots) or
// govbench_reader (read only). The server refuses what a role may not do;
// this class never checks it itself. A change's author is set by the server
// (a trigger) from the role that pushed it, never taken from the client.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gb::team {

// Another push took the parent this push was built on (the change log's
// unique parent): pull, rebase and try again.
class PushRaced : public Error {
 public:
  using Error::Error;
};

// The server refused for lack of privilege (a reader pushing, a non-owner
// adding a member). The message says who and what, in words.
class NotAllowed : public Error {
 public:
  using Error::Error;
};

// The hub could not be reached or the connection dropped. Pending changes
// stay pending; sync again later.
class Unreachable : public Error {
 public:
  using Error::Error;
};

struct Member {
  std::string name;        // the PostgreSQL login role, e.g. "alice"
  std::string display;     // shown in the window: "A. Analyst"
  std::string role;        // "analyst" or "reader"
  std::string public_key;  // 32 raw bytes (Ed25519); empty until claimed
  std::string added_at;    // ISO 8601 UTC
  std::string removed_at;  // empty while a member
};

// One change as the hub stores it.
struct HubChange {
  std::int64_t seq = 0;     // 1, 2, 3...: seq = parent + 1
  std::int64_t parent = 0;  // the head it was pushed on; 0 = the first snapshot
  std::string uuid;         // chosen by the author's replica
  std::string author;       // member name, set by the server
  std::int64_t replica = 0;
  std::string created_at;  // when the author committed it locally (ISO 8601 UTC)
  std::string pushed_at;   // when the hub accepted it
  std::string summary;     // one line, e.g. "Assessment of risk R10 for 2021-12-31"
  std::string kind;        // "changeset", "import", "drop", "resolve", ...
  std::string payload;     // bytes
  std::string signature;   // 64 raw bytes, Ed25519 over the change's signed bytes
};

// A change as a replica pushes it: the hub adds seq, parent, author, pushed_at.
struct NewChange {
  std::string uuid;
  std::int64_t replica = 0;
  std::string created_at;
  std::string summary;
  std::string kind;
  std::string payload;
  std::string signature;
};

struct Snapshot {
  std::int64_t seq = 0;  // the replica's content after change `seq`
  std::string author;    // set by the server
  std::string created_at;
  std::string bytes;      // a SQLite database file
  std::string signature;  // Ed25519 by `author` over the snapshot's signed bytes
};

struct PackRelease {
  std::string name;
  std::string version;    // semver
  std::string publisher;  // member name, set by the server
  std::string published_at;
  std::string bundle;  // the signed bundle's bytes (empty in lists)
};

struct Notice {
  std::int64_t seq = 0;  // the change that arrived
  std::string author;
};

// "The presenter is on session S, item N": a member's workbench announces
// the agenda item it is presenting (a NOTIFY on the second channel,
// govbench_presence, payload "member session position"). Nothing is stored.
struct Presence {
  std::string member;  // the announcing connection's login role
  std::int64_t session = 0;
  int position = 0;  // the agenda item, 1-based
};

class Hub {
 public:
  // A libpq connection string or postgresql:// URL. Errors name the host,
  // port, database and user, never the password.
  static Hub connect(const std::string& url);
  Hub(Hub&&) noexcept;
  Hub& operator=(Hub&&) noexcept;
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;
  ~Hub();

  // `url` with any password taken out, safe to store and print.
  static std::string redact(const std::string& url);

  // --- setting up -------------------------------------------------------
  // True when the database holds no govbench hub yet (no hub tables).
  bool empty();
  // Creates the hub in an empty database: runs the hub's migrations
  // (schemas/hub/*.sql), the group roles and their grants, a new team id,
  // the replica schema version it accepts, and the connecting role as its
  // first member (role analyst, owner of the hub: may add members).
  // Throws when the database already holds a hub.
  void create(int replica_schema_version, const std::string& display, const std::string& public_key);
  // Runs any hub migrations this program has that the hub lacks (an owner only).
  void migrate();
  std::string team_id();
  int replica_schema_version();
  int hub_schema_version();

  // --- members ----------------------------------------------------------
  // The member this connection is (by its login role); nullopt when the
  // role is not a member.
  std::optional<Member> whoami();
  std::vector<Member> members();  // removed members too (their old changes stay verifiable)
  // Creates the login role (when missing) in the right group and records
  // the member. The hub's owner only (the server refuses others).
  void add_member(const std::string& name, const std::string& display, const std::string& role,
                  const std::string& public_key);
  // Ends membership: the role leaves its group and may no longer connect;
  // the member row stays, with removed_at.
  void remove_member(const std::string& name);
  // Records this connection's member's public key when none is set yet
  // (joining); refuses a different key than the one recorded.
  void claim_key(const std::string& public_key);
  // A new replica number for this connection's member (id blocks).
  std::int64_t register_replica();

  // --- the change log ---------------------------------------------------
  std::int64_t head();  // the latest seq; 0 when there is none yet
  // Up to `limit` changes with seq > after, in order.
  std::vector<HubChange> changes_after(std::int64_t after, int limit);
  // Appends `changes` as seq parent+1, parent+2, ... in one transaction:
  // all or none. PushRaced when `parent` is no longer the head;
  // NotAllowed for a reader. Returns the new head.
  std::int64_t append(std::int64_t parent, const std::vector<NewChange>& changes);

  // --- snapshots --------------------------------------------------------
  void put_snapshot(const Snapshot& s);  // author and created_at are the server's
  std::optional<Snapshot> latest_snapshot();

  // --- packs ------------------------------------------------------------
  void publish_pack(const std::string& name, const std::string& version, const std::string& bundle);
  std::vector<PackRelease> packs();  // every release, without bundle bytes
  std::optional<PackRelease> pack(const std::string& name, const std::string& version);  // with bytes

  // --- live -------------------------------------------------------------
  // LISTEN for new changes on this connection.
  void listen();
  // Waits up to timeout_ms for notices; returns what arrived (possibly none).
  std::vector<Notice> wait(int timeout_ms);
  // The socket to poll, for a caller with its own loop; -1 when closed.
  int socket() const;

  // --- presence (live review sessions) ------------------------------------
  // Tells every listening workbench that this member presents `session`'s
  // agenda item `position` now (its own connection hears it too).
  void announce(std::int64_t session, int position);
  // The announcements heard so far by listen()/wait() and not yet taken,
  // oldest first. wait() returns early (possibly with no change notice)
  // when one arrives.
  std::vector<Presence> presence();

 private:
  struct Conn;
  explicit Hub(std::unique_ptr<Conn> c);
  std::unique_ptr<Conn> c_;
};

}  // namespace gb::team
