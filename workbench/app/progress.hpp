// Progress on stderr for a command's work (import, render) once it has
// taken more than a second: on a terminal a bar (or a status) redrawn in
// place, as before; with --progress also when stderr is not a terminal (a
// log, a pipe, a CI job), as a line at most once a second. Standard output
// is never touched.
//
// GOVBENCH_PROGRESS_AFTER_MS (a test aid) changes the one second.
#pragma once
#include <chrono>
#include <string>

namespace gb::app {

class Progress {
 public:
  // `command` starts each line ("import"); `label` says what is worked on.
  Progress(std::string command, std::string label, bool forced);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { finish(); }

  // The fraction done (0..1).
  void fraction(double f);
  // What is being done, for work without a fraction ("pdf, page 12").
  void status(const std::string& what);
  // Clears a terminal's bar, so that what is printed next starts on a clean
  // line; nothing more is shown after.
  void finish();

 private:
  void show(const std::string& bar, const std::string& line);

  std::string command_, label_;
  bool terminal_ = false, enabled_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_, next_line_;
  std::chrono::milliseconds after_{1000};
};

}  // namespace gb::app
