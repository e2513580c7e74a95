// Team mode in the window (issue 18): the link to the team's hub while the
// open database is a replica. It owns team::Live (the worker thread with
// its own connection to the file and to the hub), takes in its reports once
// a frame before anything is drawn, reloads the workspace when changes came
// in (as an undo does), nudges the worker after every local edit, and draws
// the team indicator (status bar) and the notice of what arrived (navigation
// column). The Conflicts panel (panels.hpp) and the Sessions panel's "Follow
// the presenter" reach it through PanelContext::team.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "engine/workspace.hpp"
#include "team/live.hpp"

namespace gb::ui {

// The latest announcement of another member's workbench.
struct PresenterNotice {
  std::string member;
  std::string display;
  std::int64_t session = 0;
  int position = 0;
  std::uint64_t number = 0;  // one more at every announcement heard
};

class TeamLink {
 public:
  // A link when `ws`'s database is a replica, else null.
  static std::unique_ptr<TeamLink> start_if_replica(engine::Workspace& ws, std::function<void()> wake,
                                                    team::LiveOptions options = {});
  TeamLink(engine::Workspace& ws, std::string member, std::string display, team::LiveOptions options);
  ~TeamLink();  // stops the worker
  TeamLink(const TeamLink&) = delete;
  TeamLink& operator=(const TeamLink&) = delete;

  // Once a frame, before drawing (Shell::poll).
  void poll(engine::Workspace& ws);
  // A local write was made outside the edit path's history (a conflict
  // resolved): sync now.
  void nudge();
  // The first sync has answered, or the hub was found unreachable
  // (a screenshot waits for this).
  bool settled() const { return settled_; }

  const team::LiveStatus& status() const { return status_; }
  const std::string& member() const { return member_; }
  // "Team: online · head 12 · 1 pending", "Team: offline — 3 changes wait", ...
  std::string indicator_text() const;
  // The notice shown for a few seconds after changes arrived ("" when none).
  std::string notice() const;
  bool notice_is_problem() const { return notice_problem_; }

  // Draws the indicator (a small button); true when clicked.
  bool draw_indicator();
  // Draws the notice, if one is showing.
  void draw_notice();

  // The presenter (review sessions).
  void announce(std::int64_t session, int position) { live_->announce(session, position); }
  void stop_announcing() { live_->stop_announcing(); }
  const std::optional<PresenterNotice>& presenter() const { return presenter_; }

 private:
  void show(std::string text, bool problem, std::chrono::seconds for_how_long);

  std::string member_, display_;
  std::unique_ptr<team::Live> live_;
  team::LiveStatus status_;
  bool settled_ = false;
  std::uint64_t seen_edits_ = 0;
  std::string notice_;
  bool notice_problem_ = false;
  std::chrono::steady_clock::time_point notice_until_{};
  std::optional<PresenterNotice> presenter_;
};

}  // namespace gb::ui
