// A panel of the main window. The shell owns the window chrome (navigation,
// status bar, shortcuts); a panel draws only its content and keeps its state
// in members. A new panel is one class and one line in shell.cpp.
#pragma once
#include <cstdint>
#include <string>

#include "engine/workspace.hpp"
#include "ui/splitter.hpp"

namespace gb::ui {

class TeamLink;  // team_link.hpp

// What the latest action did, in the status bar: one fixed line that never
// moves the layout. It goes when it is no longer true (the next edit, an
// undo included) or when another panel is shown.
struct StatusNote {
  std::string text;
  bool error = false;
  std::uint64_t edits = 0;  // the workspace's edit_generation() it was true at
  bool undoable = false;    // the bar offers Undo (the edit history's, as Ctrl+Z)
};

struct PanelContext {
  engine::Workspace& workspace;
  StatusNote* status = nullptr;  // the shell's status bar; null in tests that draw a panel alone
  // Says `text` in the status bar (in red ink when `error`).
  void say(std::string text, bool error = false) {
    if (status) *status = StatusNote{std::move(text), error, workspace.edit_generation(), false};
  }
  // Says what an edit just did, with an Undo button beside it.
  void say_undoable(std::string text) {
    if (status) *status = StatusNote{std::move(text), false, workspace.edit_generation(), true};
  }
  bool presentation = false;          // F11: larger type, no navigation
  bool focus_filter = false;          // Ctrl+F was pressed this frame
  bool undo = false;                  // Ctrl+Z was pressed this frame
  bool request_presentation = false;  // set by a panel: the shell enters presentation mode
  TeamLink* team = nullptr;           // the link to the team's hub; null unless the database is a replica
  Splits* splits = nullptr;           // splitters' remembered widths (UiSettings); null when drawn alone
};

class Panel {
 public:
  virtual ~Panel() = default;
  virtual const char* id() const = 0;     // "register", for --panel and settings
  virtual const char* title() const = 0;  // "Register", in the navigation
  virtual void draw(PanelContext& ctx) = 0;
  // Optional: a count shown beside the title in the navigation (errors).
  virtual int badge(engine::Workspace&) { return 0; }
};

}  // namespace gb::ui
