// The watchdog (script/watchdog.hpp) in process: it reports a call that
// outlives its budget plus grace, whatever ran before it, and nothing else.
#include "script/watchdog.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Reports {
  std::mutex m;
  std::condition_variable cv;
  std::optional<gb::script::StallReport> last;
  Clock::time_point at{};
  int count = 0;
};

// Waits up to `limit` for a report; true if one came.
bool wait_report(Reports& r, milliseconds limit) {
  std::unique_lock lk(r.m);
  return r.cv.wait_for(lk, limit, [&] { return r.last.has_value(); });
}

}  // namespace

TEST_CASE("watchdog: a stuck call is reported on time after many quick ones, even with a shorter budget",
          "[script][watchdog]") {
  auto reports = std::make_shared<Reports>();
  gb::script::arm_watchdog([reports](const gb::script::StallReport& report) {
    std::lock_guard lk(reports->m);
    reports->last = report;
    reports->at = Clock::now();
    ++reports->count;
    reports->cv.notify_all();
  });
  struct Disarm {  // other tests in this process arm nothing
    Disarm() = default;
    Disarm(const Disarm&) = delete;
    Disarm& operator=(const Disarm&) = delete;
    ~Disarm() {
      gb::script::arm_watchdog([](const gb::script::StallReport&) {});
    }
  } disarm;

  // Quick calls under a long budget: none is reported.
  for (int i = 0; i < 200; ++i) {
    REQUIRE(gb::script::CallWatch::enter(nullptr, "quick", "indicators/q.lua", i + 1, milliseconds(20000)));
    gb::script::CallWatch::leave();
  }
  CHECK_FALSE(wait_report(*reports, milliseconds(200)));

  // Then a call with a budget of 100 ms (grace: 1 s) that does not return:
  // reported after 1.1 s, not when the long budget's call would have been due.
  const auto started = Clock::now();
  REQUIRE(gb::script::CallWatch::enter(nullptr, "stuck", "indicators/s.lua", 7, milliseconds(100)));
  const bool reported = wait_report(*reports, milliseconds(8000));
  gb::script::CallWatch::leave();
  REQUIRE(reported);
  std::lock_guard lk(reports->m);
  CHECK(reports->count == 1);
  CHECK(reports->last->pack == "stuck");
  CHECK(reports->last->file == "indicators/s.lua");
  CHECK(reports->last->line == 7);
  CHECK(reports->last->budget == milliseconds(100));
  CHECK(reports->last->grace == milliseconds(1000));
  const auto after = std::chrono::duration_cast<milliseconds>(reports->at - started);
  CHECK(after >= milliseconds(1100));
  CHECK(after < milliseconds(6000));  // 1.1 s, with room for a loaded machine; the long budget was 21 s
}
