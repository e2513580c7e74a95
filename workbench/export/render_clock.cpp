#include "export/render_clock.hpp"

#include <cstdio>

namespace gb::exporter {

namespace {
thread_local RenderClock* current = nullptr;
thread_local const ClockCalls* callers = nullptr;  // set by CallersClock

std::string seconds_text(std::chrono::milliseconds ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}
}  // namespace

RenderClock::RenderClock(std::string view_id, std::string format, const RenderOptions& options)
    : view_id_(std::move(view_id)),
      format_(std::move(format)),
      options_(options),
      start_(std::chrono::steady_clock::now()),
      deadline_(start_ + options.time_budget),
      next_report_(start_),
      previous_(current) {
  current = this;
}

RenderClock::~RenderClock() {
  current = previous_;
}

void RenderClock::tick() {
  if (callers) return callers->tick();
  if (current) current->check();
}

void RenderClock::doing(std::string what) {
  if (callers) return callers->doing(std::move(what));
  if (!current) return;
  current->doing_ = std::move(what);
  current->page_ = 0;
  current->check();
}

void RenderClock::page(int n) {
  if (callers) return callers->page(n);
  if (!current) return;
  current->page_ = n;
  current->check();
}

void RenderClock::check() {
  // The clock is read every few ticks: a tick is a line of text or a cell.
  if (++counter_ % 16 != 0) return;
  const auto now = std::chrono::steady_clock::now();
  report(now);
  if (now > deadline_)
    throw RenderBudgetExceeded(
        "render of view " + view_id_ + " as " + format_ + " stopped: it took longer than its " +
        seconds_text(options_.time_budget) + " time budget (render --time-budget MS" +
        (doing_.empty() ? std::string() : "; it was at " + doing_ + (page_ ? ", page " + std::to_string(page_) : "")) +
        "); nothing was written");
}

void RenderClock::report(std::chrono::steady_clock::time_point now) {
  if (options_.progress && now >= next_report_) {
    next_report_ = now + std::chrono::milliseconds(200);
    std::string what = format_;
    if (!doing_.empty()) what += ", " + doing_;
    if (page_) what += ", page " + std::to_string(page_);
    options_.progress(what);
  }
}

ClockCalls this_programs_clock() {
  return {&RenderClock::tick, &RenderClock::doing, &RenderClock::page};
}

CallersClock::CallersClock(const ClockCalls& calls) : previous_(callers) {
  callers = &calls;
}

CallersClock::~CallersClock() {
  callers = previous_;
}

}  // namespace gb::exporter
