// The window's module, libgovbench_gui.so: ImGui, GLFW and OpenGL, which the
// govbench executable does not link. Its run_shell (shell.hpp, from
// shell_via_module.cpp) loads the module when the window opens or a
// screenshot is taken (core/module.hpp) and calls its one entry point,
// below; the tests and benchmarks that drive the window link it instead.
// The module's own PDF export loads the drawing module in turn
// (export/draw_module.hpp), when a paper is exported as PDF.
#pragma once
#include <exception>

#include "ui/shell.hpp"

namespace gb::ui {

// The entry point: runs the window as run_shell does, leaving its exit code
// in `exit_code`, or what run_shell would throw in `error`.
inline constexpr const char* kGuiRunShell = "govbench_gui_run_shell";
using GuiRunShell = void(const ShellOptions& options, int& exit_code, std::exception_ptr& error) noexcept;

}  // namespace gb::ui
