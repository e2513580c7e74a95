// One pack's Lua state: its own allocator (with a memory cap), its own
// instruction and wall-time budget. Nothing here is shared between packs,
// so one pack's crash, leak or runaway loop cannot touch another's.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "script/limits.hpp"

struct lua_State;
struct lua_Debug;

namespace gb::script {

class SharedValues;

class LuaState {
 public:
  explicit LuaState(const Limits& limits);
  LuaState(const LuaState&) = delete;
  LuaState& operator=(const LuaState&) = delete;
  ~LuaState();

  lua_State* L() const { return L_; }
  const Limits& limits() const { return limits_; }
  void set_limits(const Limits& l) { limits_ = l; }

  std::size_t memory_in_use() const { return used_; }
  std::size_t peak_memory() const { return peak_; }

  // Starts the budget for one call from C++ into Lua, to end at `deadline`
  // (the watchdog's deadline for the chain of calls it is part of). While a
  // budget is running, the VM raises an uncatchable budget error once it is
  // spent.
  void start_budget(std::chrono::steady_clock::time_point deadline);
  void stop_budget();
  // Set when the last error was a spent budget or memory cap (the message
  // says which).
  bool budget_exceeded() const { return exceeded_; }
  // True inside a call (a nested call shares the outer call's budget).
  bool budget_running() const { return budget_running_; }
  // Where pack code was when the memory cap stopped it (Lua does not run the
  // message handler for memory errors, so the allocator notes it).
  const std::string& cap_file() const { return cap_file_; }
  int cap_line() const { return cap_line_; }
  void clear_exceeded() { exceeded_ = false; }

  std::chrono::steady_clock::time_point deadline() const { return deadline_; }
  // The context object of the call in progress (api_ctx.cpp), so that a ctx
  // kept past its call can be recognised and refused.
  void* current_context = nullptr;

  // While a probe is set, the budget's hook also watches returns: each time
  // the function defined at `source` ("@file") line `line_defined` returns,
  // the line it returns from is noted (the last one is kept). Used to name
  // the `return` that gave a bad value; slower, so only on that path.
  void set_return_probe(std::string source, int line_defined);
  void clear_return_probe();
  int probed_return_line() const { return probe_return_line_; }

  // The values ctx.shared keeps in this state (script/shared_values.hpp).
  SharedValues& shared_values() { return *shared_; }

  // Opaque owner pointer kept in the state's extra space (the Pack).
  void set_owner(void* owner);
  static void* owner(lua_State* L);
  static LuaState* from(lua_State* L);

 private:
  static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
  static void hook(lua_State* L, lua_Debug* ar);

  lua_State* L_ = nullptr;
  Limits limits_;
  std::size_t used_ = 0;
  std::size_t peak_ = 0;
  bool budget_running_ = false;
  int budget_depth_ = 0;
  bool exceeded_ = false;
  std::int64_t instructions_ = 0;
  std::chrono::steady_clock::time_point deadline_{};
  void* owner_ = nullptr;
  std::string cap_file_;
  int cap_line_ = 0;
  std::string probe_source_;
  int probe_line_defined_ = 0;
  int probe_return_line_ = 0;
  std::unique_ptr<SharedValues> shared_;
};

// The key, in the registry, of the budget sentinel: an error value that the
// sandbox's pcall/xpcall re-raise, so pack code cannot swallow a spent budget.
extern const char kBudgetSentinelKey;

}  // namespace gb::script
