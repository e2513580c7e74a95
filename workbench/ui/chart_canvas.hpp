// The canvas the charts draw on (charts.cpp, heat_map.cpp): a chart's
// rectangle reserved as an InvisibleButton, clipped, with the few measuring
// helpers every chart uses. Internal to workbench/ui.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/probe.hpp"
#include "ui/theme.hpp"  // ImGui:: items noted for tests (probe.hpp)

namespace gb::ui::charts::detail {

inline constexpr float kPad = 4.0f;

struct Box {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
  ImVec2 min() const { return {x0, y0}; }
  ImVec2 max() const { return {x1, y1}; }
  bool contains(ImVec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

inline float text_w(const std::string& s) {
  return ImGui::CalcTextSize(s.c_str(), s.c_str() + s.size()).x;
}

// A width <= 0 (or NaN) means "the available width", as for ImGui widgets.
inline ImVec2 resolve_size(ImVec2 size, float default_h) {
  const float w = size.x > 0 ? size.x : std::max(ImGui::GetContentRegionAvail().x, 32.0f);
  return {w, size.y > 0 ? size.y : std::max(default_h, 16.0f)};
}

// The chart's rectangle, reserved as an InvisibleButton, and what drawing in
// it needs. Drawing is clipped to it so long labels never spill over
// neighbouring widgets.
struct Canvas {
  Box box;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool pressed = false;  // released over the chart after a press on it
  bool hovered = false, visible = false;
  float line_h = ImGui::GetTextLineHeight();
  ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  Canvas(const char* id, ImVec2 size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    pressed = ImGui::InvisibleButton(id != nullptr && *id != 0 ? id : "##chart", size);
    hovered = ImGui::IsItemHovered();
    visible = ImGui::IsItemVisible();
    box = {p.x, p.y, p.x + size.x, p.y + size.y};
    dl->PushClipRect(box.min(), box.max(), true);
  }
  ~Canvas() { dl->PopClipRect(); }
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  Canvas(Canvas&&) = delete;
  Canvas& operator=(Canvas&&) = delete;

  ImU32 faint(float alpha) const { return ImGui::GetColorU32(ImGuiCol_Text, alpha); }
  void text(ImVec2 p, ImU32 col, const std::string& s) const { dl->AddText(p, col, s.c_str(), s.c_str() + s.size()); }
  void text_centred(const Box& b, ImU32 col, const std::string& s) const {
    text({b.x0 + (b.w() - text_w(s)) * 0.5f, b.y0 + (b.h() - line_h) * 0.5f}, col, s);
  }
  void no_data() const { text_centred(box, muted, text_w("no data") <= box.w() ? "no data" : "-"); }
};

inline ImU32 with_alpha(ImU32 c, float a) {
  const auto alpha = static_cast<ImU32>(std::lround(std::clamp(a, 0.0f, 1.0f) * 255.0f));
  return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

using gb::ui::fit_text;  // theme.hpp: the longest prefix that fits, with an ellipsis

}  // namespace gb::ui::charts::detail
