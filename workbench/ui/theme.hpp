// Fonts, the light and dark themes, and the RAG palette. RAG is never shown
// by colour alone: every band also has a shape and a word.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "core/rag.hpp"

namespace gb::ui {

enum class Theme { Light, Dark };

// Loads DejaVu Sans (fonts-dejavu-core) at 16 px x scale with Latin-1,
// punctuation, arrows and geometric shapes, plus DejaVu Sans Bold at 20 px
// for headings and DejaVu Sans at 28 px for presentation mode; falls back to
// ImGui's built-in font when the files are missing. Clears the atlas first,
// so call it before the first frame (or between frames, then let the
// renderer backend re-upload the font texture). Needs an ImGui context.
void load_fonts(float scale);
ImFont* heading_font();  // larger; nullptr before load_fonts
ImFont* large_font();    // presentation mode

// Resets the style, applies the colours and sizes, and scales sizes by the
// scale last given to load_fonts.
void apply_theme(Theme t);
Theme current_theme();

// True when the font in use can draw the arrows, shapes and typographic
// punctuation (it is DejaVu); otherwise callers use ASCII forms.
bool symbols_available();

// Colours chosen to stay apart for deuteranopia and protanopia (red is a
// vermilion, green a bluish green) and to keep text readable on them.
ImU32 rag_colour(Rag r);
ImU32 rag_text_colour(Rag r);  // text drawn on a rag_colour fill
// A band's colour for text on the window's background (darker in the light
// theme, lighter in the dark one: at least 4.5:1 either way).
ImU32 rag_ink_colour(Rag r);
ImU32 palette(int i);  // series colours (Okabe-Ito order)

// Shape + word for a band: "▲ red", "● amber", "■ green", "◆ blue", "– no band".
// Without DejaVu the shapes are ASCII: "^", "o", "#", "<>", "-".
const char* rag_symbol(Rag r);
const char* rag_label(Rag r);

// A small badge: the shape in the band colour followed by its word.
void rag_badge(Rag r);

// The longest prefix of s that fits max_w with an ellipsis (ImGui's own
// measuring stops between UTF-8 characters); s itself when it fits, unless
// `more_follows` (text cut after s), which always ends in the ellipsis.
std::string fit_text(const std::string& s, float max_w, bool more_follows = false);

// Text never cut without a way to read it: wrapped to `width` over at most
// `max_lines` lines; beyond that, the last line ends in an ellipsis and the
// whole text shows in a tooltip on hover. Grey when `muted`. Returns true
// when the text was shortened.
bool text_fitted(const std::string& text, float width, int max_lines = 1, bool muted = false);

// A table's header row, as ImGui::TableHeadersRow draws it, and a header
// too narrow for its label shows the whole label on hover.
void table_headers();

// The height text_fitted takes for `text` at `width` (at most max_lines).
float text_fitted_height(const std::string& text, float width, int max_lines = 1);

// Text wrapped to the room left on the line, as ImGui::TextWrapped does,
// but never inside a number ("34.0", "1,000"): ImGui breaks after any '.'
// or ','. Newlines start new lines. What a view draws wraps this way
// (ui/view_renderer.cpp).
void prose(const std::string& text);
// The lines prose() and text_fitted() draw `text` in at `width`.
std::vector<std::string> wrap_lines(const std::string& text, float width);

}  // namespace gb::ui
