// The window as a projector shows it: every panel, every bundled view and
// presentation mode at 1280x720 and 1920x1080, in the light and the dark
// theme, with no text cut by its clip rectangle (ui/cut_text.hpp) and the
// RAG colours drawn as far apart as the palette promises (core/palette.hpp). Text too
// long for its place is wrapped or ends in an ellipsis with the whole text
// on hover (ui/theme.hpp: fit_text, text_fitted); text boxes scroll their
// contents and are left out.
#include <imgui_internal.h>

#include <catch2/catch.hpp>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/palette.hpp"
#include "ui/cut_text.hpp"
#include "ui/drive_bench.hpp"
#include "ui/panels.hpp"
#include "ui/theme.hpp"

using namespace gb;
using gbtest::gui::Bench;
using gbtest::gui::Find;
using gbtest::gui::item;
using gbtest::gui::starting;

namespace {

// The cut lines of the last frame, each said with where it was drawn.
std::vector<std::string> cut_lines(Bench& b, const std::string& where) {
  std::vector<ImVec4> boxes;
  for (const auto& it : b.drive->items())
    if (it.kind == ui::probe::Kind::Input) boxes.emplace_back(it.min.x, it.min.y, it.max.x, it.max.y);
  // Areas that scroll sideways (a register wider than the panel) show part
  // of their text by design, with a scroll bar.
  std::vector<ImVec4> sideways;
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (w->WasActive && w->ScrollMax.x > 0)
      sideways.emplace_back(w->InnerClipRect.Min.x, w->InnerClipRect.Min.y, w->InnerClipRect.Max.x,
                            w->InnerClipRect.Max.y);
  std::vector<std::string> out;
  for (const ui::CutText& c : ui::find_cut_text(*ImGui::GetDrawData(), boxes, sideways)) {
    std::ostringstream s;
    s << where << ": \"" << c.line << "\" cut at x=" << c.at.x << " y=" << c.at.y << " (clip x " << c.clip.x << " to "
      << c.clip.z << ")";
    out.push_back(s.str());
  }
  return out;
}

Rgb rgb_of(ImU32 c) {
  return {static_cast<std::uint8_t>(c >> IM_COL32_R_SHIFT), static_cast<std::uint8_t>(c >> IM_COL32_G_SHIFT),
          static_cast<std::uint8_t>(c >> IM_COL32_B_SHIFT)};
}

constexpr Rag kBands[] = {Rag::Red, Rag::Amber, Rag::Green, Rag::Blue};
constexpr double kSameBand = 15;  // ΔE76: a colour this near a band's is taken for it
constexpr double kApart = 30;     // ΔE76: two bands' colours at least this far apart

// The RAG colours of the last frame, held to the palette's promise: every
// fill or text colour near a band's counts as that band's; two bands' drawn
// closer than kApart, or band text under 4.5:1 on the theme's background,
// is a problem.
std::vector<std::string> rag_problems(ui::Theme theme, const std::string& where) {
  const PaletteTheme pt = theme == ui::Theme::Dark ? PaletteTheme::Dark : PaletteTheme::Light;
  const ui::DrawnColours drawn = ui::drawn_colours(*ImGui::GetDrawData());
  std::vector<std::string> out;
  const auto check = [&](const std::vector<ImU32>& colours, bool text) {
    std::vector<std::pair<Rag, Rgb>> banded;
    for (ImU32 c : colours) {
      const Rgb rgb = rgb_of(c);
      for (Rag r : kBands)
        if (delta_e76(rgb, text ? rag_ink(r, pt) : rag_fill(r)) < kSameBand) banded.emplace_back(r, rgb);
    }
    for (std::size_t i = 0; i < banded.size(); ++i) {
      for (std::size_t j = i + 1; j < banded.size(); ++j) {
        const double de = delta_e76(banded[i].second, banded[j].second);
        if (banded[i].first != banded[j].first && de < kApart)
          out.push_back(where + ": " + (text ? "text " : "fill ") + hex(banded[i].second) + " (" +
                        rag_name(banded[i].first) + ") and " + hex(banded[j].second) + " (" +
                        rag_name(banded[j].first) + ") are only " + std::to_string(de) + " apart");
      }
      if (text && contrast_ratio(banded[i].second, theme_background(pt)) < 4.5)
        out.push_back(where + ": " + rag_name(banded[i].first) + " text " + hex(banded[i].second) + " is under 4.5:1");
    }
  };
  check(drawn.fills, false);
  check(drawn.text, true);
  return out;
}

void look(Bench& b, ui::Theme theme, const std::string& where, std::vector<std::string>& found) {
  b.drive->move(ImVec2(2, 2));  // no tooltip under the pointer
  b.drive->frame(3);
  const auto lines = cut_lines(b, where);
  found.insert(found.end(), lines.begin(), lines.end());
  const auto rag = rag_problems(theme, where);
  found.insert(found.end(), rag.begin(), rag.end());
}

void every_part_of_the_window(float w, float h, ui::Theme theme) {
  Bench b("register");
  const std::string size = std::to_string(static_cast<int>(w)) + "x" + std::to_string(static_cast<int>(h));
  const std::string at = size + (theme == ui::Theme::Dark ? " dark" : " light");
  gbtest::gui::session_with_agenda(b, 2);
  b.drive->resize(w, h);
  ui::apply_theme(theme);
  b.drive->frame(3);

  std::vector<std::string> found;
  for (const char* panel : {"Register", "Indicators", "Views", "Sessions", "Data", "Packs", "Console"}) {
    b.go(panel);
    look(b, theme, std::string(panel) + " " + at, found);
  }
  b.go("Views");
  auto* views = dynamic_cast<ui::ViewsPanel*>(b.shell->panel("views"));
  REQUIRE(views);
  for (const auto& v : b.ws().packs().views()) {
    views->open(v.def->id);
    b.drive->frame(3);
    look(b, theme, "view " + v.def->id + " " + at, found);
  }
  // Presenting the session's first item, then its second.
  b.go("Sessions");
  b.drive->click(starting("1. ", "/agenda_"));
  b.drive->key(GLFW_KEY_F11);
  REQUIRE(b.shell->presenting());
  look(b, theme, "presenting item 1 " + at, found);
  b.drive->key(GLFW_KEY_RIGHT);
  look(b, theme, "presenting item 2 " + at, found);
  b.drive->key(GLFW_KEY_ESCAPE);
  b.no_frame_errors();

  std::string all;
  for (const auto& f : found) all += f + "\n";
  INFO(all);
  CHECK(found.empty());
}

}  // namespace

