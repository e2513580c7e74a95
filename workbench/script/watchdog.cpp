#include "script/watchdog.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <lua.hpp>
#include <mutex>
#include <thread>
#include <vector>

namespace gb::script {

namespace {

using Clock = std::chrono::steady_clock;

// A location copied into fixed storage: the hook must not allocate, and the
// watchdog must not read Lua-owned strings that may be collected meanwhile.
struct Site {
  char pack[96] = {};
  char file[160] = {};
  int line = 0;
  lua_State* L = nullptr;
  pthread_t thread{};
  void set(const char* p, const char* f, int l) {
    if (p) copy(pack, sizeof pack, p);
    copy(file, sizeof file, f ? f : "");
    line = l;
  }
  // strncpy that always terminates (and is safe in a signal handler).
  static void copy(char* to, std::size_t size, const char* from) {
    std::size_t i = 0;
    for (; i + 1 < size && from[i]; ++i) to[i] = from[i];
    to[i] = '\0';
  }
};

// The probe: the stuck thread, interrupted by SIGUSR2, reads its own Lua
// call stack (lua_getstack and lua_getinfo "Sl" only read the state and
// allocate nothing) and leaves the innermost pack frame's place here.
struct Probe {
  std::atomic<lua_State*> L{nullptr};
  std::atomic<int> done{0};
  Site site;
};
Probe g_probe;

void probe_handler(int) {
  lua_State* L = g_probe.L.load();
  if (!L) return;
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    if (lua_getinfo(L, "Sl", &ar) && ar.source && ar.source[0] == '@' && ar.currentline > 0) {
      g_probe.site.set(nullptr, ar.source + 1, ar.currentline);
      break;
    }
  }
  g_probe.done.store(1);
}

// Asks `thread`, stuck in state L, where it is; false if it does not say
// within a moment.
bool probe(pthread_t thread, lua_State* L, Site& out) {
  if (!L) return false;
  g_probe.site = Site{};
  g_probe.done.store(0);
  g_probe.L.store(L);
  bool answered = false;
  if (pthread_kill(thread, SIGUSR2) == 0) {
    for (int i = 0; i < 50 && !g_probe.done.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    answered = g_probe.done.load() != 0 && g_probe.site.line > 0;
  }
  g_probe.L.store(nullptr);
  if (answered) {
    Site::copy(out.file, sizeof out.file, g_probe.site.file);
    out.line = g_probe.site.line;
  }
  return answered;
}

struct Watch {
  std::mutex m;
  std::condition_variable cv;
  int depth = 0;
  std::uint64_t generation = 0;  // one more at each outermost call
  Clock::time_point deadline{};
  std::chrono::milliseconds budget{0};
  Site outer;
  std::vector<Site> stack;  // the calls in progress, outermost first
  StallAction action;
  std::thread thread;
  bool stopping = false;

  Watch() = default;
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;
  ~Watch() {
    {
      std::lock_guard lk(m);
      stopping = true;
    }
    cv.notify_all();
    if (thread.joinable()) thread.join();
  }

  // What the thread is doing, so that calls wake it only when it must: a
  // command runs a hundred calls in a few milliseconds, and waking the
  // thread at each one's start and end cost more than the calls' own
  // bookkeeping (two context switches each).
  enum class Phase { Idle, Timing, Reported };
  Phase phase = Phase::Idle;
  Clock::time_point waking_at{};  // while Timing

  void run() {
    std::unique_lock lk(m);
    for (;;) {
      phase = Phase::Idle;
      cv.wait(lk, [&] { return stopping || depth > 0; });
      // Timing: asleep until the outermost call's deadline plus grace. Calls
      // that begin and end meanwhile do not wake the thread (unless one
      // would be due earlier); on waking it looks at the call running then.
      phase = Phase::Timing;
      std::uint64_t gen = 0;
      bool stalled = false;
      while (!stopping && depth > 0) {
        gen = generation;
        waking_at = deadline + stall_grace(budget);
        const bool woken = cv.wait_until(lk, waking_at, [&] {
          return stopping || (generation != gen && deadline + stall_grace(budget) < waking_at);
        });
        if (!woken && !stopping && depth > 0 && generation == gen) {
          stalled = true;
          break;
        }
      }
      if (stopping) return;
      if (!stalled) continue;
      StallReport r;
      Site& inner = stack.empty() ? outer : stack.back();
      // The lock is held while probing: the stuck call cannot leave (and its
      // state cannot be closed) until the probe is over.
      probe(inner.thread, inner.L, inner);
      r.pack = inner.pack;
      r.file = inner.file;
      r.line = inner.line;
      r.outer_pack = outer.pack;
      r.budget = budget;
      r.grace = stall_grace(budget);
      r.depth = depth;
      StallAction act = action;
      // The stuck thread holds no lock of ours (enter/leave/seen_at take it
      // only briefly), so the action may take as long as it needs.
      phase = Phase::Reported;
      lk.unlock();
      if (act) act(r);
      lk.lock();
      // The action returned: do not report this call again.
      cv.wait(lk, [&] { return stopping || depth == 0 || generation != gen; });
      if (stopping) return;
    }
  }
};

Watch& watch() {
  static Watch w;
  return w;
}

std::string seconds_text(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

}  // namespace

std::chrono::milliseconds stall_grace(std::chrono::milliseconds budget) {
  return std::max(std::chrono::milliseconds(1000), budget / 2);
}

std::string StallReport::message() const {
  std::string out = "pack " + pack + ": ";
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  out += "did not return within the " + seconds_text(budget) + " time budget (setting script.time_budget_ms) plus " +
         seconds_text(grace) +
         " of grace, and was stopped from outside: it was running a library function that the budget cannot "
         "interrupt (a string pattern or search on a long text, string.rep, an SQL function such as instr() "
         "or printf() on long text)";
  if (!outer_pack.empty() && outer_pack != pack) out += "; called from pack " + outer_pack;
  return out;
}

std::optional<Clock::time_point> CallWatch::enter(lua_State* L, const std::string& pack, const char* file, int line,
                                                  std::chrono::milliseconds budget) {
  Watch& w = watch();
  bool wake = false;
  Clock::time_point deadline;
  {
    std::lock_guard lk(w.m);
    if (w.depth >= kMaxCallDepth) return std::nullopt;
    Site s;
    s.set(pack.c_str(), file, line);
    s.L = L;
    s.thread = pthread_self();
    if (w.depth == 0) {
      ++w.generation;
      w.budget = budget;
      w.deadline = Clock::now() + budget;
      w.outer = s;
      w.stack.clear();
      wake = w.phase != Watch::Phase::Timing || w.deadline + stall_grace(budget) < w.waking_at;
    }
    w.stack.push_back(s);
    ++w.depth;
    deadline = w.deadline;
  }
  if (wake && w.action) w.cv.notify_all();
  return deadline;
}

void CallWatch::leave() {
  Watch& w = watch();
  bool wake = false;
  {
    std::lock_guard lk(w.m);
    if (w.depth == 0) return;
    --w.depth;
    if (!w.stack.empty()) w.stack.pop_back();
    // Only a thread waiting for a reported call to end needs to know; one
    // timing a call finds it ended when it wakes.
    wake = w.depth == 0 && w.phase == Watch::Phase::Reported;
  }
  if (wake && w.action) w.cv.notify_all();
}

void CallWatch::seen_at(const char* file, int line) {
  Watch& w = watch();
  std::lock_guard lk(w.m);
  if (w.stack.empty()) return;
  w.stack.back().set(nullptr, file, line);
}

int CallWatch::depth() {
  Watch& w = watch();
  std::lock_guard lk(w.m);
  return w.depth;
}

void arm_watchdog(StallAction action) {
  Watch& w = watch();
  std::lock_guard lk(w.m);
  w.action = std::move(action);
  if (!w.thread.joinable()) {
    struct sigaction sa {};
    sa.sa_handler = probe_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &sa, nullptr);
    w.thread = std::thread([&w] { w.run(); });
  }
}

void exit_on_stall(const StallReport& report) {
  const std::string text = "govbench: " + report.message() + "\n";
  // write(2) directly: stdio's locks may be held by the stuck thread. What
  // the command had buffered for stdout is dropped: it failed.
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::_exit(1);
}

}  // namespace gb::script
