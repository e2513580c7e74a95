#include "ui/ui_settings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace gb::ui {

void UiSettings::add_recent(const std::string& path) {
  recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
  recent.insert(recent.begin(), path);
  if (recent.size() > 8) recent.resize(8);
}

std::filesystem::path ui_settings_path() {
  std::filesystem::path base;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::filesystem::path(h) / ".config";
  else
    base = ".";
  return base / "govbench" / "workbench.ini";
}

UiSettings load_ui_settings(const std::filesystem::path& path) {
  UiSettings s;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find(" = ");
    if (eq == std::string::npos || line.empty() || line[0] == '#') continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 3);
    try {
      if (key == "width")
        s.width = std::clamp(std::stoi(value), 640, 7680);
      else if (key == "height")
        s.height = std::clamp(std::stoi(value), 400, 4320);
      else if (key == "panel")
        s.panel = value;
      else if (key == "theme")
        s.dark = value == "dark";
      else if (key == "zoom" && std::isfinite(std::stof(value)))
        s.zoom = std::clamp(std::stof(value), UiSettings::kMinZoom, UiSettings::kMaxZoom);
      else if (key == "recent" && s.recent.size() < 8)
        s.recent.push_back(value);
      else if (key.starts_with("split.") && key.size() > 6 && key.size() < 64 && s.splits.size() < 32 &&
               std::isfinite(std::stof(value)))
        s.splits[key.substr(6)] = std::clamp(std::stof(value), 2.0f, 400.0f);
    } catch (const std::exception&) {
      // A malformed number: keep the default.
    }
  }
  return s;
}

bool save_ui_settings(const UiSettings& s, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    out << "# Governance Workbench window state (rewritten on exit)\n";
    out << "width = " << s.width << "\nheight = " << s.height << "\npanel = " << s.panel << "\n";
    out << "theme = " << (s.dark ? "dark" : "light") << "\n";
    out << "zoom = " << s.zoom << "\n";
    for (const auto& r : s.recent) out << "recent = " << r << "\n";
    for (const auto& [name, em] : s.splits) out << "split." << name << " = " << em << "\n";
    if (!out) return false;
  }
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace gb::ui
