// The window's background link to the team's hub (issue 18, "Live"): a
// worker thread with its own connection to the replica file (SQLite
// connections never cross threads; the window keeps its own) and its own
// connection to the hub. It listens for the hub's change notices and syncs
// (pull, verify, integrate, push: team::sync) when one arrives, when the
// window reports a local commit (nudge()), and every idle_sync otherwise.
// When the hub cannot be reached it says so and tries again after 1 s,
// 2 s, 4 s... up to 30 s; pending changes stay in the file meanwhile.
//
// The window polls take() once a frame: what was pulled and from whom,
// conflicts, errors, online/offline, and the presenter's announcements
// (review sessions). No ImGui here.
//
//   team::Live live("b.db");
//   ... each frame: for (auto& e : live.take()) show(e); draw(live.status());
//   ... after a local edit commits: live.nudge();
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gb::team {

class Hub;
struct Notice;

struct LiveOptions {
  std::chrono::milliseconds wait{250};         // one wait on the hub's socket (also how soon stop() is seen)
  std::chrono::milliseconds idle_sync{10000};  // a sync this often even when nothing is announced
  std::chrono::milliseconds backoff_first{1000};
  std::chrono::milliseconds backoff_max{30000};
  // Called on the worker thread after it posted something (the window
  // wakes its event loop); may be empty. Must not call back into Live.
  std::function<void()> wake;
};

struct LiveEvent {
  enum class Kind {
    Online,    // connected (again) to the hub
    Offline,   // the hub cannot be reached: `message` says why; trying again in `retry_in`
    Synced,    // a sync took in or sent changes (pulled / pushed > 0) or found new conflicts
    Error,     // a sync failed for another reason (a change that does not verify...): `message`
    Presence,  // a member presents `session`, item `position`
  };
  Kind kind = Kind::Synced;
  int pulled = 0;
  int pushed = 0;
  int new_conflicts = 0;
  std::vector<std::string> authors{};  // of the changes pulled: display names ("A. Analyst")
  std::string message{};
  std::chrono::milliseconds retry_in{0};
  std::string member{};   // Presence: the member's name
  std::string display{};  // ... and display name
  std::int64_t session = 0;
  int position = 0;
};

struct LiveStatus {
  bool started = false;  // the worker has opened the replica
  bool online = false;
  bool ever_online = false;
  std::string member;  // who works on this replica
  std::int64_t head = 0;
  int pending = 0;    // changes made here, not yet on the hub
  int conflicts = 0;  // open conflicts
  std::string error;  // the last failure (offline: why), empty after a good sync
  int syncs = 0;      // syncs that succeeded
  std::chrono::steady_clock::time_point last_sync{};
};

class Live {
 public:
  // Starts the worker on the replica at `replica` (a file opened by
  // data::open_governance_db). Throws nothing: a file that cannot be
  // opened is reported as an Error event.
  explicit Live(std::filesystem::path replica, LiveOptions options = {});
  ~Live();  // stops the worker (within about one `wait`) and joins it
  Live(const Live&) = delete;
  Live& operator=(const Live&) = delete;

  // A local commit happened: sync now (within a wait).
  void nudge();
  // Tells the other workbenches this one presents `session`'s item
  // `position` (sent by the worker; the latest one wins; sent again after
  // every reconnect and every idle_sync, for those who start following late).
  void announce(std::int64_t session, int position);
  // Stops announcing (presentation ended). Nothing is sent.
  void stop_announcing();

  // What happened since the last call, oldest first.
  std::vector<LiveEvent> take();
  LiveStatus status() const;
  const std::filesystem::path& replica() const { return path_; }

 private:
  void run();
  void post(LiveEvent e);
  void set_status(const std::function<void(LiveStatus&)>& f);
  // Sleeps up to `d` unless stopped; true when stopped.
  bool sleep_for(std::chrono::milliseconds d);
  void wake_worker();
  // One wait on the hub's socket and the wake pipe; the change notices read.
  std::vector<Notice> wait_on(Hub& hub);

  std::filesystem::path path_;
  LiveOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<LiveEvent> events_;
  LiveStatus status_;
  bool stop_ = false;
  std::atomic<bool> nudged_{false};
  int wake_pipe_[2] = {-1, -1};  // nudge() and the destructor write a byte: the worker's wait ends at once
  std::optional<std::pair<std::int64_t, int>> announcing_;  // under mutex_
  bool announce_due_ = false;                               // under mutex_
  std::thread worker_;
};

}  // namespace gb::team
