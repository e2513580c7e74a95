#include "script/sandbox.hpp"

#include <cstdio>
#include <cstring>
#include <lua.hpp>
#include <string>

#include "script/lua_state.hpp"
#include "script/pack.hpp"
#include "script/precompiled.hpp"

namespace gb::script {

namespace {

bool is_budget_sentinel(lua_State* L, int idx) {
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kBudgetSentinelKey);
  const bool same = lua_rawequal(L, idx, -1);
  lua_pop(L, 1);
  return same;
}

// pcall that lets a spent budget through.
int sandbox_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  const int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (status != LUA_OK) {
    if (is_budget_sentinel(L, -1)) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_insert(L, 1);
  return lua_gettop(L);
}

// xpcall(f, handler, ...): the handler sees the error after the stack has
// unwound (there is no debug library to inspect it with anyway).
int sandbox_xpcall(lua_State* L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_insert(L, 1);  // handler at 1, f at 2, old handler copy at 3
  lua_remove(L, 3);
  const int status = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
  if (status != LUA_OK) {
    if (is_budget_sentinel(L, -1)) return lua_error(L);
    lua_pushvalue(L, 1);
    lua_insert(L, -2);
    lua_call(L, 1, 1);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_replace(L, 1);
  return lua_gettop(L);
}

int sandbox_collectgarbage(lua_State* L) {
  const char* opt = luaL_optstring(L, 1, "count");
  if (std::strcmp(opt, "count") != 0)
    return luaL_error(L, "collectgarbage: only collectgarbage(\"count\") is available to packs (got \"%s\")", opt);
  const int kb = lua_gc(L, LUA_GCCOUNT);
  const int b = lua_gc(L, LUA_GCCOUNTB);
  lua_pushnumber(L, static_cast<lua_Number>(kb) + static_cast<lua_Number>(b) / 1024.0);
  return 1;
}

// load(chunk [, chunkname [, mode [, env]]]): text chunks only.
int sandbox_load(lua_State* L) {
  std::size_t len = 0;
  const char* s = lua_tolstring(L, 1, &len);
  if (!s) return luaL_error(L, "load: packs may load only source text given as a string");
  const char* mode = luaL_optstring(L, 3, "t");
  if (std::strchr(mode, 'b')) return luaL_error(L, "load: binary chunks are not allowed; packs are Lua source");
  if (len >= 4 && std::memcmp(s, LUA_SIGNATURE, 4) == 0)
    return luaL_error(L, "load: binary chunks are not allowed; packs are Lua source");
  const char* name = luaL_optstring(L, 2, "=(load)");
  // A chunk name starting with '@' would pass for a pack file in messages.
  std::string chunkname = name[0] == '@' ? std::string("=") + (name + 1) : std::string(name);
  const int env = !lua_isnone(L, 4) ? 4 : 0;
  if (luaL_loadbufferx(L, s, len, chunkname.c_str(), "t") != LUA_OK) {
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;  // nil, message (as the standard load does)
  }
  if (env) {
    lua_pushvalue(L, env);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  return 1;
}

int sandbox_print(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
    if (i < n) luaL_addchar(&b, '\t');
  }
  luaL_pushresult(&b);
  lua_Debug ar;
  int line = 0;
  const char* file = "";
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@') {
    file = ar.source + 1;
    line = ar.currentline;
  }
  if (auto* pack = static_cast<Pack*>(LuaState::owner(L))) pack->on_print(file, line, lua_tostring(L, -1));
  return 0;
}

// require(name): modules come from the pack's lib/ folder ("a.b" ->
// lib/a/b.lua), or from a declared dependency's lib/ ("dep.mod" where dep
// is in the manifest's requires). Nothing else is reachable.
int sandbox_require(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  auto* pack = static_cast<Pack*>(LuaState::owner(L));
  if (!pack) return luaL_error(L, "require: no pack");
  for (const char* c = name; *c; ++c) {
    const bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
                    *c == '-' || *c == '.';
    if (!ok)
      return luaL_error(L,
                        "require: '%s' is not a module name (use dotted names such as 'util.levels'; "
                        "modules come from the pack's lib/ folder)",
                        name);
  }
  if (std::strstr(name, "..") || name[0] == '.' || name[0] == '\0')
    return luaL_error(L, "require: '%s' is not a module name", name);
  // A dependency's module that requires a sibling ("asof" from
  // "@trust-confidence/lib/pas.lua") means the sibling in that
  // dependency's lib/, so look there first.
  const Pack::Module* mod = nullptr;
  lua_Debug caller;
  if (lua_getstack(L, 1, &caller) && lua_getinfo(L, "S", &caller) && caller.source[0] == '@') {
    const char* src = caller.source + 1;
    const char* slash = std::strchr(src, '/');
    if (slash && std::strncmp(slash, "/lib/", 5) == 0) {
      const std::string dep(src, static_cast<std::size_t>(slash - src));
      mod = pack->find_module(dep + "." + name);
    }
  }
  if (!mod) mod = pack->find_module(name);
  if (!mod)
    return luaL_error(L, "require: module '%s' not found in this pack's lib/ or in the lib/ of a pack it requires",
                      name);
  // Loaded modules are kept by file, not by the name asked for: the same
  // name may mean different files to different packs' modules.
  lua_getfield(L, LUA_REGISTRYINDEX, "gb.loaded");
  lua_getfield(L, -1, mod->chunkname.c_str());
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  if (load_source(L, *mod->source, mod->chunkname.c_str()) != LUA_OK) return lua_error(L);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, mod->chunkname.c_str());
  return 1;
}

