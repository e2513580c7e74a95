// A review session run end to end with the keyboard alone: no click, no
// pointer. The test finds where things are from the last frame (as a
// person reads the screen) but acts only through keys: Ctrl+4 for the
// Sessions panel, the arrows to move the keyboard's focus, Space to press
// or to enter a framed area, Esc to leave one, Enter and Tab to type in
// boxes, Ctrl+Enter to leave a box of several lines, F11 to present.
#include <imgui_internal.h>

#include <catch2/catch.hpp>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <string>

#include "data/session_model.hpp"
#include "ui/drive_bench.hpp"

using namespace gb;
using gbtest::gui::Bench;
using gbtest::gui::Find;
using gbtest::gui::item;
using gbtest::gui::starting;
using ui::probe::Item;

namespace {

const ImGuiContext& g() {
  return *ImGui::GetCurrentContext();
}

std::string nav_window() {
  return g().NavWindow ? g().NavWindow->Name : "";
}

// The item the keyboard is on, from the last frame.
std::optional<Item> nav_item(Bench& b) {
  for (const Item& it : b.drive->items())
    if (it.id != 0 && it.id == g().NavId) return it;
  return std::nullopt;
}

ImVec2 centre(const Item& it) {
  return ImVec2((it.min.x + it.max.x) / 2, (it.min.y + it.max.y) / 2);
}

// Moves the keyboard's focus onto the item, pressing keys only: into the
// framed areas (child windows) that hold it with Space, out of others with
// Esc, and the arrows towards it. Fails after `limit` keys.
void reach(Bench& b, const Find& f, int limit = 80) {
  for (int keys = 0; keys < limit; ++keys) {
    const Item target = b.drive->require(f);
    const std::string here = nav_window();
    if (target.id != 0 && g().NavId == target.id) return;
    int key = GLFW_KEY_DOWN;
    std::optional<Item> towards;
    if (target.window == here) {
      towards = target;
    } else if (target.window.rfind(here + "/", 0) == 0) {
      // The framed area, in this one, that holds the target.
      for (const Item& it : b.drive->items()) {
        if (it.kind != ui::probe::Kind::Child || it.window != here || it.id == 0) continue;
        const std::string prefix = here + "/" + it.label + "_";
        if (target.window.rfind(prefix, 0) == 0) towards = it;
      }
      REQUIRE(towards);
      if (g().NavId == towards->id) key = GLFW_KEY_SPACE;  // enter it
    } else {
      key = GLFW_KEY_ESCAPE;  // leave this area for the one around it
    }
    if (key != GLFW_KEY_SPACE && key != GLFW_KEY_ESCAPE) {
      const auto at = nav_item(b);
      if (at) {
        const ImVec2 from = centre(*at), to = centre(*towards);
        const bool same_row = towards->min.y < at->max.y && towards->max.y > at->min.y;
        key =
            same_row ? (to.x > from.x ? GLFW_KEY_RIGHT : GLFW_KEY_LEFT) : (to.y > from.y ? GLFW_KEY_DOWN : GLFW_KEY_UP);
      }
    }
    b.drive->key(key);
  }
  FAIL("the keyboard did not reach '" << f.label << "' (on " << nav_window() << ", item "
                                      << (nav_item(b) ? nav_item(b)->label : std::string("none")) << ")");
}

// Reaches a box and types in it: Enter starts typing, Ctrl+A selects what is there.
void type_in(Bench& b, const Find& f, const std::string& text) {
  reach(b, f);
  b.drive->key(GLFW_KEY_ENTER);
  b.drive->key(GLFW_KEY_A, true);
  b.drive->type(text);
}

void press(Bench& b, const Find& f) {
  reach(b, f);
  b.drive->key(GLFW_KEY_SPACE);
  b.drive->frame(2);
}

}  // namespace

TEST_CASE("drive: a review session run with the keyboard alone", "[gui][drive][sessions][keyboard]") {
  Bench b("register");
  b.drive->resize(1280, 720);
  b.drive->key(GLFW_KEY_4, true);  // Ctrl+4: Sessions
  REQUIRE(std::string(b.shell->current_panel()) == "sessions");

  // A new session: the title, then Tab from box to box; Ctrl+Enter leaves
  // the attendees' box (Enter there starts a new line).
  type_in(b, item("##new_title"), "Audit Panel, January");
  b.drive->key(GLFW_KEY_TAB);
  b.drive->type("Audit Panel");
  b.drive->key(GLFW_KEY_TAB);
  b.drive->key(GLFW_KEY_A, true);
  b.drive->type("2022-01-17");
  b.drive->key(GLFW_KEY_TAB);
  b.drive->type("Chair\nVice-chair");
  b.drive->key(GLFW_KEY_ENTER, true);
  press(b, item("Create session"));
  auto sessions = data::list_sessions(b.dbh());
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].title == "Audit Panel, January");
  CHECK(sessions[0].board == "Audit Panel");
  CHECK(sessions[0].held_on == "2022-01-17");
  CHECK(sessions[0].attendees == std::vector<std::string>{"Chair", "Vice-chair"});
  const auto s = sessions[0].id;

  // Two agenda items: open the view list, move down it, pick with Space.
  for (int n = 1; n <= 2; ++n) {
    press(b, item("##add_view"));
    for (int down = 1; down < n; ++down) b.drive->key(GLFW_KEY_DOWN);
    b.drive->key(GLFW_KEY_SPACE);
    b.drive->frame(2);
    press(b, item("Add to agenda"));
    REQUIRE(data::agenda(b.dbh(), s).size() == static_cast<std::size_t>(n));
  }
  const auto agenda = data::agenda(b.dbh(), s);
  CHECK(agenda[0].view_id != agenda[1].view_id);

  // A decision on the first item: add one, type it.
  press(b, starting("1. ", "/agenda_"));
  press(b, item("Add decision"));
  type_in(b, item("##t"), "The register is noted");
  b.drive->key(GLFW_KEY_ENTER, true);
  b.drive->frame(2);
  const auto records = data::item_records(b.dbh(), agenda[0].id);
  REQUIRE(records.size() == 1);
  CHECK(records[0].kind == data::RecordKind::Decision);
  CHECK(records[0].text == "The register is noted");

  // Present it: F11, the next item, back, and Esc.
  b.drive->key(GLFW_KEY_F11);
  b.drive->frame(2);
  REQUIRE(b.shell->presenting());
  b.drive->key(GLFW_KEY_RIGHT);
  b.drive->frame(2);
  CHECK(data::snapshot(b.dbh(), agenda[1].id));
  b.drive->key(GLFW_KEY_ESCAPE);
  CHECK_FALSE(b.shell->presenting());
  b.no_frame_errors();
}
