#include "script/shared_values.hpp"

#include <lua.hpp>
#include <new>

#include "core/json.hpp"
#include "core/text.hpp"
#include "script/context.hpp"
#include "script/invoke.hpp"
#include "script/lua_state.hpp"

namespace gb::script {

namespace {

// While alive, the connection records nothing: the host's own queries are
// not the pack's reads.
class HostReads {
 public:
  explicit HostReads(ScriptDb& db) : db_(db), outer_(db.redirect_reads(nullptr)) {}
  HostReads(const HostReads&) = delete;
  HostReads& operator=(const HostReads&) = delete;
  ~HostReads() { db_.redirect_reads(outer_); }

 private:
  ScriptDb& db_;
  ReadSet* outer_;
};

// A row of the log as data: a JSON object parsed, anything else as text.
Tree row_tree(const std::string& json) {
  if (json.empty()) return Tree();
  try {
    return parse_json(json);
  } catch (...) {
    return Tree(json);
  }
}

Tree row_id_tree(const std::string& id) {
  if (!id.empty() && id.size() < 19 && id.find_first_not_of("0123456789") == std::string::npos)
    return Tree(static_cast<std::int64_t>(std::stoll(id)));
  return Tree(id);
}

}  // namespace

SharedValues::Plan SharedValues::plan(ScriptDb& db, const std::string& key, Snapshot& now) noexcept {
  changes_.clear();
  try {
    now.db = db.instance();
    now.overlay = db.overlay_generation();
    now.data_version = db.data_version();
    Entry* e = find(key);
    if (e && e->at.same_state(now)) {
      now.log = e->at.log;
      return Plan::Serve;
    }
    const HostReads host(db);
    now.log = data::audit_position(db.db());
    if (!e || now.data_version < 0 || e->at.db != now.db || e->at.overlay != now.overlay || e->reads.unknown ||
        !e->at.log || !now.log)
      return Plan::Build;
    data::AuditPosition at;
    const auto rows = data::audit_since(db.db(), *e->at.log, at);
    // A change with no audit rows was not govbench's: nothing says what it was.
    if (!rows || rows->empty()) return Plan::Build;
    now.log = at;
    for (const auto& row : *rows) {
      const std::string table = to_lower_ascii(row.table);
      if (!data::names_what_changed(row)) return Plan::Build;  // anything may have changed
      if (!e->reads.tables.count(table)) continue;
      if (row.action == "import") return Plan::Build;  // a whole table, not rows
      Tree change = Tree::object();
      change.set("table", Tree(table));
      change.set("action", Tree(row.action));
      change.set("row_id", row_id_tree(row.row_id));
      change.set("before", row_tree(row.before));
      change.set("after", row_tree(row.after));
      changes_.push_back(std::move(change));
    }
    return changes_.empty() ? Plan::Serve : Plan::Update;
  } catch (...) {
    changes_.clear();
    return Plan::Build;
  }
}

SharedValues::Entry* SharedValues::find(const std::string& key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void SharedValues::clear(lua_State* L) {
  for (auto& [key, e] : entries_) luaL_unref(L, LUA_REGISTRYINDEX, e.ref);
  entries_.clear();
}

namespace {

const char* const kRecorderMeta = "gb.shared_recorder";

// What a build or update reads, recorded while it runs. A to-be-closed
// value: an error raised in pack code closes it as the stack unwinds, so
// the connection goes back to recording into the caller's reads and the
// key stops being "building", with no C++ destructor skipped.
struct Recorder {
  ScriptDb* db = nullptr;
  ReadSet* outer = nullptr;
  SharedValues* store = nullptr;
  std::string key;
  ReadSet reads;
  bool recording = false;
};

// Adds `reads` to the reads of the code that called ctx.shared.
void merge_into_caller(Recorder& r, const ReadSet& reads) noexcept {
  if (!r.outer) return;
  try {
    r.outer->merge(reads);
  } catch (...) {
    r.outer->unknown = true;
  }
}

// Whatever became of the build (a value, nil, an error), what it read was
// read by the caller too.
int recorder_close(lua_State* L) {
  auto* r = static_cast<Recorder*>(luaL_checkudata(L, 1, kRecorderMeta));
  if (r->recording) {
    r->db->redirect_reads(r->outer);
    merge_into_caller(*r, r->reads);
    r->store->building().erase(r->key);
    r->recording = false;
  }
  return 0;
}

int recorder_gc(lua_State* L) {
  auto* r = static_cast<Recorder*>(luaL_checkudata(L, 1, kRecorderMeta));
  recorder_close(L);
  r->~Recorder();
  return 0;
}

// Starts recording into `r` (constructed in place); false when out of memory.
bool start_recording(void* memory, ScriptDb& db, SharedValues& store, const char* key, std::size_t len) noexcept {
  try {
    auto* r = new (memory) Recorder();
    try {
      r->db = &db;
      r->store = &store;
      r->key.assign(key, len);
      store.building().insert(r->key);
    } catch (...) {
      r->~Recorder();
      return false;
    }
    r->outer = db.redirect_reads(&r->reads);
    r->recording = true;
    return true;
  } catch (...) {
    return false;
  }
}

// Pushes a recorder for `key` (at stack index `key_index`), marked
// to-be-closed; returns its stack index.
int push_recorder(lua_State* L, ScriptDb& db, SharedValues& store, int key_index) {
  std::size_t len = 0;
  const char* key = lua_tolstring(L, key_index, &len);
  void* memory = lua_newuserdatauv(L, sizeof(Recorder), 0);
  if (!start_recording(memory, db, store, key, len)) {
    lua_pop(L, 1);
    luaL_error(L, "ctx.shared: not enough memory");
  }
  if (luaL_newmetatable(L, kRecorderMeta)) {
    lua_pushcfunction(L, recorder_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, recorder_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
  }
  lua_setmetatable(L, -2);
  const int index = lua_gettop(L);
  lua_toclose(L, index);
  return index;
}

bool is_building(SharedValues& store, const char* key, std::size_t len) noexcept {
  try {
    return store.building().count(std::string(key, len)) > 0;
  } catch (...) {
    return false;
  }
}

SharedValues::Plan plan_for(SharedValues& store, ScriptDb& db, const char* key, std::size_t len,
                            SharedValues::Snapshot& now) noexcept {
  try {
    return store.plan(db, std::string(key, len), now);
  } catch (...) {
    return SharedValues::Plan::Build;
  }
}

// The stored value's registry ref, adding its reads to the caller's and
// recording `now` as its state; LUA_NOREF if there is none.
int serve(SharedValues& store, ScriptDb& db, const char* key, std::size_t len,
          const SharedValues::Snapshot& now) noexcept {
  try {
    SharedValues::Entry* e = store.find(std::string(key, len));
    if (!e) return LUA_NOREF;
    db.note_reads(e->reads);
    e->at = now;
    store.touch(*e);
    ++store.counts().served;
    return e->ref;
  } catch (...) {
    return LUA_NOREF;
  }
}

// Keeps `ref` as the value of the recorder's key, with the recorder's
// reads (and, for an update, the reads of the value it updated); evicts
// the least recently used value past the cap. False when out of memory
// (nothing kept; the caller unrefs).
bool keep(lua_State* L, SharedValues& store, Recorder& r, int ref, const SharedValues::Snapshot& at,
          bool updated) noexcept {
  try {
    ReadSet reads = r.reads;
    if (updated)
      if (SharedValues::Entry* old = store.find(r.key)) reads.merge(old->reads);
    return store.store(L, r.key, std::move(reads), at, ref);
  } catch (...) {
    return false;
  }
}

// After a build or update that returned the value on top of the stack:
// keeps it (unless `keep_it` is false: nil is not kept), gives the
// caller the reads, closes the recorder. Raises on out of memory.
int finish(lua_State* L, SharedValues& store, int recorder, const SharedValues::Snapshot& now, bool updated) {
  auto* r = static_cast<Recorder*>(lua_touserdata(L, recorder));
  if (lua_isnil(L, -1)) {
    lua_closeslot(L, recorder);
    return 1;
  }
  lua_pushvalue(L, -1);
  const int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  const bool kept = keep(L, store, *r, ref, now, updated);
  // An update's value depends on what the value it updated read, too.
  if (kept)
    if (SharedValues::Entry* e = store.find_noexcept(r->key)) merge_into_caller(*r, e->reads);
  lua_closeslot(L, recorder);
  if (!kept) {
    luaL_unref(L, LUA_REGISTRYINDEX, ref);
    return luaL_error(L, "ctx.shared: not enough memory");
  }
  ++(updated ? store.counts().updated : store.counts().built);
  return 1;
}

// Pushes the key: name, as_of, period and params, which a value depends on
// whatever the pack's code says.
void push_key(lua_State* L, const EvalContext& ctx, int name_index) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  std::size_t len = 0;
  const char* name = lua_tolstring(L, name_index, &len);
  luaL_addlstring(&b, name, len);
  luaL_addchar(&b, '\x1f');
  luaL_addlstring(&b, ctx.as_of.data(), ctx.as_of.size());
  luaL_addchar(&b, '\x1f');
  luaL_addlstring(&b, ctx.period.data(), ctx.period.size());
  for (const auto& [k, v] : ctx.params) {
    luaL_addchar(&b, '\x1f');
    luaL_addlstring(&b, k.data(), k.size());
    luaL_addchar(&b, '=');
    luaL_addlstring(&b, v.data(), v.size());
  }
  luaL_pushresult(&b);
}

// Pushes the recorder (to-be-closed), then the function at `fn` and the
// `nargs` values from `first`, and calls it while recording what it
// reads; leaves its one result on top. Returns the recorder's index.
int call_recorded(lua_State* L, ScriptDb& db, SharedValues& store, int key_index, int fn, int first, int nargs) {
  const int recorder = push_recorder(L, db, store, key_index);
  lua_pushvalue(L, fn);
  for (int i = 0; i < nargs; ++i) lua_pushvalue(L, first + i);
  lua_call(L, nargs, 1);
  return recorder;
}

}  // namespace

SharedValues::Entry* SharedValues::find_noexcept(const std::string& key) noexcept {
  try {
    return find(key);
  } catch (...) {
    return nullptr;
  }
}

bool SharedValues::store(lua_State* L, const std::string& key, ReadSet reads, const Snapshot& at, int ref) noexcept {
  try {
    Entry& e = entries_[key];
    if (e.ref != LUA_NOREF && e.ref != ref) luaL_unref(L, LUA_REGISTRYINDEX, e.ref);
    e.ref = ref;
    e.reads = std::move(reads);
    e.at = at;
    touch(e);
    while (entries_.size() > kMaxSharedValues) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->second.used < oldest->second.used) oldest = it;
      luaL_unref(L, LUA_REGISTRYINDEX, oldest->second.ref);
      entries_.erase(oldest);
    }
    return true;
  } catch (...) {
    entries_.erase(key);
    return false;
  }
}

