#include "ui/splitter.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)

namespace gb::ui {

namespace {

// Widths dragged in a panel drawn without settings (tests, screenshots).
Splits& this_run() {
  static Splits s;
  return s;
}

Splits& store(Splits* splits) {
  return splits ? *splits : this_run();
}

}  // namespace

float split_width(const Splits* splits, const std::string& name, float default_em, float min_em, float max_fraction) {
  const Splits& s = splits ? *splits : this_run();
  const auto it = s.find(name);
  const float em = ImGui::GetFontSize();
  const float room = ImGui::GetContentRegionAvail().x;
  const float want = (it != s.end() ? it->second : default_em) * em;
  return std::max(min_em * em, std::min(want, room * max_fraction));
}

void splitter(Splits* splits, const std::string& name, float default_em, float min_em, float max_fraction) {
  const float em = ImGui::GetFontSize();
  const float bar = std::max(4.0f, em * 0.4f);
  const float h = std::max(ImGui::GetContentRegionAvail().y, 1.0f);
  // The room the left area shares with this bar and the right one.
  const float room = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
  ImGui::InvisibleButton(("##split_" + name).c_str(), ImVec2(bar, h));
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (hot) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::SetTooltip("Drag to resize; double-click for the usual width");
  }
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const float x = (a.x + b.x) / 2;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x, a.y), ImVec2(x, b.y),
                                      ImGui::GetColorU32(hot ? ImGuiCol_SeparatorActive : ImGuiCol_Separator),
                                      hot ? 2.0f : 1.0f);
  Splits& s = store(splits);
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
    s.erase(name);
  } else if (ImGui::IsItemActive() && ImGui::GetIO().MouseDelta.x != 0) {
    const auto it = s.find(name);
    const float now = it != s.end() ? it->second : default_em;
    const float max_em = std::max(min_em, room * max_fraction / em);
    s[name] = std::clamp(now + ImGui::GetIO().MouseDelta.x / em, min_em, max_em);
  }
}

}  // namespace gb::ui
