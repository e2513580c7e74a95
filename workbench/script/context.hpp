// The context object given to compute, score and build functions: the
// pack's only way to reach the database (read-only, parameters bound),
// other indicators, and the evaluation date and parameters.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/tree.hpp"

struct lua_State;

namespace gb::script {

class ScriptDb;
struct TestHooks;

struct EvalContext {
  ScriptDb* db = nullptr;
  std::string as_of;   // ISO date the evaluation is "as at"; empty = today
  std::string period;  // the period being evaluated, if any
  std::vector<std::pair<std::string, std::string>> params;
  // ctx.indicator(id): fills `out` with the other indicator's result and
  // returns true, or sets `error` and returns false. Set by the engine;
  // unset, ctx.indicator says it is unavailable. Runs with no Lua frame of
  // its own, so it may use C++ freely (exceptions are caught).
  std::function<bool(const std::string& id, Tree& out, std::string& error)> indicator;
  // Scratch space for ctx.indicator (kept here, not on the C stack, because
  // pushing the result may raise a Lua error).
  Tree indicator_result;
  std::string indicator_error;
  // Scratch space for ctx.columns and ctx.pack_param, for the same reason.
  std::vector<std::string> column_names;
  std::string column_error;
  std::string param_value;
  // For gov.test bodies: adds t.eval, t.score and the assertions.
  TestHooks* test = nullptr;
};

// Pushes a new ctx table bound to `ctx`, valid until end_context().
// Returns false (pushing nothing) if the pack's memory cap is reached.
bool push_context(lua_State* L, EvalContext* ctx);
void end_context(lua_State* L);

// The EvalContext of a ctx function (its upvalue 1), or a Lua error naming
// `fn` when that ctx belongs to a call that has finished.
EvalContext* check_ctx(lua_State* L, const char* fn);

}  // namespace gb::script
