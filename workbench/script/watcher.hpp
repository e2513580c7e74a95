// Watches pack folders for saved files (inotify) and says which packs to
// reload, once a pack's files have been quiet for the debounce interval
// (editors write in bursts: a temporary file, a rename, a chmod).
#pragma once
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace gb::script {

class PackWatcher {
 public:
  explicit PackWatcher(std::chrono::milliseconds debounce = std::chrono::milliseconds(30));
  PackWatcher(const PackWatcher&) = delete;
  PackWatcher& operator=(const PackWatcher&) = delete;
  ~PackWatcher();

  bool available() const { return fd_ >= 0; }
  // Watches a pack's folder and its subfolders, reporting changes as `name`.
  void watch(const std::string& name, const std::filesystem::path& dir);
  void clear();

  // Reads pending events without blocking; returns the packs whose changes
  // have settled.
  std::vector<std::string> poll();
  // Blocks up to `timeout` for events, then polls.
  std::vector<std::string> wait(std::chrono::milliseconds timeout);
  int fd() const { return fd_; }

 private:
  void add_dir(const std::string& name, const std::filesystem::path& dir);
  void drain();
  int fd_ = -1;
  std::chrono::milliseconds debounce_;
  std::map<int, std::pair<std::string, std::filesystem::path>> watches_;  // wd -> pack, dir
  std::map<std::string, std::chrono::steady_clock::time_point> pending_;
};

}  // namespace gb::script
