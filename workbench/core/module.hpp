// The workbench's own shared modules: the parts that draw (the window, in
// libgovbench_gui.so; PDF with cairo, pango and librsvg, in
// libgovbench_draw.so) are loaded by the command line only when a command
// draws, so that the commands that draw nothing never load those libraries
// (about 60 of them, which cost more than a small import's whole work).
//
// A module lies beside the running executable (a build folder), or in
// ../lib/govbench beside it (an installed layout: bin/govbench,
// lib/govbench/libgovbench_*.so). It is loaded once per process, on first
// use, and never unloaded. Each module has its own copy of the libraries it
// links (nothing of it is exported but its entry points), so what crosses
// the boundary is plain data and the calls its header names.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

// The folders a module is looked for in, in order: the running executable's
// folder, then lib/govbench beside that folder.
std::vector<std::filesystem::path> module_dirs();

// The address of `symbol` in the module `file_name` ("libgovbench_draw.so"),
// loading the module first if this process has not. `what` says what the
// module is for ("the drawing module (PDF)"). Throws gb::Error naming the
// file: where it was looked for when it is in none of module_dirs(), or the
// loader's reason when it is there but does not load or lacks the symbol.
void* module_symbol(const std::string& file_name, const char* symbol, const std::string& what);

}  // namespace gb
