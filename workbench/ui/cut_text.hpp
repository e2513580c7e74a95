// Text cut by its clip rectangle, found in a frame's draw data. ImGui draws
// a glyph as one textured quad; a glyph whose quad reaches past the clip
// rectangle of its draw command (left or right), or whose quad ImGui
// trimmed on the CPU (its texture width is less than the glyph's), shows
// only part of a word. Text ended in an ellipsis by fit_text is not cut;
// text scrolled out of view vertically is not either (only the horizontal
// extent counts). The tests draw every panel and ask for none.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace gb::ui {

struct CutText {
  std::string line;  // the glyphs of the cut line, as drawn (the cut glyph included)
  ImVec2 at;         // the cut glyph's top left, on screen
  ImVec4 clip;       // the clip rectangle it crossed (x1, y1, x2, y2)
};

// The cut lines of `data` (ImGui::GetDrawData() after ImGui::Render()),
// at most one per drawn line, in drawing order. Glyphs inside any of the
// `exempt` rectangles (x1, y1, x2, y2) do not count: text boxes, whose
// contents scroll within them. Nor does a glyph cut at a left or right
// edge of one of the `sideways` rectangles: the inner clip rectangles of
// areas with a horizontal scroll bar, whose text is scrolled, not cut.
std::vector<CutText> find_cut_text(const ImDrawData& data, const std::vector<ImVec4>& exempt = {},
                                   const std::vector<ImVec4>& sideways = {});

// The colours a frame draws with, each once: the opaque solid fills
// (rectangles, bars, cells), and the colours of its glyphs (text). What the
// tests hold the RAG palette to on screen.
struct DrawnColours {
  std::vector<ImU32> fills;
  std::vector<ImU32> text;
};
DrawnColours drawn_colours(const ImDrawData& data);

}  // namespace gb::ui
