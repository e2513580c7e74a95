// The window chrome around the panels: navigation column, status bar,
// banners, shortcuts, the open dialog and presentation mode; and the frame
// that draws them, which no exception leaves (shell_chrome.cpp). Needs an
// ImGui context, not a window: run_shell (shell.cpp) gives it one on GLFW,
// tests drive it headless (tests/ui/driver.hpp).
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/workspace.hpp"
#include "ui/file_picker.hpp"
#include "ui/panel.hpp"
#include "ui/shell.hpp"
#include "ui/ui_settings.hpp"

namespace gb::ui {

class ViewsPanel;
class TeamLink;

// Where the window appends the errors it caught at a frame:
// $XDG_DATA_HOME/govbench/errors.log (~/.local/share/govbench/errors.log),
// the folder of the default demo database.
std::filesystem::path frame_error_log_path();

class Shell {
 public:
  Shell(std::unique_ptr<engine::Workspace> ws, UiSettings& settings, const ShellOptions& o);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  bool presenting() const { return presentation_; }
  bool busy() const;             // an export under way, or the pack host working on what is shown
  std::string activity() const;  // what the pack host is doing ("" when idle)
  void select(const std::string& id);
  const char* current_panel() const { return panels_[current_]->id(); }
  engine::Workspace& workspace() { return *ws_; }
  // The link to the team's hub while the open database is a replica, else null.
  TeamLink* team() { return team_.get(); }

  // One frame of the chrome and the current panel, between ImGui::NewFrame()
  // and ImGui::Render(). The pack host's answers are taken in first (every
  // frame; `interactive` is kept for callers). An exception thrown while
  // drawing is caught here: ImGui's window, ID and style stacks are unwound,
  // the error is shown in a banner and appended to the error log, and the
  // next frame draws as usual (the panels keep what was being typed).
  void frame(bool interactive);

  struct FrameError {
    std::string where;    // "drawing the Register panel"
    std::string message;  // the exception's
    std::string time;     // local time, ISO 8601
    int repeats = 1;      // the same error in consecutive frames
  };
  // The last error caught at a frame, while its banner is shown.
  const std::optional<FrameError>& frame_error() const { return error_; }
  std::size_t errors_caught() const { return errors_caught_; }
  const StatusNote& status() const { return status_; }  // the status bar's message
  // Ctrl +/-/0 changed the zoom: the loop rebuilds the fonts at zoom() before the next frame.
  bool take_fonts_dirty() { return std::exchange(fonts_dirty_, false); }
  float zoom() const { return settings_.zoom; }
  void set_error_log(std::filesystem::path path) { error_log_ = std::move(path); }

  // A panel by its id (null when none has it).
  Panel* panel(std::string_view id);

  // Tests: one more panel after the standard ones.
  void add_panel(std::unique_ptr<Panel> panel) { panels_.push_back(std::move(panel)); }

 private:
  void draw(PanelContext& ctx);
  void caught(const std::string& where, const std::string& message);
  void poll();
  void handle_shortcuts(PanelContext& ctx);
  void undo_or_redo(bool undo);  // Ctrl+Z, Ctrl+Y: the edit path's history
  void draw_navigation();
  void draw_banners();
  void draw_error_banner();
  void draw_status_bar();
  void draw_open_dialog();
  void draw_shortcut_sheet();
  void start_team();  // the link, when ws_ is a replica

  std::unique_ptr<engine::Workspace> ws_;
  std::unique_ptr<engine::Workspace> next_ws_;  // opened in this frame, in use from the next
  UiSettings& settings_;
  std::vector<std::unique_ptr<Panel>> panels_;
  ViewsPanel* views_ = nullptr;  // owned by panels_
  std::size_t current_ = 0;
  bool presentation_ = false;
  bool open_dialog_ = false;
  std::string open_path_;
  FilePicker open_picker_;
  std::string open_error_;
  std::string open_create_;  // a path that does not exist: asking before creating it
  bool shortcuts_ = false;   // F1: the shortcut sheet
  bool fonts_dirty_ = false;
  bool focus_content_ = false;  // Ctrl+N chose a panel: its area takes the keyboard
  StatusNote status_;           // the status bar's message (panel.hpp)
  void say(std::string text, bool error = false);
  std::string doing_;  // what the frame is drawing, for an error's banner
  std::optional<FrameError> error_;
  std::size_t errors_caught_ = 0;
  std::filesystem::path error_log_;
  std::function<void()> wake_;
  std::unique_ptr<TeamLink> team_;  // after ws_: stopped before the workspace goes
};

}  // namespace gb::ui
