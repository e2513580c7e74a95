// The window's background link to the hub (live.hpp): the worker's loop,
// its reports and the presenter's announcements.
#include "team/live.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>

#include "data/migrations.hpp"
#include "data/team_model.hpp"
#include "team/hub.hpp"
#include "team/sync.hpp"

namespace gb::team {

namespace {

using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> display_names(Hub& hub) {
  std::map<std::string, std::string> out;
  for (const auto& m : hub.members()) out[m.name] = m.display.empty() ? m.name : m.display;
  return out;
}

// Changes whenever another connection (the window's, another program's)
// commits to the file; not for this connection's own writes.
std::int64_t data_version(data::Db& db) {
  auto st = db.prepare("PRAGMA data_version");
  return st.step() ? st.column_int(0) : 0;
}

std::string display_of(const std::map<std::string, std::string>& names, const std::string& member) {
  const auto it = names.find(member);
  return it == names.end() ? member : it->second;
}

}  // namespace

Live::Live(std::filesystem::path replica, LiveOptions options)
    : path_(std::move(replica)), options_(std::move(options)) {
  if (::pipe2(wake_pipe_, O_NONBLOCK | O_CLOEXEC) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;  // then: short waits only
  worker_ = std::thread([this] { run(); });
}

Live::~Live() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  wake_worker();
  if (worker_.joinable()) worker_.join();
  for (int fd : wake_pipe_)
    if (fd >= 0) ::close(fd);
}

void Live::wake_worker() {
  if (wake_pipe_[1] < 0) return;
  const char byte = 1;
  [[maybe_unused]] const auto n = ::write(wake_pipe_[1], &byte, 1);  // full pipe: already woken
}

void Live::nudge() {
  nudged_ = true;
  wake_worker();
}

std::vector<Notice> Live::wait_on(Hub& hub) {
  const int hub_fd = hub.socket();
  if (hub_fd < 0 || wake_pipe_[0] < 0) return hub.wait(static_cast<int>(options_.wait.count()));
  // Notices read while the last statements ran wait in libpq, not on the socket.
  if (auto already = hub.wait(0); !already.empty()) return already;
  pollfd fds[2] = {{hub_fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
  if (::poll(fds, 2, static_cast<int>(options_.wait.count())) < 0 && errno != EINTR)
    return hub.wait(static_cast<int>(options_.wait.count()));
  char drain[64];
  while (::read(wake_pipe_[0], drain, sizeof drain) > 0) {
  }
  return hub.wait(0);  // reads what arrived on the hub's socket (throws Unreachable when it closed)
}

void Live::announce(std::int64_t session, int position) {
  std::lock_guard lock(mutex_);
  if (announcing_ && announcing_->first == session && announcing_->second == position) return;
  announcing_ = std::pair{session, position};
  announce_due_ = true;
}

void Live::stop_announcing() {
  std::lock_guard lock(mutex_);
  announcing_.reset();
  announce_due_ = false;
}

std::vector<LiveEvent> Live::take() {
  std::lock_guard lock(mutex_);
  std::vector<LiveEvent> out(std::make_move_iterator(events_.begin()), std::make_move_iterator(events_.end()));
  events_.clear();
  return out;
}

LiveStatus Live::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void Live::post(LiveEvent e) {
  {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(e));
    while (events_.size() > 200) events_.pop_front();  // a window that stopped polling
  }
  if (options_.wake) options_.wake();
}

void Live::set_status(const std::function<void(LiveStatus&)>& f) {
  {
    std::lock_guard lock(mutex_);
    f(status_);
  }
  if (options_.wake) options_.wake();
}

bool Live::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, d, [this] { return stop_; });
}

