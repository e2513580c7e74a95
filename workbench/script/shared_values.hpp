// ctx.shared(name, build [, update]): a value a pack computes once for a
// state of the database and every indicator, rule and view of the pack
// reuses (the met-risk register: one read of 10,000 risks, not one per
// indicator), kept up to date row by row after an edit when the pack says
// how (`update`).
//
// Exact by construction, or rebuilt:
// - a value is kept per pack state (so never seen by another pack), per
//   name, as_of, period and params, and per connection, scenario overlay
//   and PRAGMA data_version: served as it is only while none has changed;
// - what `build` read (the authorizer sees it, script_db.hpp) is the
//   value's read set, added to the reads of every caller it is served to,
//   so results that use it are invalidated as if they had read it
//   themselves (engine/evaluator.hpp);
// - after the database changed, the audit log since the value was made
//   says what was written (data/audit_log.hpp). Rows of tables the value
//   did not read leave it as it is; rows of tables it read go to
//   `update(value, changes)`, which returns the value brought up to date
//   (or nil to have `build` run again). Anything the log cannot account for
//   row by row (an import of a table it read, a migration, a write without
//   audit rows, a team sync's rows, an unknown read) runs `build` again.
//
// The values are the pack's own Lua tables: the pack's code must treat a
// shared value as read-only, except in `update`.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/tree.hpp"
#include "data/audit_log.hpp"
#include "script/script_db.hpp"

struct lua_State;

namespace gb::script {

// A pack state keeps at most this many shared values (least recently used
// go first): a history evaluated at many dates keeps one per date.
constexpr std::size_t kMaxSharedValues = 16;

class SharedValues {
 public:
  // Where a connection stood when a value was made.
  struct Snapshot {
    std::uint64_t db = 0;  // ScriptDb::instance()
    std::uint64_t overlay = 0;
    std::int64_t data_version = -1;
    std::optional<data::AuditPosition> log;
    bool same_state(const Snapshot& o) const {
      return db == o.db && overlay == o.overlay && data_version == o.data_version;
    }
  };
  struct Entry {
    int ref = -2;  // the value's registry ref (LUA_NOREF: none)
    ReadSet reads;
    Snapshot at;
    std::uint64_t used = 0;
  };
  enum class Plan { Serve, Build, Update };
  struct Counts {
    std::size_t served = 0, built = 0, updated = 0;
  };

  // What to do for `key` on `db` now: serve the value, build it, or update
  // it with changes() (rows of the tables it read, oldest first). Sets
  // `now` to the snapshot to record. Never throws: a failure to read the
  // database's state plans a build.
  Plan plan(ScriptDb& db, const std::string& key, Snapshot& now) noexcept;
  // The changes the last plan() found for an update, as trees
  // { table, action, row_id, before, after } (kept here, not on the C
  // stack, because pushing them may raise a Lua error).
  const std::vector<Tree>& changes() const { return changes_; }

  Entry* find(const std::string& key);
  Entry* find_noexcept(const std::string& key) noexcept;
  // Keeps the value whose registry ref is `ref` for `key`, with what made
  // it (unrefs the value it replaces); drops the least recently used entry
  // past kMaxSharedValues. False (nothing kept) when out of memory.
  bool store(lua_State* L, const std::string& key, ReadSet reads, const Snapshot& at, int ref) noexcept;
  void touch(Entry& e) { e.used = ++clock_; }
  // Forgets every value (a full evaluation from scratch, in tests and the
  // benchmark).
  void clear(lua_State* L);

  // Keys whose build is running: asking for one from its own build is an
  // error, not an endless recursion.
  std::set<std::string>& building() { return building_; }
  Counts& counts() { return counts_; }

 private:
  std::map<std::string, Entry> entries_;
  std::vector<Tree> changes_;
  std::set<std::string> building_;
  std::uint64_t clock_ = 0;
  Counts counts_;
};

// The Lua function ctx.shared (api_ctx.cpp registers it): upvalue 1 is the
// EvalContext.
int ctx_shared(lua_State* L);

}  // namespace gb::script
