#include "script/call.hpp"

#include <cstdio>
#include <cstring>
#include <lua.hpp>

#include "script/precompiled.hpp"
#include "script/watchdog.hpp"

namespace gb::script {

namespace {

// Innermost frame that runs pack code (its chunk name starts with '@').
bool innermost_pack_frame(lua_State* L, lua_Debug& ar) {
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar)) continue;
    if (ar.source && ar.source[0] == '@' && ar.currentline > 0) return true;
  }
  return false;
}

// Message handler: runs at the point of the error, before the stack unwinds.
// Returns a table { message, file, line, traceback, kind }.
int message_handler(lua_State* L) {
  LuaState* state = LuaState::from(L);
  lua_Debug ar;
  const bool is_budget = [&] {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kBudgetSentinelKey);
    const bool same = lua_rawequal(L, 1, -1);
    lua_pop(L, 1);
    return same;
  }();

  lua_createtable(L, 0, 5);
  const int t = lua_gettop(L);
  if (is_budget) {
    lua_getfield(L, 1, "which");
    const bool time = lua_isstring(L, -1) && std::strcmp(lua_tostring(L, -1), "time") == 0;
    lua_pop(L, 1);
    const auto& lim = state->limits();
    if (time) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "exceeded the %g s time budget (setting script.time_budget_ms)",
                    static_cast<double>(lim.time_budget.count()) / 1000.0);
      lua_pushstring(L, buf);
    } else {
      lua_pushfstring(L, "exceeded the budget of %I instructions", static_cast<lua_Integer>(lim.instruction_budget));
    }
    lua_setfield(L, t, "message");
    lua_pushstring(L, "budget");
    lua_setfield(L, t, "kind");
    if (innermost_pack_frame(L, ar)) {
      lua_pushstring(L, ar.source + 1);
      lua_setfield(L, t, "file");
      lua_pushinteger(L, ar.currentline);
      lua_setfield(L, t, "line");
    }
  } else {
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
      lua_pushvalue(L, 1);
    } else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
      // the __tostring result is on the stack
    } else {
      lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    lua_setfield(L, t, "message");
    const bool memory = state->budget_exceeded() && lua_type(L, 1) == LUA_TSTRING &&
                        std::strcmp(lua_tostring(L, 1), "not enough memory") == 0;
    lua_pushstring(L, memory ? "memory" : "runtime");
    lua_setfield(L, t, "kind");
    if (memory && innermost_pack_frame(L, ar)) {
      lua_pushstring(L, ar.source + 1);
      lua_setfield(L, t, "file");
      lua_pushinteger(L, ar.currentline);
      lua_setfield(L, t, "line");
    }
  }

  // Traceback of pack frames only: host and C frames say nothing to an analyst.
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  int shown = 0;
  for (int level = 0; lua_getstack(L, level, &ar) && shown < 20; ++level) {
    if (!lua_getinfo(L, "Sln", &ar) || !ar.source || ar.source[0] != '@') continue;
    lua_pushfstring(L, "  %s:%d: in ", ar.source + 1, ar.currentline);
    luaL_addvalue(&b);
    if (*ar.what == 'm')
      lua_pushstring(L, "main chunk\n");
    else if (ar.name)
      lua_pushfstring(L, "function '%s'\n", ar.name);
    else
      lua_pushfstring(L, "function <%s:%d>\n", ar.source + 1, ar.linedefined);
    luaL_addvalue(&b);
    ++shown;
  }
  luaL_pushresult(&b);
  lua_setfield(L, t, "traceback");
  return 1;
}

std::string field_string(lua_State* L, int t, const char* name) {
  lua_getfield(L, t, name);
  std::string s;
  if (lua_type(L, -1) == LUA_TSTRING) {
    std::size_t n = 0;
    const char* p = lua_tolstring(L, -1, &n);
    s.assign(p, n);
  }
  lua_pop(L, 1);
  return s;
}

}  // namespace

std::string ScriptError::to_string() const {
  std::string out;
  if (!pack.empty()) out = "pack " + pack + ": ";
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  return out + message;
}

void split_location(const std::string& text, std::string& file, int& line, std::string& message) {
  message = text;
  // "<file>.lua:<line>: rest"
  const auto lua = text.find(".lua:");
  if (lua == std::string::npos) return;
  std::size_t p = lua + 5;
  std::size_t q = p;
  while (q < text.size() && text[q] >= '0' && text[q] <= '9') ++q;
  if (q == p || q + 1 >= text.size() || text[q] != ':' || text[q + 1] != ' ') return;
  const std::string f = text.substr(0, lua + 4);
  if (f.find(' ') != std::string::npos || f.find('\n') != std::string::npos) return;
  file = f;
  line = std::stoi(text.substr(p, q - p));
  message = text.substr(q + 2);
}

