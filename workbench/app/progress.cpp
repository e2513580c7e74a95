#include "app/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace gb::app {

Progress::Progress(std::string command, std::string label, bool forced)
    : command_(std::move(command)), label_(std::move(label)), start_(std::chrono::steady_clock::now()) {
  terminal_ = isatty(STDERR_FILENO) != 0;
  enabled_ = terminal_ || forced;
  if (const char* ms = std::getenv("GOVBENCH_PROGRESS_AFTER_MS"); ms && *ms)
    after_ = std::chrono::milliseconds(std::max(0, std::atoi(ms)));
  next_line_ = start_;
}

void Progress::finish() {
  if (shown_ && terminal_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
  shown_ = false;
  enabled_ = false;
}

void Progress::show(const std::string& bar, const std::string& line) {
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < after_) return;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    std::fprintf(stderr, "\r%s\033[K", bar.c_str());
  } else {
    if (now < next_line_) return;
    next_line_ = now + std::chrono::seconds(1);
    std::fprintf(stderr, "govbench: %s: %s (%.1f s)\n", command_.c_str(), line.c_str(), seconds);
  }
  std::fflush(stderr);
  shown_ = true;
}

void Progress::fraction(double f) {
  if (!enabled_) return;
  f = f < 0 ? 0 : f > 1 ? 1 : f;
  const int width = 30;
  std::string bar(static_cast<std::size_t>(f * width), '#');
  bar.resize(width, '.');
  const int percent = static_cast<int>(f * 100);
  char pct[8];
  std::snprintf(pct, sizeof pct, "%3d%%", percent);
  show("[" + bar + "] " + pct + "  " + label_, std::to_string(percent) + "% of " + label_);
}

void Progress::status(const std::string& what) {
  if (!enabled_) return;
  show(label_ + ": " + what, label_ + ": " + what);
}

}  // namespace gb::app
