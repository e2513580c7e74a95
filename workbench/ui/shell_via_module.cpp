// run_shell (ui/shell.hpp) for the govbench executable, which does not link
// ImGui, GLFW or OpenGL: the window runs in its module (ui/gui_module.hpp),
// loaded here, when the window opens. No ImGui in this file.
#include "core/module.hpp"
#include "ui/gui_module.hpp"

namespace gb::ui {

int run_shell(const ShellOptions& options) {
  auto* run = reinterpret_cast<GuiRunShell*>(
      module_symbol(GOVBENCH_GUI_MODULE, kGuiRunShell, "the window's module (ImGui, GLFW, OpenGL)"));
  int exit_code = 1;
  std::exception_ptr error;
  run(options, exit_code, error);
  if (error) std::rethrow_exception(error);
  return exit_code;
}

}  // namespace gb::ui