// ctx.shared(name, build [, update]) -> the value (see shared_values.hpp).
int ctx_shared(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.shared");
  luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TFUNCTION);
  lua_settop(L, 3);
  if (!ctx->db) return luaL_error(L, "ctx.shared: no database is open");
  ScriptDb& db = *ctx->db;
  SharedValues& store = LuaState::from(L)->shared_values();
  push_key(L, *ctx, 1);
  const int key_index = lua_gettop(L);
  std::size_t len = 0;
  const char* key = lua_tolstring(L, key_index, &len);
  if (is_building(store, key, len))
    return luaL_error(L, "ctx.shared('%s'): its build asked for it again (a value cannot be built from itself)",
                      lua_tostring(L, 1));
  SharedValues::Snapshot now;
  SharedValues::Plan plan = plan_for(store, db, key, len, now);
  if (plan == SharedValues::Plan::Serve) {
    const int ref = serve(store, db, key, len, now);
    if (ref != LUA_NOREF) {
      lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
      return 1;
    }
    plan = SharedValues::Plan::Build;
  }
  if (plan == SharedValues::Plan::Update && !lua_isnil(L, 3)) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, store.find(std::string(key, len))->ref);
    const std::vector<Tree>& changes = store.changes();
    lua_createtable(L, static_cast<int>(changes.size()), 0);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      push_tree(L, changes[i]);
      lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
    }
    const int recorder = call_recorded(L, db, store, key_index, 3, key_index + 1, 2);
    if (!lua_isnil(L, -1)) return finish(L, store, recorder, now, true);
    lua_closeslot(L, recorder);  // update gave nil: build instead
    lua_settop(L, key_index);
  }
  const int recorder = call_recorded(L, db, store, key_index, 2, 0, 0);
  return finish(L, store, recorder, now, false);
}

}  // namespace gb::script
