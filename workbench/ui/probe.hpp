// What a test needs to drive the window as a person does: where each
// button, selectable, box and child window was drawn in the last frame,
// found by its label. The panels write `ImGui::Button(...)` as usual; inside
// namespace gb::ui that name is the thin wrapper below, which calls Dear
// ImGui's and, only while a probe::Recorder exists (tests), notes the
// item's label, window, rectangle and whether it was enabled. In the window
// nothing is recorded: the cost is one pointer test per item.
#pragma once
#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace gb::ui::probe {

enum class Kind { Button, Selectable, Checkbox, Radio, Combo, Input, Slider, Header, Tab, Child };

struct Item {
  Kind kind = Kind::Button;
  ImGuiID id = 0;                   // ImGui's ID of the item (0 for some children)
  std::string label;                // as given to ImGui, with any ##id
  std::string window;               // the ImGui window it is in ("Governance Workbench/content_1A2B3C4D")
  std::string scope;                // the string and number IDs pushed around it, joined by '/'
  ImVec2 min, max;                  // on screen
  ImVec2 visible_min, visible_max;  // the part inside its window's clip (empty when scrolled away)
  bool enabled = true;
  bool visible() const { return visible_max.x > visible_min.x && visible_max.y > visible_min.y; }
  // The label as shown: up to any "##".
  std::string text() const { return label.substr(0, label.find("##")); }
};

// Records the items of each frame while it exists (one at a time).
class Recorder {
 public:
  Recorder();
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;
  void begin_frame();  // before the frame's widgets
  void end_frame();    // after them: items() is this frame's
  const std::vector<Item>& items() const { return last_; }

  void add(Kind kind, const char* label);
  void push_scope(std::string s) { scope_.push_back(std::move(s)); }
  void pop_scope() {
    if (!scope_.empty()) scope_.pop_back();
  }
  void begin_child(const char* label) { children_.emplace_back(label ? label : "##child"); }
  void end_child();

 private:
  std::vector<Item> building_, last_;
  std::vector<std::string> scope_, children_;
};

// The recorder in use, or null (the window).
inline Recorder*& current() {
  static Recorder* r = nullptr;
  return r;
}

template <class T>
const char* label_of(const T& first) {
  if constexpr (std::is_convertible_v<const T&, const char*>)
    return first;
  else
    return nullptr;
}

}  // namespace gb::ui::probe

// Everything of Dear ImGui, with the item functions noted by the recorder.
namespace gb::ui::ImGui {
using namespace ::ImGui;

#define GB_PROBED_ITEM(name, kind)                                                         \
  template <class First, class... Rest>                                                    \
  inline bool name(First&& first, Rest&&... rest) {                                        \
    const bool r = ::ImGui::name(std::forward<First>(first), std::forward<Rest>(rest)...); \
    if (probe::Recorder* rec = probe::current()) rec->add(kind, probe::label_of(first));   \
    return r;                                                                              \
  }
GB_PROBED_ITEM(Button, probe::Kind::Button)
GB_PROBED_ITEM(SmallButton, probe::Kind::Button)
GB_PROBED_ITEM(InvisibleButton, probe::Kind::Button)
GB_PROBED_ITEM(Selectable, probe::Kind::Selectable)
GB_PROBED_ITEM(Checkbox, probe::Kind::Checkbox)
GB_PROBED_ITEM(RadioButton, probe::Kind::Radio)
GB_PROBED_ITEM(Combo, probe::Kind::Combo)
GB_PROBED_ITEM(InputText, probe::Kind::Input)
GB_PROBED_ITEM(InputTextWithHint, probe::Kind::Input)
GB_PROBED_ITEM(InputTextMultiline, probe::Kind::Input)
GB_PROBED_ITEM(InputInt, probe::Kind::Input)
GB_PROBED_ITEM(SliderFloat, probe::Kind::Slider)
GB_PROBED_ITEM(CollapsingHeader, probe::Kind::Header)
GB_PROBED_ITEM(TreeNode, probe::Kind::Header)
GB_PROBED_ITEM(BeginTabItem, probe::Kind::Tab)
#undef GB_PROBED_ITEM

// An open combo's last item is its popup, not its box: noted only while closed.
template <class... A>
inline bool BeginCombo(const char* label, A&&... a) {
  const bool open = ::ImGui::BeginCombo(label, std::forward<A>(a)...);
  if (probe::Recorder* rec = probe::current(); rec && !open) rec->add(probe::Kind::Combo, label);
  return open;
}

template <class First, class... Rest>
inline bool BeginChild(First&& first, Rest&&... rest) {
  if (probe::Recorder* rec = probe::current()) rec->begin_child(probe::label_of(first));
  return ::ImGui::BeginChild(std::forward<First>(first), std::forward<Rest>(rest)...);
}
inline void EndChild() {
  ::ImGui::EndChild();
  if (probe::Recorder* rec = probe::current()) rec->end_child();
}

inline void PushID(const char* id) {
  ::ImGui::PushID(id);
  if (probe::Recorder* rec = probe::current()) rec->push_scope(id);
}
inline void PushID(const char* begin, const char* end) {
  ::ImGui::PushID(begin, end);
  if (probe::Recorder* rec = probe::current()) rec->push_scope(std::string(begin, end));
}
inline void PushID(const void* id) {
  ::ImGui::PushID(id);
  if (probe::Recorder* rec = probe::current()) rec->push_scope("*");
}
inline void PushID(int id) {
  ::ImGui::PushID(id);
  if (probe::Recorder* rec = probe::current()) rec->push_scope(std::to_string(id));
}
inline void PopID() {
  ::ImGui::PopID();
  if (probe::Recorder* rec = probe::current()) rec->pop_scope();
}

}  // namespace gb::ui::ImGui
