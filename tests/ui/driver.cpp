#include "ui/driver.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "ui/theme.hpp"

namespace gbtest::gui {

using gb::ui::probe::Item;

HeadlessImGui::HeadlessImGui(ImVec2 size) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60.0f;
  // As imgui_impl_glfw.cpp (1.86) maps them: the shell checks GLFW key codes.
  io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
  io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
  io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
  io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
  io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
  io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
  io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
  io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
  io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
  io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
  io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
  io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
  io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
  io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
  io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
  io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
  io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
  io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
  io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
  io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
  io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
  gb::ui::load_fonts(1.0f);
  unsigned char* px = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  gb::ui::apply_theme(gb::ui::Theme::Light);
}

HeadlessImGui::~HeadlessImGui() {
  ImGui::DestroyContext();
}

Driver::Driver(gb::ui::Shell& shell) : shell_(shell) {}

void Driver::draw_one() {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  recorder_.begin_frame();
  shell_.frame(false);
  recorder_.end_frame();
  ImGui::Render();
  ++frames_;
}

void Driver::frame(int n) {
  for (int i = 0; i < n; ++i) {
    draw_one();
    // A person sees the pack host's answers a few frames later; a test acts
    // on them, so wait for what the frame asked for and draw again (the
    // answers can ask for more: a risk's detail once the register is in).
    for (int rounds = 0; shell_.workspace().busy() && rounds < 50; ++rounds) {
      shell_.workspace().wait_idle(std::chrono::seconds(60));
      draw_one();
    }
  }
}

bool Driver::frames_until(const std::function<bool()>& done, int limit) {
  for (int i = 0; i < limit; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    frame();
  }
  return done();
}

std::optional<Item> Driver::find(const Find& f) const {
  std::vector<const Item*> hits;
  for (const auto& it : items()) {
    const std::string shown = it.text();
    const bool label_ok = f.prefix ? shown.rfind(f.label, 0) == 0 : (it.label == f.label || shown == f.label);
    if (!label_ok) continue;
    if (!f.window.empty() && it.window.find(f.window) == std::string::npos) continue;
    if (!f.scope.empty() && it.scope.find(f.scope) == std::string::npos) continue;
    hits.push_back(&it);
  }
  const int n = static_cast<int>(hits.size());
  const int k = f.nth < 0 ? n + f.nth : f.nth;
  if (k < 0 || k >= n) return std::nullopt;
  return *hits[static_cast<std::size_t>(k)];
}

std::string Driver::describe() const {
  std::string out;
  for (const auto& it : items())
    out += "  '" + it.label + "' in " + it.window + (it.scope.empty() ? "" : " scope " + it.scope) +
           (it.enabled ? "" : " (disabled)") + (it.visible() ? "" : " (hidden)") + "\n";
  return out;
}

Item Driver::require(const Find& f) {
  // A window that appears (a popup, a modal) is laid out in its first frames: wait for it, as an eye does.
  auto it = find(f);
  for (int i = 0; i < 4 && (!it || !it->visible() || !it->enabled); ++i) {
    frame();
    it = find(f);
  }
  std::string caught;
  if (const auto& e = shell_.frame_error())
    caught = "\n(the shell caught an error while " + e->where + ": " + e->message + ")";
  if (!it)
    throw std::runtime_error("no item '" + f.label + "' (window '" + f.window + "', scope '" + f.scope + "', #" +
                             std::to_string(f.nth) + ") in the last frame" + caught + "; there are:\n" + describe());
  if (!it->visible()) throw std::runtime_error("item '" + f.label + "' is scrolled out of sight");
  if (!it->enabled) throw std::runtime_error("item '" + f.label + "' is disabled");
  return *it;
}

void Driver::move(ImVec2 p) {
  ImGui::GetIO().MousePos = p;
  frame();
}

void Driver::click_at(ImVec2 p, int button) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = p;
  frame();  // hover first, as a hand does
  io.MouseDown[button] = true;
  frame();
  io.MouseDown[button] = false;
  frame();
  frame();  // what the click did, drawn
}

void Driver::double_click_at(ImVec2 p) {
  click_at(p);
  ImGuiIO& io = ImGui::GetIO();
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
}

void Driver::click(const Find& f) {
  // Aim, look again, and aim again while the item still moves (a popup
  // takes its place in its first frames); then press and release.
  auto centre = [](const Item& it) {
    return ImVec2((it.visible_min.x + it.visible_max.x) / 2, (it.visible_min.y + it.visible_max.y) / 2);
  };
  ImVec2 at = centre(require(f));
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < 6; ++i) {
    io.MousePos = at;
    frame();
    const ImVec2 now = centre(require(f));
    if (now.x == at.x && now.y == at.y) break;
    at = now;
  }
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
  frame();  // what the click did, drawn
}

void Driver::drag(ImVec2 from, ImVec2 to, int steps) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = from;
  frame();
  io.MouseDown[0] = true;
  frame();
  for (int i = 1; i <= steps; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(steps);
    io.MousePos = ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    frame();
  }
  io.MouseDown[0] = false;
  frame();
}

void Driver::wheel(float dy, float dx, std::optional<ImVec2> at) {
  ImGuiIO& io = ImGui::GetIO();
  if (at) io.MousePos = *at;
  io.MouseWheel = dy;
  io.MouseWheelH = dx;
  frame();
}

void Driver::key(int glfw_key, bool ctrl, bool shift) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.KeysDown[glfw_key] = true;
  frame();
  io.KeysDown[glfw_key] = false;
  io.KeyCtrl = false;
  io.KeyShift = false;
  frame();
}

void Driver::type(std::string_view utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(std::string(utf8).c_str());
  frame();
}

void Driver::resize(float w, float h) {
  ImGui::GetIO().DisplaySize = ImVec2(w, h);
  frame();
}

void Driver::fill(const Find& f, std::string_view text) {
  click(f);
  key(GLFW_KEY_A, true);
  type(text);
}

}  // namespace gbtest::gui
