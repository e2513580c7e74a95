// The desktop workbench window. Only this folder (and the GUI entry point)
// includes ImGui.
#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace gb::ui {

struct ShellOptions {
  std::string database;
  std::vector<std::string> pack_dirs;
  std::string panel;       // register, indicators, views, data, packs, console
  std::string view;        // a view to open in the Views panel
  long long risk = 0;      // a risk (register ref) whose detail to open
  std::string screenshot;  // when set: render, write this PNG, exit
  int width = 0;           // 0: the remembered size
  int height = 0;
  bool dark = false;       // screenshots: the dark theme
  // Benchmarks (cold start): after the first frame is on screen, print
  // "first frame: N ms after start" (N counted from `started`) and exit.
  bool first_frame_exit = false;
  std::chrono::steady_clock::time_point started;
};

// The panel ids, in navigation order.
const std::vector<std::string>& panel_ids();

// Runs the window until it is closed (or, for a screenshot, until the image
// is written). Returns a process exit code.
int run_shell(const ShellOptions& options);

}  // namespace gb::ui
