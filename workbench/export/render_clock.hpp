// A time budget for turning a built view into a paper (HTML, PDF, CSV,
// JSON), like the budget pack code runs under: the renderers call
// RenderClock::tick() as they go, and past the budget it throws, so that
// nothing is written (papers are written only once rendered whole; see
// paper_export.hpp). Building the view is not counted here: its pack code
// runs under script.time_budget_ms, call by call.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"

namespace gb::exporter {

// What tick() throws past the budget: a renderer that turns its own
// failures into an error document (render_html) lets this one through.
class RenderBudgetExceeded : public Error {
 public:
  using Error::Error;
};

// The default budget, and the range `render --time-budget` accepts.
inline constexpr std::int64_t kRenderBudgetMsDefault = 60000;
inline constexpr std::int64_t kRenderBudgetMsMin = 100, kRenderBudgetMsMax = 3600000;

struct RenderOptions {
  std::chrono::milliseconds time_budget{kRenderBudgetMsDefault};
  // Called now and then (at most five times a second) with what is being
  // done ("PDF, page 12 (counting pages)"), on the rendering thread.
  std::function<void(const std::string&)> progress;
};

// While one exists, tick() on its thread counts against its budget. Not
// nested: a second clock on a thread replaces the first until it ends.
class RenderClock {
 public:
  RenderClock(std::string view_id, std::string format, const RenderOptions& options);
  RenderClock(const RenderClock&) = delete;
  RenderClock& operator=(const RenderClock&) = delete;
  ~RenderClock();

  // Throws RenderBudgetExceeded naming the view and the budget once it is spent; a
  // no-op on a thread without a clock (the renderers' own tests).
  static void tick();
  // What is being done now, for progress ("PDF, page 12 (counting pages)").
  static void doing(std::string what);
  // The page being laid out, added to what doing() said.
  static void page(int n);

 private:
  void check();
  void report(std::chrono::steady_clock::time_point now);

  std::string view_id_;
  std::string format_;
  RenderOptions options_;
  std::chrono::steady_clock::time_point start_, deadline_, next_report_;
  std::string doing_;
  int page_ = 0;
  unsigned counter_ = 0;
  RenderClock* previous_ = nullptr;
};

// A renderer in the drawing module (export/draw_module.hpp) has a copy of
// this file of its own, whose clocks the calling program's never see: it
// counts against the caller's clock through these, the caller's tick(),
// doing() and page().
struct ClockCalls {
  void (*tick)() = nullptr;
  void (*doing)(std::string what) = nullptr;
  void (*page)(int n) = nullptr;
};
// This program's RenderClock::tick, ::doing and ::page.
ClockCalls this_programs_clock();

// While one exists, RenderClock::tick(), doing() and page() on its thread
// call `calls` (what throws past the budget is the caller's clock).
class CallersClock {
 public:
  explicit CallersClock(const ClockCalls& calls);
  CallersClock(const CallersClock&) = delete;
  CallersClock& operator=(const CallersClock&) = delete;
  ~CallersClock();

 private:
  const ClockCalls* previous_ = nullptr;
};

}  // namespace gb::exporter
