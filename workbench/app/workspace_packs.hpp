// The packs every command that runs packs uses: the bundled packs, the
// user's installed packs, and each --packs folder.
#pragma once
#include <string>
#include <vector>

#include "script/pack_set.hpp"

namespace gb::app {

// Adds the standard sources to `set` (it is not loaded yet).
void add_workspace_packs(script::PackSet& set, const std::vector<std::string>& extra_dirs, bool include_bundled = true);

// Prints console output of packs to stderr as "pack X: file:line: text".
void print_console_message(const script::ConsoleMessage& m);

}  // namespace gb::app
