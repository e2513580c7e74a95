// What `t` offers a gov.test body beyond the ctx functions (t.sql,
// t.value, t.rows): evaluating indicators, scoring, and assertions. The
// engine supplies the callbacks; they run with no Lua frame of their own,
// so they may use C++ freely.
#pragma once
#include <functional>
#include <string>

#include "core/tree.hpp"

struct lua_State;

namespace gb::script {

struct TestHooks {
  // t.eval(id [, options]) -> result table.
  std::function<bool(const std::string& id, const Tree& options, Tree& out, std::string& error)> eval;
  // t.score(rule, likelihood, impact [, extra]) -> { score, band }.
  std::function<bool(const std::string& rule, const Tree& risk, Tree& out, std::string& error)> score;
  Tree scratch;
  std::string error;
};

// Adds eval, score, eq, near and ok to the table at `index`.
void add_test_functions(lua_State* L, int index, TestHooks* hooks);

}  // namespace gb::script
