// t: the object a gov.test body receives. It is a ctx (t.sql, t.value,
// t.rows, t.indicator) plus t.eval, t.score and assertions that fail with
// the test file and line.
#include <cmath>
#include <lua.hpp>

#include "script/invoke.hpp"
#include "script/test_hooks.hpp"

namespace gb::script {

namespace {

TestHooks* hooks_of(lua_State* L) {
  return static_cast<TestHooks*>(lua_touserdata(L, lua_upvalueindex(1)));
}

bool run_hook(TestHooks* h, const std::function<bool(TestHooks*)>& f) {
  try {
    h->error.clear();
    return f(h);
  } catch (const std::exception& e) {
    h->error = e.what();
  } catch (...) {
    h->error = "unknown error";
  }
  return false;
}

int t_eval(lua_State* L) {
  TestHooks* h = hooks_of(L);
  const char* id = luaL_checkstring(L, 1);
  Tree options = Tree::object();
  if (!lua_isnoneornil(L, 2)) {
    std::string why;
    if (!to_tree(L, 2, options, why)) return luaL_error(L, "t.eval: options: %s", why.c_str());
  }
  const bool ok = run_hook(h, [&](TestHooks* x) { return x->eval(id, options, x->scratch, x->error); });
  if (!ok) return luaL_error(L, "t.eval('%s'): %s", id, h->error.c_str());
  push_tree(L, h->scratch);
  return 1;
}

int t_score(lua_State* L) {
  TestHooks* h = hooks_of(L);
  const char* rule = luaL_checkstring(L, 1);
  const char* likelihood = luaL_checkstring(L, 2);
  const char* impact = luaL_checkstring(L, 3);
  Tree risk = Tree::object();
  if (!lua_isnoneornil(L, 4)) {
    std::string why;
    if (!to_tree(L, 4, risk, why) || !risk.is_object())
      return luaL_error(L, "t.score: the fourth argument must be a table of risk fields");
  }
  risk.set("likelihood", likelihood);
  risk.set("impact", impact);
  if (!risk.find("position")) risk.set("position", "current");
  const bool ok = run_hook(h, [&](TestHooks* x) { return x->score(rule, risk, x->scratch, x->error); });
  if (!ok) return luaL_error(L, "t.score('%s'): %s", rule, h->error.c_str());
  push_tree(L, h->scratch);
  return 1;
}

// Assertions, in Lua: error(msg, 2) names the test's own file and line.
const char kAssertions[] = R"(
local t, fmt = ...
local function show(v)
  if type(v) == 'string' then return string.format('%q', v) end
  return tostring(v)
end
function t.eq(actual, expected, msg)
  if actual ~= expected then
    error((msg and msg .. ': ' or '') .. 'expected ' .. show(expected) .. ', got ' .. show(actual), 2)
  end
end
function t.near(actual, expected, tol, msg)
  tol = tol or 1e-9
  if type(actual) ~= 'number' or math.abs(actual - expected) > tol then
    error((msg and msg .. ': ' or '') .. 'expected ' .. show(expected) .. ' (within ' .. tol .. '), got ' .. show(actual), 2)
  end
end
function t.ok(value, msg)
  if not value then error(msg or 'expected a true value', 2) end
end
)";

}  // namespace

void add_test_functions(lua_State* L, int index, TestHooks* hooks) {
  index = lua_absindex(L, index);
  lua_pushlightuserdata(L, hooks);
  lua_pushcclosure(L, t_eval, 1);
  lua_setfield(L, index, "eval");
  lua_pushlightuserdata(L, hooks);
  lua_pushcclosure(L, t_score, 1);
  lua_setfield(L, index, "score");
  if (luaL_loadbufferx(L, kAssertions, sizeof kAssertions - 1, "=(gov.test)", "t") != LUA_OK) lua_error(L);
  lua_pushvalue(L, index);
  lua_call(L, 1, 0);
}

}  // namespace gb::script
