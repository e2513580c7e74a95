// Drives the workbench window headless, as a person does: the real Shell
// (ui/shell_chrome.hpp) on an ImGui context without a renderer or GLFW;
// input only through ImGuiIO (mouse position and buttons, wheel, keys with
// the GLFW key codes the GLFW backend uses, typed characters, window size).
// Items are found by their label in the last frame (ui/probe.hpp).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/probe.hpp"
#include "ui/shell_chrome.hpp"

namespace gbtest::gui {

// An ImGui context as the window has it: the workbench's fonts and theme,
// the GLFW backend's key map, no ini file. One at a time.
class HeadlessImGui {
 public:
  explicit HeadlessImGui(ImVec2 size = ImVec2(1600, 1000));
  ~HeadlessImGui();
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

// Which item: its label (whole, or as shown: up to "##"), and optionally a
// piece of its window's name ("/agenda_"), of its ID scope, and which of
// the matches in drawing order (0 first, -1 last).
struct Find {
  std::string label;
  std::string window;
  std::string scope;
  int nth = 0;
  bool prefix = false;  // the label as shown starts with `label`
};

class Driver {
 public:
  explicit Driver(gb::ui::Shell& shell);

  // Runs frames with the input as it stands, each followed by frames until
  // the pack host has answered what it asked for. Throws if the shell lets
  // an exception out (it must not).
  void frame(int n = 1);
  // Frames until `done` (at most `limit`), pausing 1 ms between them (for
  // work on other threads, such as an export).
  bool frames_until(const std::function<bool()>& done, int limit = 20000);

  const std::vector<gb::ui::probe::Item>& items() const { return recorder_.items(); }
  std::optional<gb::ui::probe::Item> find(const Find& f) const;
  bool has(const Find& f) const { return find(f).has_value(); }
  // As find, but waits a few frames for it to appear (a popup is laid out in
  // its first frames); an item still missing (or disabled, scrolled away)
  // is an error that lists the labels there are.
  gb::ui::probe::Item require(const Find& f);
  std::string describe() const;  // every item of the last frame, one a line

  // A person's actions. Each ends with one frame drawn after it.
  void move(ImVec2 p);
  void click(const Find& f);
  void click_at(ImVec2 p, int button = 0);
  void double_click_at(ImVec2 p);
  void drag(ImVec2 from, ImVec2 to, int steps = 4);
  void wheel(float dy, float dx = 0, std::optional<ImVec2> at = {});
  void key(int glfw_key, bool ctrl = false, bool shift = false);
  void type(std::string_view utf8);
  void resize(float w, float h);
  // Clicks a box, selects what is in it (Ctrl+A) and types `text` over it.
  void fill(const Find& f, std::string_view text);

  int frames() const { return frames_; }

 private:
  void draw_one();
  gb::ui::Shell& shell_;
  gb::ui::probe::Recorder recorder_;
  int frames_ = 0;
};

}  // namespace gbtest::gui
