#include "script/sandbox.hpp"

#include <lua.hpp>

#include <cstring>
#include <string>

#include "script/lua_state.hpp"
#include "script/pack.hpp"

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
      return luaL_error(L, "require: '%s' is not a module name (use dotted names such as 'util.levels'; "
                           "modules come from the pack's lib/ folder)", name);
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
    return luaL_error(L, "require: module '%s' not found in this pack's lib/ or in the lib/ of a pack it requires", name);
  // Loaded modules are kept by file, not by the name asked for: the same
  // name may mean different files to different packs' modules.
  lua_getfield(L, LUA_REGISTRYINDEX, "gb.loaded");
  lua_getfield(L, -1, mod->chunkname.c_str());
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  if (luaL_loadbufferx(L, mod->source->data(), mod->source->size(), mod->chunkname.c_str(), "t") != LUA_OK)
    return lua_error(L);
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

void remove_field(lua_State* L, const char* table, const char* field) {
  lua_getglobal(L, table);
  if (lua_istable(L, -1)) {
    lua_pushnil(L);
    lua_setfield(L, -2, field);
  }
  lua_pop(L, 1);
}

const char* const kGlobals[] = {"assert", "error", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen",
                                "rawset", "select", "tonumber", "tostring", "type", "getmetatable",
                                "setmetatable", "print", "pcall", "xpcall", "load", "collectgarbage", "require",
                                "string", "table", "math", "utf8", "os", "gov", "_G", "_VERSION", nullptr};

}  // namespace

const char* const* sandbox_globals() { return kGlobals; }

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