// setmetatable(t, mt) without finalizers: a __gc function runs when the
// collector gets to it, outside any call and its budget (at the end of a
// call, at lua_close), so one that loops would hang whatever comes next.
int sandbox_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    const int t = lua_rawget(L, 2);
    lua_pop(L, 1);
    if (t != LUA_TNIL)
      return luaL_error(L,
                        "setmetatable: finalizers (__gc) are not available to packs: they would run outside "
                        "the call and its time budget; release what you hold before returning instead");
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// string.rep(s, n [, sep]) that refuses, before copying anything, a result
// larger than the pack's memory cap; and an empty result at once (the
// library's own loop would copy nothing n times, out of the budget's reach).
int sandbox_string_rep(lua_State* L) {
  std::size_t l = 0, lsep = 0;
  luaL_checklstring(L, 1, &l);
  const lua_Integer n = luaL_checkinteger(L, 2);
  luaL_optlstring(L, 3, "", &lsep);
  if (n <= 0 || (l == 0 && lsep == 0)) {
    lua_pushliteral(L, "");
    return 1;
  }
  const double total =
      static_cast<double>(n) * static_cast<double>(l) + static_cast<double>(n - 1) * static_cast<double>(lsep);
  const double cap = static_cast<double>(LuaState::from(L)->limits().memory_cap);
  if (total > cap) {
    char why[160];
    std::snprintf(why, sizeof why,
                  "string.rep: the result would be %.0f bytes, more than the pack's memory cap of %.0f MiB", total,
                  cap / 1048576.0);
    return luaL_error(L, "%s", why);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// table.move(a1, f, e, t [, a2]) that refuses to move more elements than
// the pack's memory could hold (the library's loop does not return to the
// VM, so a move of billions of nils would run out of the budget's reach).
int sandbox_table_move(lua_State* L) {
  const lua_Integer f = luaL_checkinteger(L, 2);
  const lua_Integer e = luaL_checkinteger(L, 3);
  if (e >= f) {
    const double count = static_cast<double>(e) - static_cast<double>(f) + 1.0;
    const double most = static_cast<double>(LuaState::from(L)->limits().memory_cap) / 16.0;
    if (count > most) {
      char why[160];
      std::snprintf(why, sizeof why,
                    "table.move: %.0f elements are more than the pack's memory could hold (at most %.0f)", count, most);
      return luaL_error(L, "%s", why);
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// Replaces table.field with `fn`, which gets the original as its upvalue.
void wrap_field(lua_State* L, const char* table, const char* field, lua_CFunction fn) {
  if (table)
    lua_getglobal(L, table);
  else
    lua_pushglobaltable(L);
  lua_getfield(L, -1, field);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, field);
  lua_pop(L, 1);
}

void remove_field(lua_State* L, const char* table, const char* field) {
  lua_getglobal(L, table);
  if (lua_istable(L, -1)) {
    lua_pushnil(L);
    lua_setfield(L, -2, field);
  }
  lua_pop(L, 1);
}

const char* const kGlobals[] = {
    "assert", "error",          "ipairs",   "next",   "pairs",        "rawequal",     "rawget", "rawlen", "rawset",
    "select", "tonumber",       "tostring", "type",   "getmetatable", "setmetatable", "print",  "pcall",  "xpcall",
    "load",   "collectgarbage", "require",  "string", "table",        "math",         "utf8",   "os",     "gov",
    "_G",     "_VERSION",       nullptr};

}  // namespace

const char* const* sandbox_globals() {
  return kGlobals;
}

void install_sandbox(LuaState& state) {
  lua_State* L = state.L();
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);  // not global: three functions are copied out below
  lua_pop(L, 6);

  // os: only the clock and calendar functions.
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getfield(L, -1, LUA_OSLIBNAME);
  lua_createtable(L, 0, 3);
  for (const char* f : {"time", "date", "clock"}) {
    lua_getfield(L, -2, f);
    lua_setfield(L, -2, f);
  }
  lua_setglobal(L, "os");
  lua_pop(L, 1);
  lua_pushnil(L);
  lua_setfield(L, -2, LUA_OSLIBNAME);  // and out of package.loaded
  lua_pop(L, 1);

  for (const char* g : {"dofile", "loadfile", "require", "package", "io", "debug", "coroutine"}) {
    lua_pushnil(L);
    lua_setglobal(L, g);
  }
  remove_field(L, "string", "dump");
  // math.random is fine; its seeding is per state.

  wrap_field(L, nullptr, "setmetatable", sandbox_setmetatable);
  wrap_field(L, "string", "rep", sandbox_string_rep);  // also ("x"):rep(n): strings index the string table
  wrap_field(L, "table", "move", sandbox_table_move);
  lua_register(L, "pcall", sandbox_pcall);
  lua_register(L, "xpcall", sandbox_xpcall);
  lua_register(L, "collectgarbage", sandbox_collectgarbage);
  lua_register(L, "load", sandbox_load);
  lua_register(L, "print", sandbox_print);
  lua_register(L, "require", sandbox_require);
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "gb.loaded");
}

}  // namespace gb::script
