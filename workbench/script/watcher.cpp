#include "script/watcher.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cstring>

namespace gb::script {

namespace {
constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB;
}

PackWatcher::PackWatcher(std::chrono::milliseconds debounce)
    : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)), debounce_(debounce) {}

PackWatcher::~PackWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void PackWatcher::add_dir(const std::string& name, const std::filesystem::path& dir) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), kMask | IN_ONLYDIR);
  if (wd >= 0) watches_[wd] = {name, dir};
}

void PackWatcher::watch(const std::string& name, const std::filesystem::path& dir) {
  if (fd_ < 0) return;
  add_dir(name, dir);
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory() && !it->is_symlink()) add_dir(name, it->path());
  }
}

void PackWatcher::clear() {
  for (const auto& [wd, what] : watches_) inotify_rm_watch(fd_, wd);
  watches_.clear();
  pending_.clear();
}

void PackWatcher::drain() {
  alignas(inotify_event) std::array<char, 16384> buf{};
  for (;;) {
    const ssize_t n = ::read(fd_, buf.data(), buf.size());
    if (n <= 0) return;
    for (ssize_t off = 0; off < n;) {
      inotify_event ev{};
      std::memcpy(&ev, buf.data() + off, sizeof ev);
      const char* fname = buf.data() + off + sizeof(inotify_event);
      off += static_cast<ssize_t>(sizeof(inotify_event) + ev.len);
      auto it = watches_.find(ev.wd);
      if (it == watches_.end()) continue;
      const std::string name = ev.len ? std::string(fname) : std::string();
      // Hidden files are editors' scratch (".gap.lua.swp"), not the pack.
      if (!name.empty() && name.front() == '.') continue;
      if ((ev.mask & IN_CREATE) && (ev.mask & IN_ISDIR)) add_dir(it->second.first, it->second.second / name);
      pending_[it->second.first] = std::chrono::steady_clock::now();
    }
  }
}

std::vector<std::string> PackWatcher::poll() {
  std::vector<std::string> ready;
  if (fd_ < 0) return ready;
  drain();
  const auto now = std::chrono::steady_clock::now();
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now - it->second >= debounce_) {
      ready.push_back(it->first);
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  return ready;
}

std::vector<std::string> PackWatcher::wait(std::chrono::milliseconds timeout) {
  if (fd_ < 0) return {};
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto ready = poll();
    if (!ready.empty()) return ready;
    const auto now = std::chrono::steady_clock::now();
    if (now >= end) return {};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - now);
    // With changes pending, wake when the earliest settles.
    for (const auto& [name, t] : pending_) {
      auto settle =
          std::chrono::duration_cast<std::chrono::milliseconds>(t + debounce_ - now) + std::chrono::milliseconds(1);
      if (settle < left) left = settle;
    }
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 1)));
  }
}

}  // namespace gb::script
