// Output to a terminal shows data, never acts on it: while stdout or stderr
// is a terminal, everything written through std::cout / std::cerr passes
// through core's TerminalEscaper, so an ESC sequence, CR or BEL stored in a
// risk title, a CSV cell or a pack's message is shown as "\x1B", "\x0D"...
// instead of recolouring, rewriting or retitling the user's terminal.
// Redirected output (a file, a pipe) is written byte for byte.
//
// The program's own terminal control (the progress bar, the watch loop's
// clear-screen) goes through terminal_control(), which bypasses the filter.
#pragma once
#include <string_view>

namespace gb::app {

// Installs the filter on std::cout and std::cerr for those that are
// terminals; returns when done. Call once, at start-up.
void escape_terminal_output();

// Writes the program's own control sequence to stdout (after flushing
// std::cout, so that the order is kept).
void terminal_control(std::string_view sequence);

}  // namespace gb::app
