// The desktop workbench window. Only this folder (and the GUI entry point)
// includes ImGui.
#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace gb::ui {

struct ShellOptions {
  std::string database;
  std::vector<std::string> pack_dirs;
  std::string panel;       // register, indicators, views, data, packs, console
  std::string view;        // a view to open in the Views panel
  std::string table;       // a table whose columns to show in the Data panel
  long long risk = 0;      // a risk (register ref) whose detail to open
  std::string pack;        // a pack whose details to open in the Packs panel
  std::string install;     // a bundle or folder to check in the Packs panel's install box
  std::string scenario;    // a what-if scenario to open under (by name)
  std::string screenshot;  // when set: render, write this PNG, exit
  int width = 0;           // 0: the remembered size
  int height = 0;
  bool dark = false;          // screenshots: the dark theme
  long long session = 0;      // a review session to open in the Sessions panel
  int item = 0;               // its agenda item (1-based) to select or present
  bool present = false;       // start in presentation mode
  std::string export_format;  // open the Views panel's Export dialog with this format (html, pdf, csv, json)
  std::string export_path;    // ...fill in this path and press Export (a screenshot waits for the outcome)
  std::vector<std::string> console_inputs;  // run these in the Console panel's scratch console at start
  // Benchmarks (cold start): after the first frame is on screen, print
  // "first frame: N ms after start" (N counted from `started`) and exit.
  bool first_frame_exit = false;
  std::chrono::steady_clock::time_point started;
  // Wakes the window's event loop from another thread (team mode's link to
  // the hub posts what arrived); may be empty (tests).
  std::function<void()> wake;
};

// The panel ids, in navigation order (register, indicators, views,
// sessions, data, packs, console, conflicts). Here, not with the panels, so
// that the command line checks `screenshot --panel` before it loads the
// window's module.
inline const std::vector<std::string>& panel_ids() {
  static const std::vector<std::string> ids = {"register", "indicators", "views",   "sessions",
                                               "data",     "packs",      "console", "conflicts"};
  return ids;
}

// Runs the window until it is closed (or, for a screenshot, until the image
// is written). Returns a process exit code. The govbench executable's
// run_shell loads the window's module (gui_module.hpp) and runs it there.
int run_shell(const ShellOptions& options);

}  // namespace gb::ui
