#include "script/invoke.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <lua.hpp>

#include "script/pack.hpp"
#include "script/script_db.hpp"

namespace gb::script {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 1'000'000;

bool convert(lua_State* L, int index, Tree& out, std::string& why, int depth, std::size_t& nodes) {
  if (++nodes > kMaxNodes) {
    why = "the result holds more than a million values";
    return false;
  }
  switch (lua_type(L, index)) {
    case LUA_TNIL:
      out = Tree();
      return true;
    case LUA_TBOOLEAN:
      out = Tree(lua_toboolean(L, index) != 0);
      return true;
    case LUA_TNUMBER:
      out = lua_isinteger(L, index) ? Tree(static_cast<std::int64_t>(lua_tointeger(L, index)))
                                    : Tree(lua_tonumber(L, index));
      return true;
    case LUA_TSTRING: {
      std::size_t n = 0;
      const char* s = lua_tolstring(L, index, &n);
      out = Tree(std::string(s, n));
      return true;
    }
    case LUA_TTABLE:
      break;
    default:
      why = std::string("the result contains a ") + luaL_typename(L, index) + ", which is not data";
      return false;
  }
  if (depth >= kMaxDepth) {
    why = "the result is nested more than 64 tables deep (a table that contains itself?)";
    return false;
  }
  if (!lua_checkstack(L, 4)) {
    why = "the result is too deeply nested";
    return false;
  }
  index = lua_absindex(L, index);
  const lua_Unsigned len = lua_rawlen(L, index);
  // A sequence has exactly `len` entries. A table whose border is 0 is one
  // only when empty, so a map (most of them: a breakdown) is read once.
  std::size_t count = 0;
  bool sequence = false;
  lua_pushnil(L);
  if (len > 0) {
    while (lua_next(L, index)) {
      ++count;
      lua_pop(L, 1);
    }
    sequence = count == len;
  } else if (lua_next(L, index)) {
    lua_pop(L, 2);
  } else {
    sequence = true;  // empty
  }
  if (sequence) {
    out = Tree::array();
    for (lua_Unsigned i = 1; i <= len; ++i) {
      lua_rawgeti(L, index, static_cast<lua_Integer>(i));
      Tree item;
      const bool ok = convert(L, -1, item, why, depth + 1, nodes);
      lua_pop(L, 1);
      if (!ok) return false;
      out.push(std::move(item));
    }
    return true;
  }
  // A map. Keys become strings (numbers as written: 2021 -> "2021"), and are
  // sorted so the same table always gives the same Tree.
  std::vector<std::pair<std::string, Tree>> items;
  items.reserve(count);
  lua_pushnil(L);
  while (lua_next(L, index)) {
    std::string key;
    const int kt = lua_type(L, -2);
    if (kt == LUA_TSTRING) {
      std::size_t n = 0;
      const char* s = lua_tolstring(L, -2, &n);
      key.assign(s, n);
    } else if (kt == LUA_TNUMBER) {
      if (lua_isinteger(L, -2))
        key = std::to_string(lua_tointeger(L, -2));
      else
        key = Tree(lua_tonumber(L, -2)).to_json();
    } else if (kt == LUA_TBOOLEAN) {
      key = lua_toboolean(L, -2) ? "true" : "false";
    } else {
      why = std::string("the result has a ") + luaL_typename(L, -2) + " as a key";
      lua_pop(L, 2);
      return false;
    }
    auto& item = items.emplace_back();
    item.first = std::move(key);
    const bool ok = convert(L, -1, item.second, why, depth + 1, nodes);
    lua_pop(L, 1);
    if (!ok) {
      lua_pop(L, 1);
      return false;
    }
  }
  // Sorted by moving positions, not items (a breakdown of 10,000 groups, a
  // register's scores by ref, moved its strings and values about 14 times
  // each), and by each key's first eight bytes as one number before the
  // whole key: the same order as comparing the strings.
  struct Position {
    std::uint64_t prefix;
    std::uint32_t item;
  };
  std::vector<Position> order(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& key = items[i].first;
    std::uint64_t prefix = 0;
    for (std::size_t b = 0; b < 8; ++b)
      prefix = (prefix << 8) | (b < key.size() ? static_cast<unsigned char>(key[b]) : 0u);
    order[i] = {prefix, static_cast<std::uint32_t>(i)};
  }
  std::sort(order.begin(), order.end(), [&items](const Position& a, const Position& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return items[a.item].first < items[b.item].first;
  });
  out = Tree::object();
  auto& sorted = out.as_object();
  sorted.reserve(items.size());
  for (const Position& p : order) sorted.push_back(std::move(items[p.item]));
  return true;
}

struct PushArgs {
  int ref;
  EvalContext* ctx;
  const std::vector<Tree>* args;
  bool context_ok;
};

// Pushes the function and its arguments; protected because it allocates.
int push_call(lua_State* L) {
  auto* a = static_cast<PushArgs*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref);
  if (a->ctx) {
    a->context_ok = push_context(L, a->ctx);
    if (!a->context_ok) return luaL_error(L, "not enough memory to create the context");
  }
  for (const Tree& t : *a->args) push_tree(L, t);
  return lua_gettop(L);
}

}  // namespace

bool to_tree(lua_State* L, int index, Tree& out, std::string& why) {
  std::size_t nodes = 0;
  return convert(L, index, out, why, 0, nodes);
}