std::optional<ScriptError> call_protected(LuaState& state, const std::string& pack, int nargs, int nresults) {
  lua_State* L = state.L();
  const int func = lua_gettop(L) - nargs;
  // Where the function is defined: what the watchdog names until the count
  // hook has seen the call's code run.
  lua_Debug where;
  lua_pushvalue(L, func);
  const bool known = lua_getinfo(L, ">S", &where) && where.source && where.source[0] == '@';
  const auto deadline = CallWatch::enter(L, pack, known ? where.source + 1 : "", known ? where.linedefined : 0,
                                         state.limits().time_budget);
  if (!deadline) {
    lua_settop(L, func - 1);
    ScriptError e;
    e.pack = pack;
    e.kind = ScriptError::Kind::Budget;
    if (known) {
      e.file = where.source + 1;
      e.line = where.linedefined;
    }
    e.message = "calls into pack code are nested more than " + std::to_string(kMaxCallDepth) +
                " deep (ctx.indicator calls that go round between packs?)";
    return e;
  }
  lua_pushcfunction(L, message_handler);
  lua_insert(L, func);
  state.start_budget(*deadline);
  const int rc = lua_pcall(L, nargs, nresults, func);
  state.stop_budget();
  CallWatch::leave();
  lua_remove(L, func);
  if (rc == LUA_OK) return std::nullopt;

  ScriptError e;
  e.pack = pack;
  if (rc == LUA_ERRMEM) {
    e.kind = ScriptError::Kind::Memory;
    e.message = "ran out of memory (the pack's cap is " + std::to_string(state.limits().memory_cap >> 20) + " MiB)";
    e.file = state.cap_file();
    e.line = state.cap_line();
  } else if (lua_istable(L, -1)) {
    const int t = lua_gettop(L);
    const std::string kind = field_string(L, t, "kind");
    std::string msg = field_string(L, t, "message");
    e.traceback = field_string(L, t, "traceback");
    e.file = field_string(L, t, "file");
    lua_getfield(L, t, "line");
    e.line = static_cast<int>(lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (kind == "budget") {
      e.kind = ScriptError::Kind::Budget;
      e.message = msg;
    } else if (kind == "memory") {
      e.kind = ScriptError::Kind::Memory;
      e.message = "ran out of memory (the pack's cap is " + std::to_string(state.limits().memory_cap >> 20) + " MiB)";
    } else {
      std::string f;
      int ln = 0;
      split_location(msg, f, ln, e.message);
      if (!f.empty()) {
        e.file = f;
        e.line = ln;
      }
      // error("") or an object whose __tostring gives "": still say what happened.
      if (e.message.find_first_not_of(" \t\r\n") == std::string::npos)
        e.message =
            "raised an error with an empty message" + (e.traceback.empty() ? std::string() : " (see the traceback)");
    }
  } else {
    e.message = lua_isstring(L, -1) ? lua_tostring(L, -1) : "error in the error handler";
  }
  lua_pop(L, 1);
  state.clear_exceeded();
  // Anything the failed call allocated is garbage now; give it back at once.
  lua_gc(L, LUA_GCCOLLECT);
  return e;
}

std::optional<ScriptError> load_chunk(LuaState& state, const std::string& pack, const std::string& file,
                                      const std::string& source) {
  lua_State* L = state.L();
  const std::string chunkname = "@" + file;
  const int rc = load_source(L, source, chunkname.c_str());
  if (rc == LUA_OK) return std::nullopt;
  ScriptError e;
  e.pack = pack;
  e.kind = rc == LUA_ERRMEM ? ScriptError::Kind::Memory : ScriptError::Kind::Syntax;
  const std::string text = lua_isstring(L, -1) ? lua_tostring(L, -1) : "cannot load the chunk";
  lua_pop(L, 1);
  split_location(text, e.file, e.line, e.message);
  if (e.file.empty()) e.file = file;
  if (text.find("attempt to load a binary chunk") != std::string::npos)
    e.message = "binary (precompiled) chunks are not allowed; packs are Lua source";
  return e;
}

}  // namespace gb::script
