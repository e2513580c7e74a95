// The context object given to compute, score and build functions: the
// pack's only way to reach the database (read-only, parameters bound),
// other indicators, and the evaluation date and parameters.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

struct lua_State;

namespace gb::script {

class ScriptDb;

struct EvalContext {
  ScriptDb* db = nullptr;
  std::string as_of;   // ISO date the evaluation is "as at"; empty = today
  std::string period;  // the period being evaluated, if any
  std::vector<std::pair<std::string, std::string>> params;
  // ctx.indicator(id): pushes the other indicator's result onto the stack
  // and returns 1, or raises a Lua error. Set by the engine; unset, the
  // function says it is unavailable. Must not throw.
  std::function<int(lua_State*, const char* id)> indicator;
};

// Pushes a new ctx table bound to `ctx`, valid until end_context().
// Returns false (pushing nothing) if the pack's memory cap is reached.
bool push_context(lua_State* L, EvalContext* ctx);
void end_context(lua_State* L);

}  // namespace gb::script
