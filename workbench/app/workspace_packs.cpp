#include "app/workspace_packs.hpp"

#include <filesystem>
#include <iostream>

#include "core/error.hpp"

namespace gb::app {

void add_workspace_packs(script::PackSet& set, const std::vector<std::string>& extra_dirs, bool include_bundled) {
  set.add_standard_sources(extra_dirs, include_bundled);
}

void print_console_message(const script::ConsoleMessage& m) {
  if (m.level != script::ConsoleMessage::Level::Print) return;  // problems are reported by the command
  std::cerr << "pack " << m.pack << ": ";
  if (!m.file.empty()) std::cerr << m.file << ":" << m.line << ": ";
  std::cerr << m.text << "\n";
}

}  // namespace gb::app