TEST_CASE("layout: the cut-text finder sees a label cut by its button or its column and not a fitted one",
          "[gui][layout]") {
  gbtest::gui::HeadlessImGui imgui(ImVec2(800, 600));
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(800, 600));
  ImGui::Begin("layout", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::Button("Confidence gap: Black minus White##a", ImVec2(90, 0));
  ImGui::BeginChild("narrow", ImVec2(120, 60));
  ImGui::TextUnformatted("CRIME PREVENTION AND REDUCTION");
  ImGui::EndChild();
  const std::string fitted = ui::fit_text("Confidence gap: Black minus White", 90);
  ImGui::TextUnformatted(fitted.c_str());
  ImGui::BeginChild("tall", ImVec2(300, 40));  // lines below the child's foot are scrolled away, not cut
  for (int i = 0; i < 8; ++i) ImGui::Text("line %d of a list that scrolls", i);
  ImGui::EndChild();
  ImGui::End();
  ImGui::Render();
  const auto cuts = ui::find_cut_text(*ImGui::GetDrawData());
  REQUIRE(cuts.size() == 2);
  CHECK(cuts[0].line.rfind("Confidence", 0) == 0);
  CHECK(cuts[1].line.rfind("CRIME", 0) == 0);
  CHECK(fitted.size() < std::string("Confidence gap: Black minus White").size());
}

TEST_CASE("layout: nothing is cut at 1280x720 in the light theme", "[gui][layout]") {
  every_part_of_the_window(1280, 720, ui::Theme::Light);
}
TEST_CASE("layout: nothing is cut at 1280x720 in the dark theme", "[gui][layout]") {
  every_part_of_the_window(1280, 720, ui::Theme::Dark);
}
TEST_CASE("layout: nothing is cut at 1920x1080 in the light theme", "[gui][layout]") {
  every_part_of_the_window(1920, 1080, ui::Theme::Light);
}
TEST_CASE("layout: nothing is cut at 1920x1080 in the dark theme", "[gui][layout]") {
  every_part_of_the_window(1920, 1080, ui::Theme::Dark);
}
