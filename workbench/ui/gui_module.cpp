// The window's module's entry point (ui/gui_module.hpp): built into
// libgovbench_gui.so only, with the window linked in.
#include "ui/gui_module.hpp"

#include <type_traits>

extern "C" __attribute__((visibility("default"))) void govbench_gui_run_shell(const gb::ui::ShellOptions& options,
                                                                              int& exit_code,
                                                                              std::exception_ptr& error) noexcept {
  try {
    exit_code = gb::ui::run_shell(options);
  } catch (...) {
    error = std::current_exception();
  }
}

// The executable calls it through this type.
static_assert(std::is_same_v<decltype(govbench_gui_run_shell), gb::ui::GuiRunShell>);
