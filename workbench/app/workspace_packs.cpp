#include "app/workspace_packs.hpp"

#include <filesystem>
#include <iostream>

#include "core/error.hpp"

namespace gb::app {

void add_workspace_packs(script::PackSet& set, const std::vector<std::string>& extra_dirs, bool include_bundled) {
  std::error_code ec;
  if (include_bundled) {
    const auto bundled = script::bundled_packs_dir();
    if (std::filesystem::is_directory(bundled, ec)) set.add_source(bundled, "bundled");
  }
  const auto user = script::user_packs_dir();
  if (std::filesystem::is_directory(user, ec)) set.add_source(user, "installed");
  for (const auto& d : extra_dirs) {
    if (!std::filesystem::is_directory(d, ec)) throw Error("--packs " + d + ": no such folder");
    set.add_source(d, "--packs");
  }
}

void print_console_message(const script::ConsoleMessage& m) {
  if (m.level != script::ConsoleMessage::Level::Print) return;  // problems are reported by the command
  std::cerr << "pack " << m.pack << ": ";
  if (!m.file.empty()) std::cerr << m.file << ":" << m.line << ": ";
  std::cerr << m.text << "\n";
}

}  // namespace gb::app
