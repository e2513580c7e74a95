// --watch for eval, render and pack test: runs the command, then again on
// every save of the packs it loads (and every change to the database file),
// printing the new output and what changed since the last run. The same
// file watcher as the window (script/watcher.hpp).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli.hpp"

namespace gb::app {

struct WatchTarget {
  std::vector<std::string> pack_dirs;              // --packs folders (the bundled and installed packs are added)
  std::vector<std::filesystem::path> extra_packs;  // pack folders named by position (pack test)
  std::string database;                            // watched for writes ("" when none)
};

// Runs `once(args without --watch)` now and after every change, until
// interrupted (Ctrl+C) or, when GOVBENCH_WATCH_RUNS=N is set (tests), after N
// runs. A run's exception is printed as the command's error and the loop goes
// on. Returns the last run's exit status.
int watch_command(const Args& a, int (*once)(const Args&), const WatchTarget& target);

// The lines of `now` that were not in `before` and the other way round, as
// "+ line" / "- line" (each side in its own order); empty when equal.
std::vector<std::string> changed_lines(const std::string& before, const std::string& now);

}  // namespace gb::app
