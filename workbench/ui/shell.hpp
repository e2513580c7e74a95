// The desktop workbench window. Only this folder (and the GUI entry point)
// includes ImGui.
#pragma once
#include <string>
#include <vector>

namespace gb::ui {

struct ShellOptions {
  std::string database;
  std::vector<std::string> pack_dirs;
  std::string view;        // panel or view to show first
  std::string screenshot;  // when set: render, write this PNG, exit
  int width = 1280;
  int height = 800;
};

// Runs the window until it is closed (or, for a screenshot, until the image
// is written). Returns a process exit code.
int run_shell(const ShellOptions& options);

}  // namespace gb::ui
