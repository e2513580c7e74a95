#include "app/watch.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>

#include "app/terminal.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "script/pack_set.hpp"
#include "script/watcher.hpp"

namespace gb::app {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The pack folders under the sources the command loads: one watch each,
// named after the folder, so a run can say which pack was saved.
std::vector<std::pair<std::string, fs::path>> pack_folders(const WatchTarget& t) {
  std::vector<fs::path> sources;
  sources.push_back(script::bundled_packs_dir());
  sources.push_back(script::user_packs_dir());
  for (const auto& d : t.pack_dirs) sources.emplace_back(d);
  for (const auto& d : t.extra_packs) sources.push_back(d);
  std::vector<std::pair<std::string, fs::path>> out;
  std::set<std::string> seen;
  std::error_code ec;
  for (const auto& s : sources) {
    if (!fs::is_directory(s, ec)) continue;
    auto add = [&](const fs::path& dir) {
      const std::string key = fs::weakly_canonical(dir, ec).string();
      if (seen.insert(key).second) out.emplace_back(dir.filename().string(), dir);
    };
    if (fs::exists(s / "pack.lua", ec)) {
      add(s);
      continue;
    }
    for (auto it = fs::directory_iterator(s, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->is_directory(ec) && fs::exists(it->path() / "pack.lua", ec)) add(it->path());
  }
  return out;
}

// The database file and its write-ahead log: size and modification time.
std::string file_stamp(const std::string& db) {
  if (db.empty()) return {};
  std::string stamp;
  for (const std::string& p : {db, db + "-wal"}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0)
      stamp += std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
               std::to_string(st.st_mtim.tv_nsec) + ";";
    else
      stamp += "-;";
  }
  return stamp;
}

std::string command_line(const Args& a) {
  std::string s = "govbench " + a.command();
  for (const auto& p : a.positional()) s += " " + p;
  return s + " --watch";
}

}  // namespace

std::vector<std::string> changed_lines(const std::string& before, const std::string& now) {
  const auto old_lines = split_lines(before);
  const auto new_lines = split_lines(now);
  const std::multiset<std::string> old_set(old_lines.begin(), old_lines.end());
  const std::multiset<std::string> new_set(new_lines.begin(), new_lines.end());
  std::vector<std::string> out;
  for (const auto& l : old_lines)
    if (!new_set.count(l)) out.push_back("- " + l);
  for (const auto& l : new_lines)
    if (!old_set.count(l)) out.push_back("+ " + l);
  return out;
}

int watch_command(const Args& a, int (*once)(const Args&), const WatchTarget& target) {
  const Args plain = a.without("--watch");
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  int max_runs = 0;
  if (const char* n = std::getenv("GOVBENCH_WATCH_RUNS")) max_runs = std::atoi(n);
  std::string previous;
  std::string why = "first run";
  int rc = 0;
  for (int run = 1;; ++run) {
    // The run's own output is kept to compare with the next; its messages on
    // stderr (pack errors with file and line) go straight to the terminal.
    if (tty) terminal_control("\x1b[2J\x1b[H");
    std::cout << "── " << command_line(a) << " · run " << run << " at " << local_clock_text() << " · " << why << " ──\n"
              << std::flush;
    std::ostringstream captured;
    std::streambuf* const real = std::cout.rdbuf(captured.rdbuf());
    try {
      rc = once(plain);
    } catch (const UsageError& e) {
      std::cout.rdbuf(real);
      throw;
    } catch (const std::exception& e) {
      std::cerr << "govbench: " << a.command() << ": " << e.what() << "\n";
      rc = 1;
    }
    std::cout.rdbuf(real);
    const std::string now = captured.str();
    std::cout << now;
    if (run > 1) {
      const auto diff = changed_lines(previous, now);
      if (diff.empty()) {
        std::cout << "no change since run " << (run - 1) << "\n";
      } else {
        std::cout << "changes since run " << (run - 1) << ":\n";
        for (const auto& l : diff) std::cout << "  " << l << "\n";
      }
    }
    previous = now;
    if (max_runs > 0 && run >= max_runs) return rc;

    script::PackWatcher watcher;
    if (!watcher.available()) throw Error("--watch: cannot watch files (inotify is not available here)");
    const auto folders = pack_folders(target);
    for (const auto& [name, dir] : folders) watcher.watch(name, dir);
    std::cout << "(" << (rc == 0 ? "" : "exit status " + std::to_string(rc) + "; ") << "watching " << folders.size()
              << (folders.size() == 1 ? " pack folder" : " pack folders")
              << (target.database.empty() ? "" : " and " + fs::path(target.database).filename().string())
              << "; Ctrl+C to stop)\n"
              << std::flush;
    const std::string stamp = file_stamp(target.database);
    for (;;) {
      auto saved = watcher.wait(std::chrono::milliseconds(250));
      if (!saved.empty()) {
        std::string names;
        for (const auto& s : saved) names += (names.empty() ? "" : ", ") + s;
        why = "after a save in " + names;
        break;
      }
      if (file_stamp(target.database) != stamp) {
        why = "after a change to " + fs::path(target.database).filename().string();
        break;
      }
    }
  }
}

}  // namespace gb::app
