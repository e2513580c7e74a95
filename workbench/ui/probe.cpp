#include "ui/probe.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace gb::ui::probe {

Recorder::Recorder() {
  current() = this;
}

Recorder::~Recorder() {
  if (current() == this) current() = nullptr;
}

void Recorder::begin_frame() {
  building_.clear();
  scope_.clear();  // a frame that ended in an exception left its scopes open
  children_.clear();
}

void Recorder::end_frame() {
  last_.swap(building_);
}

void Recorder::add(Kind kind, const char* label) {
  const ImGuiContext& g = *::ImGui::GetCurrentContext();
  const ImGuiWindow* w = g.CurrentWindow;
  Item it;
  it.kind = kind;
  it.id = g.LastItemData.ID;
  it.label = label ? label : "";
  it.window = w && w->Name ? w->Name : "";
  for (const auto& s : scope_) it.scope += (it.scope.empty() ? "" : "/") + s;
  it.min = g.LastItemData.Rect.Min;
  it.max = g.LastItemData.Rect.Max;
  ImRect clip = w ? w->ClipRect : ImRect();
  clip.ClipWithFull(g.LastItemData.Rect);
  it.visible_min = clip.Min;
  it.visible_max = clip.Max;
  it.enabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0;
  building_.push_back(std::move(it));
}

void Recorder::end_child() {
  if (children_.empty()) return;
  const std::string label = std::move(children_.back());
  children_.pop_back();
  add(Kind::Child, label.c_str());
}

}  // namespace gb::ui::probe