void push_tree(lua_State* L, const Tree& t) {
  luaL_checkstack(L, 4, "nested too deeply");
  if (t.is_null())
    lua_pushnil(L);
  else if (t.is_bool())
    lua_pushboolean(L, t.as_bool());
  else if (t.is_number()) {
    const double d = t.as_number();
    if (std::floor(d) == d && std::fabs(d) < 9.0e15)
      lua_pushinteger(L, static_cast<lua_Integer>(d));
    else
      lua_pushnumber(L, d);
  } else if (t.is_string())
    lua_pushlstring(L, t.as_string().data(), t.as_string().size());
  else if (t.is_array()) {
    lua_createtable(L, static_cast<int>(t.size()), 0);
    lua_Integer i = 0;
    for (const auto& v : t.as_array()) {
      push_tree(L, v);
      lua_rawseti(L, -2, ++i);
    }
  } else {
    lua_createtable(L, 0, static_cast<int>(t.size()));
    for (const auto& [k, v] : t.as_object()) {
      push_tree(L, v);
      lua_setfield(L, -2, k.c_str());
    }
  }
}

FunctionSite function_site(Pack& pack, int ref) {
  FunctionSite site;
  lua_State* L = pack.state().L();
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  lua_Debug ar;
  if (lua_isfunction(L, -1) && lua_getinfo(L, ">S", &ar)) {
    if (ar.source && ar.source[0] == '@') site.file = ar.source + 1;
    site.line_defined = ar.linedefined;
    site.last_line = ar.lastlinedefined;
  } else {
    lua_pop(L, 1);
  }
  return site;
}

Invocation invoke(Pack& pack, int ref, EvalContext* ctx, const std::vector<Tree>& args, bool probe_return) {
  Invocation result;
  lua_State* L = pack.state().L();
  const int base = lua_gettop(L);
  // A nested call (ctx.indicator within the same pack) must hand the outer
  // call its ctx back when it returns.
  void* const outer_context = pack.state().current_context;
  struct RestoreContext {
    LuaState& s;
    void* saved;
    RestoreContext(LuaState& state, void* context) : s(state), saved(context) {}
    RestoreContext(const RestoreContext&) = delete;
    RestoreContext& operator=(const RestoreContext&) = delete;
    ~RestoreContext() { s.current_context = saved; }
  } restore{pack.state(), outer_context};
  // ctx.sql arms the connection's deadline with the call's time budget;
  // once the call is over, host queries on the same connection (scoring,
  // the scenario overlay, the next view) must not inherit a deadline that
  // has passed. Reset on every way out; a still-running outer call re-arms
  // it at its next query.
  struct DisarmDeadline {
    EvalContext* ctx;
    explicit DisarmDeadline(EvalContext* call) : ctx(call) {}
    DisarmDeadline(const DisarmDeadline&) = delete;
    DisarmDeadline& operator=(const DisarmDeadline&) = delete;
    ~DisarmDeadline() {
      if (ctx && ctx->db) ctx->db->set_deadline(std::chrono::steady_clock::time_point::max());
    }
  } disarm{ctx};
  // Build the call in a protected frame, then move its values to our stack.
  lua_State* T = L;
  PushArgs pa{ref, ctx, &args, true};
  lua_pushcfunction(T, push_call);
  lua_pushlightuserdata(T, &pa);
  if (lua_pcall(T, 1, LUA_MULTRET, 0) != LUA_OK) {
    lua_settop(L, base);
    ScriptError e;
    e.kind = ScriptError::Kind::Memory;
    e.pack = pack.name();
    e.message = "ran out of memory before the call";
    result.error = e;
    return result;
  }
  const int nargs = lua_gettop(L) - base - 1;
  // A probe on a nested call would replace the outer one's: only the
  // outermost call probes.
  const bool probe = probe_return && !pack.state().budget_running();
  if (probe) {
    lua_Debug ar;
    lua_pushvalue(L, base + 1);
    if (lua_getinfo(L, ">S", &ar) && ar.source && ar.source[0] == '@' && ar.linedefined > 0)
      pack.state().set_return_probe(ar.source, ar.linedefined);
  }
  auto err = call_protected(pack.state(), pack.name(), nargs, LUA_MULTRET);
  if (probe) {
    result.return_line = pack.state().probed_return_line();
    pack.state().clear_return_probe();
  }
  if (err) {
    lua_settop(L, base);
    result.error = std::move(err);
    return result;
  }
  result.nresults = lua_gettop(L) - base;
  if (result.nresults == 0) {
    lua_settop(L, base);
    return result;
  }
  std::string why;
  if (!to_tree(L, base + 1, result.value, why)) {
    ScriptError e;
    e.pack = pack.name();
    e.message = why;
    result.error = e;
    result.value = Tree();
  }
  lua_settop(L, base);
  return result;
}

namespace {
int keep_function(lua_State* L) {
  auto* ref = static_cast<int*>(lua_touserdata(L, 2));
  lua_settop(L, 1);
  *ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}
}  // namespace

std::optional<ScriptError> compile_function(Pack& pack, const std::string& file, const std::string& source, int& ref) {
  ref = LUA_NOREF;
  if (auto err = load_chunk(pack.state(), pack.name(), file, source)) return err;
  lua_State* L = pack.state().L();
  // luaL_ref allocates: in a protected frame, so running out of memory is an error, not a panic.
  lua_pushcfunction(L, keep_function);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, &ref);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
    lua_pop(L, 1);
    ref = LUA_NOREF;
    ScriptError e;
    e.kind = ScriptError::Kind::Memory;
    e.pack = pack.name();
    e.file = file;
    e.message = "ran out of memory compiling the input";
    return e;
  }
  return std::nullopt;
}

void release_function(Pack& pack, int ref) {
  if (ref != LUA_NOREF && ref != LUA_REFNIL) luaL_unref(pack.state().L(), LUA_REGISTRYINDEX, ref);
}

}  // namespace gb::script
