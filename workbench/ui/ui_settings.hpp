// What the workbench remembers between runs (window size, the open panel,
// the theme, recent databases), in $XDG_CONFIG_HOME/govbench/workbench.ini
// (default ~/.config/govbench/workbench.ini). Plain key = value lines;
// unknown or malformed lines are ignored, so a damaged file never stops
// the workbench from starting.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gb::ui {

struct UiSettings {
  int width = 1400;
  int height = 900;
  std::string panel = "register";
  bool dark = false;
  float zoom = 1.0f;                // Ctrl +/-: the whole window's type and spacing, 60% to 250%
  std::vector<std::string> recent;  // most recent first, at most 8
  // Splitters' widths in font sizes, by name ("sessions.list"): split.NAME = 16.5
  std::map<std::string, float> splits;

  void add_recent(const std::string& path);
  static constexpr float kMinZoom = 0.6f, kMaxZoom = 2.5f;
};

std::filesystem::path ui_settings_path();
UiSettings load_ui_settings(const std::filesystem::path& path);
// Written to a temporary file and renamed, so a crash never leaves half a file.
bool save_ui_settings(const UiSettings& s, const std::filesystem::path& path);

}  // namespace gb::ui
