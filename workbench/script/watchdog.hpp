// The watchdog over pack calls that do not come back.
//
// Inside a call, two things stop pack code that runs too long: the VM's
// count hook (lua_state.cpp) and SQLite's progress handler (script_db.cpp).
// Neither runs while one C function runs: a string pattern that backtracks,
// string.find on a long text, an SQL function such as instr() or printf().
// A thread stuck there cannot be interrupted, so the watchdog watches the
// call from outside: every call from C++ into pack code, in every pack's
// state, is recorded here (the outermost call sets the deadline for the
// whole chain; nested calls, in the same pack or another, only say where
// the chain is now). When the outermost call passes its deadline plus a
// grace period, the armed action runs with a report of where the call was.
// The command line and the pack host arm an action that prints the report
// and ends the process; a process that did not arm one (a library user, the
// unit tests) keeps the in-VM budgets only.
//
// The same record gives one limit the per-state counters cannot: calls
// nested across packs (ctx.indicator alternating between packs) are counted
// together, and refused past kMaxCallDepth instead of overflowing the stack.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

struct lua_State;

namespace gb::script {

// Calls into pack code nested deeper than this (across every pack) are
// refused with an error.
constexpr int kMaxCallDepth = 120;

struct StallReport {
  std::string pack;        // the pack whose code was running (innermost call)
  std::string file;        // where it was last seen: the pack file...
  int line = 0;            // ...and line (0 when unknown)
  std::string outer_pack;  // the pack the outermost call went into
  std::chrono::milliseconds budget{0};
  std::chrono::milliseconds grace{0};
  int depth = 0;  // calls in progress when it stopped

  // "pack P: indicators/x.lua:12: did not return within the 2 s time budget ..."
  std::string message() const;
};

class CallWatch {
 public:
  // Begins a call into `pack`'s code (in state L, on this thread) whose
  // function is defined at file:line. Returns the deadline the call runs under: now + budget for
  // the outermost call, the outermost call's deadline for a nested one.
  // Returns nullopt (and records nothing) when calls are already nested
  // kMaxCallDepth deep.
  static std::optional<std::chrono::steady_clock::time_point> enter(lua_State* L, const std::string& pack,
                                                                    const char* file, int line,
                                                                    std::chrono::milliseconds budget);
  // Ends the innermost call begun with enter().
  static void leave();
  // Where the innermost call's code is now (from the VM's count hook).
  static void seen_at(const char* file, int line);
  // Calls in progress on this process.
  static int depth();
};

// Arms the watchdog: once the outermost call passes its deadline plus the
// grace period (stall_grace of its budget), `action` runs on the watchdog's thread with the report. The
// action must end the process (the stuck thread cannot be stopped); if it
// returns, the watchdog waits for the next call. Arming again replaces the
// action. Before the action runs, the watchdog asks the stuck thread where
// it is (a SIGUSR2 whose handler only reads the Lua call stack), so the
// report names the line of the library call, not only the function.
using StallAction = std::function<void(const StallReport&)>;
void arm_watchdog(StallAction action);

// The action the command line arms: prints "govbench: <report>" to stderr
// and ends the process with exit status 1 at once (no destructors run: a
// thread of ours is stuck in C code holding a pack's state).
[[noreturn]] void exit_on_stall(const StallReport& report);

// The grace period after the budget: a second, or half the budget when that
// is longer.
std::chrono::milliseconds stall_grace(std::chrono::milliseconds budget);

}  // namespace gb::script