void Live::run() {
  auto stopping = [this] {
    std::lock_guard lock(mutex_);
    return stop_;
  };
  std::optional<data::Db> db;  // this thread's own connection to the replica
  std::optional<data::ReplicaInfo> info;
  std::chrono::milliseconds backoff = options_.backoff_first;
  while (!stopping()) {
    try {
      if (!db) {
        db.emplace(data::open_governance_db(path_, data::OpenMode::ReadWrite));
        info = data::replica_info(*db);
        if (!info) {
          post({.kind = LiveEvent::Kind::Error, .message = path_.string() + " is not a team replica"});
          return;
        }
        set_status([&](LiveStatus& s) {
          s.started = true;
          s.member = info->member;
          s.head = info->head;
          s.pending = static_cast<int>(data::pending_changes(*db).size());
          s.conflicts = static_cast<int>(data::conflicts(*db, true).size());
        });
      }
      Hub hub = connect_hub(*info);
      hub.listen();
      auto names = display_names(hub);
      set_status([&](LiveStatus& s) {
        s.online = true;
        s.ever_online = true;
        s.error.clear();
      });
      post({.kind = LiveEvent::Kind::Online});
      backoff = options_.backoff_first;
      {
        std::lock_guard lock(mutex_);
        announce_due_ = announcing_.has_value();  // those who joined while we were away
      }
      bool sync_due = true;  // at once on (re)connecting
      auto last_sync = Clock::now();
      std::int64_t version = data_version(*db);
      while (!stopping()) {
        if (nudged_.exchange(false)) sync_due = true;
        // A commit by another connection (the window's edit, an import, the
        // command line): its pending change goes now, nudged or not.
        if (const std::int64_t v = data_version(*db); v != version) {
          version = v;
          sync_due = true;
        }
        if (Clock::now() - last_sync >= options_.idle_sync) {
          sync_due = true;
          std::lock_guard lock(mutex_);
          announce_due_ = announcing_.has_value();
        }
        if (sync_due) {
          sync_due = false;
          SyncReport r = team::sync(*db, hub);
          last_sync = Clock::now();
          const bool unknown_author =
              std::any_of(r.authors.begin(), r.authors.end(), [&](const std::string& a) { return !names.count(a); });
          if (unknown_author) names = display_names(hub);  // a member added since
          set_status([&](LiveStatus& s) {
            s.head = r.head;
            s.pending = r.pending;
            s.conflicts = r.open_conflicts;
            s.error = r.refused;
            ++s.syncs;
            s.last_sync = last_sync;
          });
          if (r.pulled > 0 || r.pushed > 0 || r.new_conflicts > 0) {
            LiveEvent e{.kind = LiveEvent::Kind::Synced,
                        .pulled = r.pulled,
                        .pushed = r.pushed,
                        .new_conflicts = r.new_conflicts};
            for (const auto& a : r.authors) e.authors.push_back(display_of(names, a));
            post(std::move(e));
          }
          if (!r.refused.empty()) post({.kind = LiveEvent::Kind::Error, .message = r.refused});
        }
        std::optional<std::pair<std::int64_t, int>> send;
        {
          std::lock_guard lock(mutex_);
          if (announce_due_ && announcing_) send = announcing_;
          announce_due_ = false;
        }
        if (send) hub.announce(send->first, send->second);
        if (nudged_) continue;  // a commit while syncing: again, without waiting
        const std::int64_t head = status().head;
        for (const Notice& n : wait_on(hub))
          if (n.seq > head) sync_due = true;  // our own pushes come back too
        for (Presence& p : hub.presence()) {
          if (p.member == info->member) continue;
          post({.kind = LiveEvent::Kind::Presence,
                .member = p.member,
                .display = display_of(names, p.member),
                .session = p.session,
                .position = p.position});
        }
      }
    } catch (const Unreachable& e) {
      int pending = 0, conflicts = 0;
      try {
        if (db) {
          pending = static_cast<int>(data::pending_changes(*db).size());
          conflicts = static_cast<int>(data::conflicts(*db, true).size());
        }
      } catch (...) {
      }
      set_status([&](LiveStatus& s) {
        s.online = false;
        s.error = e.message();
        if (db) {
          s.pending = pending;
          s.conflicts = conflicts;
        }
      });
      post({.kind = LiveEvent::Kind::Offline, .message = e.message(), .retry_in = backoff});
      if (sleep_for(backoff)) return;
      backoff = std::min(backoff * 2, options_.backoff_max);
    } catch (const std::exception& e) {
      // A change that does not verify, a member removed, a file that cannot
      // be opened: said, and tried again later (someone may fix it).
      set_status([&](LiveStatus& s) {
        s.online = false;
        s.error = e.what();
      });
      post({.kind = LiveEvent::Kind::Error, .message = e.what(), .retry_in = backoff});
      if (sleep_for(backoff)) return;
      backoff = std::min(backoff * 2, options_.backoff_max);
    }
  }
}

}  // namespace gb::team
