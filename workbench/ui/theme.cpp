// Fonts, themes and the RAG palette.
//
//   1. fonts: DejaVu Sans with the symbol ranges, ImGui's font as fallback
//   2. themes: light and dark, tuned from ImGui's stock styles
//   3. RAG palette, series palette, symbols and labels
#include "ui/theme.hpp"

#include <imgui_internal.h>  // FindRenderedTextEnd: a label as shown, up to any ##

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/chart_axis.hpp"
#include "core/palette.hpp"

namespace gb::ui {

namespace {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// The atlas keeps a pointer to the ranges until it is built, so they live at
// namespace scope. Latin-1 for names, General Punctuation for – — … • ‘ ’ “ ”,
// arrows for trends (↑ ↓ → ↗ ↘), the minus sign (core's format_change writes
// U+2212, as the papers do), geometric shapes for the RAG symbols.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x2000, 0x206F,  // General Punctuation
    0x2190, 0x21FF,  // Arrows
    0x2212, 0x2212,  // Minus sign
    0x25A0, 0x25FF,  // Geometric Shapes
    0,
};

// Okabe-Ito without black (invisible on the dark theme). On dark, sky blue
// leads because the deep blue has too little contrast against the background.

// What load_fonts produced, remembered with the atlas it went into: a font
// pointer from another context's atlas (tests create several) is never used.
struct LoadedFonts {
  const ImFontAtlas* atlas = nullptr;
  ImFont* heading = nullptr;
  ImFont* large = nullptr;
  bool dejavu = false;  // the body font is DejaVu (so symbols can be drawn)
  float scale = 1.0f;
};
LoadedFonts g_fonts;
Theme g_theme = Theme::Light;

bool file_readable(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}

// ImGui asserts when a font file cannot be opened, so check first.
ImFont* add_font(ImFontAtlas* atlas, const char* path, float px) {
  if (file_readable(path)) return atlas->AddFontFromFileTTF(path, px, nullptr, kGlyphRanges);
  return nullptr;
}

// ProggyClean is drawn for 13 px; other sizes blur, but a readable fallback
// beats no heading at all.
ImFont* add_default_font(ImFontAtlas* atlas, float px) {
  ImFontConfig cfg;
  cfg.SizePixels = px;
  return atlas->AddFontDefault(&cfg);
}

bool current_atlas_is_ours() {
  return ImGui::GetCurrentContext() != nullptr && ImGui::GetIO().Fonts == g_fonts.atlas;
}

// A font pointer is handed out only while the current atlas still holds it
// (a destroyed context's atlas may be reallocated at the same address).
ImFont* if_in_current_atlas(ImFont* f) {
  return f != nullptr && current_atlas_is_ours() && ImGui::GetIO().Fonts->Fonts.contains(f) ? f : nullptr;
}

ImVec4 rgb(int hex, float a = 1.0f) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, a);
}

// Sizes shared by both themes: small rounding reads as a calm tool rather
// than a game; the padding leaves room for tables full of long names.
void apply_sizes(ImGuiStyle& s, Theme t) {
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 4);
  s.ItemSpacing = ImVec2(8, 6);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.CellPadding = ImVec2(6, 4);
  s.IndentSpacing = 18;
  s.ScrollbarSize = 14;
  s.GrabMinSize = 10;
  s.WindowRounding = 4;
  s.ChildRounding = 3;
  s.FrameRounding = 3;
  s.PopupRounding = 3;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 3;
  s.TabRounding = 3;
  s.WindowBorderSize = 1;
  s.PopupBorderSize = 1;
  // On white, input fields need an outline to be found; on dark the fill is enough.
  s.FrameBorderSize = t == Theme::Light ? 1.0f : 0.0f;
  s.WindowTitleAlign = ImVec2(0.0f, 0.5f);
}

void apply_light_colours(ImVec4* c) {
  ImGui::StyleColorsLight();
  c[ImGuiCol_Text] = rgb(0x1F2328);
  c[ImGuiCol_TextDisabled] = rgb(0x656D76);  // still 4.5:1 on the background
  c[ImGuiCol_WindowBg] = rgb(0xF6F7F8);
  c[ImGuiCol_ChildBg] = rgb(0xFFFFFF, 0.0f);
  c[ImGuiCol_PopupBg] = rgb(0xFFFFFF, 0.98f);
  c[ImGuiCol_Border] = rgb(0x000000, 0.13f);
  c[ImGuiCol_FrameBg] = rgb(0xFFFFFF);
  c[ImGuiCol_FrameBgHovered] = rgb(0xE8F0F8);
  c[ImGuiCol_FrameBgActive] = rgb(0xD6E4F2);
  c[ImGuiCol_Button] = rgb(0xE6E8EB);
  c[ImGuiCol_ButtonHovered] = rgb(0xD6E2EE);
  c[ImGuiCol_ButtonActive] = rgb(0xC3D5E8);
  c[ImGuiCol_Header] = rgb(0x0072B2, 0.18f);
  c[ImGuiCol_HeaderHovered] = rgb(0x0072B2, 0.26f);
  c[ImGuiCol_HeaderActive] = rgb(0x0072B2, 0.36f);
  c[ImGuiCol_CheckMark] = rgb(0x0072B2);
  c[ImGuiCol_SliderGrab] = rgb(0x0072B2, 0.75f);
  c[ImGuiCol_SliderGrabActive] = rgb(0x0072B2);
  c[ImGuiCol_TableHeaderBg] = rgb(0xE3E6EA);
  c[ImGuiCol_TableBorderStrong] = rgb(0x000000, 0.18f);
  c[ImGuiCol_TableBorderLight] = rgb(0x000000, 0.08f);
  c[ImGuiCol_TableRowBg] = rgb(0x000000, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = rgb(0x000000, 0.035f);
}

void apply_dark_colours(ImVec4* c) {
  ImGui::StyleColorsDark();
  c[ImGuiCol_Text] = rgb(0xE6E8EA);
  c[ImGuiCol_TextDisabled] = rgb(0x9AA1A9);
  c[ImGuiCol_WindowBg] = rgb(0x1C1E21);
  c[ImGuiCol_ChildBg] = rgb(0x000000, 0.0f);
  c[ImGuiCol_PopupBg] = rgb(0x23262A, 0.98f);
  c[ImGuiCol_Border] = rgb(0xFFFFFF, 0.11f);
  c[ImGuiCol_FrameBg] = rgb(0x2A2D32);
  c[ImGuiCol_FrameBgHovered] = rgb(0x343840);
  c[ImGuiCol_FrameBgActive] = rgb(0x3C424B);
  c[ImGuiCol_Button] = rgb(0x32363C);
  c[ImGuiCol_ButtonHovered] = rgb(0x3D4650);
  c[ImGuiCol_ButtonActive] = rgb(0x475463);
  c[ImGuiCol_Header] = rgb(0x56B4E9, 0.22f);
  c[ImGuiCol_HeaderHovered] = rgb(0x56B4E9, 0.30f);
  c[ImGuiCol_HeaderActive] = rgb(0x56B4E9, 0.40f);
  c[ImGuiCol_CheckMark] = rgb(0x56B4E9);
  c[ImGuiCol_SliderGrab] = rgb(0x56B4E9, 0.75f);
  c[ImGuiCol_SliderGrabActive] = rgb(0x56B4E9);
  c[ImGuiCol_TableHeaderBg] = rgb(0x2A2D32);
  c[ImGuiCol_TableBorderStrong] = rgb(0xFFFFFF, 0.16f);
  c[ImGuiCol_TableBorderLight] = rgb(0xFFFFFF, 0.07f);
  c[ImGuiCol_TableRowBg] = rgb(0x000000, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = rgb(0xFFFFFF, 0.04f);
}

}  // namespace

// --- 1. fonts ---------------------------------------------------------------

void load_fonts(float scale) {
  if (!(scale > 0.0f) || !std::isfinite(scale)) scale = 1.0f;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  g_fonts = LoadedFonts{};
  g_fonts.atlas = atlas;
  g_fonts.scale = scale;

  // The body font goes first: the atlas's first font is ImGui's default.
  ImFont* body = add_font(atlas, kDejaVuSans, 16.0f * scale);
  g_fonts.dejavu = body != nullptr;
  if (!body) body = add_default_font(atlas, 13.0f * scale);
  ImGui::GetIO().FontDefault = body;

  g_fonts.heading = add_font(atlas, kDejaVuSansBold, 20.0f * scale);
  if (!g_fonts.heading) g_fonts.heading = add_font(atlas, kDejaVuSans, 20.0f * scale);
  if (!g_fonts.heading) g_fonts.heading = add_default_font(atlas, 20.0f * scale);
  g_fonts.large = add_font(atlas, kDejaVuSans, 28.0f * scale);
  if (!g_fonts.large) g_fonts.large = add_default_font(atlas, 28.0f * scale);
}

ImFont* heading_font() {
  return if_in_current_atlas(g_fonts.heading);
}
ImFont* large_font() {
  return if_in_current_atlas(g_fonts.large);
}

bool symbols_available() {
  if (ImGui::GetCurrentContext() == nullptr) return false;
  const ImGuiIO& io = ImGui::GetIO();
  // Before the atlas is built no font has glyphs yet: trust load_fonts.
  if (!io.Fonts->IsBuilt()) return current_atlas_is_ours() && g_fonts.dejavu;
  // Ask the font text will actually be drawn with (inside a frame, the
  // current one; between frames, the default one).
  const ImFont* f = ImGui::GetFont();
  if (f == nullptr) f = io.FontDefault != nullptr ? io.FontDefault : io.Fonts->Fonts[0];
  return f->FindGlyphNoFallback(0x25B2) != nullptr && f->FindGlyphNoFallback(0x2026) != nullptr &&
         f->FindGlyphNoFallback(0x2191) != nullptr;
}

// --- 2. themes --------------------------------------------------------------

void apply_theme(Theme t) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();  // from scratch, so applying twice never scales twice
  if (t == Theme::Dark)
    apply_dark_colours(s.Colors);
  else
    apply_light_colours(s.Colors);
  apply_sizes(s, t);
  s.ScaleAllSizes(g_fonts.scale);
  g_theme = t;
}

Theme current_theme() {
  return g_theme;
}

// --- 3. RAG palette, symbols, labels -----------------------------------------

ImU32 rag_colour(Rag r) {
  const Rgb c = rag_fill(r);  // core/palette.hpp: the palette every renderer shares
  return IM_COL32(c.r, c.g, c.b, 255);
}

ImU32 rag_ink_colour(Rag r) {
  const Rgb c = rag_ink(r, g_theme == Theme::Dark ? PaletteTheme::Dark : PaletteTheme::Light);
  return IM_COL32(c.r, c.g, c.b, 255);
}

ImU32 rag_text_colour(Rag r) {
  const Rgb c = readable_on(rag_fill(r));
  return IM_COL32(c.r, c.g, c.b, 255);
}

ImU32 palette(int i) {
  // core/chart_axis.hpp: the papers' series colours, in this theme.
  const Rgb c = chart::series_colour(static_cast<std::size_t>(((i % 8) + 8) % 8),  // the cycle of 8
                                     g_theme == Theme::Dark ? PaletteTheme::Dark : PaletteTheme::Light);
  return IM_COL32(c.r, c.g, c.b, 255);
}
const char* rag_symbol(Rag r) {
  const bool u = symbols_available();
  switch (r) {
    case Rag::Red:
      return u ? "\u25B2" : "^";  // ▲ points up: needs attention
    case Rag::Amber:
      return u ? "\u25CF" : "o";  // ●
    case Rag::Green:
      return u ? "\u25A0" : "#";  // ■
    case Rag::Blue:
      return u ? "\u25C6" : "<>";  // ◆
    case Rag::None:
      return u ? "\u2013" : "-";  // –
  }
  return u ? "\u2013" : "-";
}

const char* rag_label(Rag r) {
  switch (r) {
    case Rag::Red:
      return "red";
    case Rag::Amber:
      return "amber";
    case Rag::Green:
      return "green";
    case Rag::Blue:
      return "blue (complete)";
    case Rag::None:
      return "no band";
  }
  return "no band";
}

void rag_badge(Rag r) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(r)), "%s", rag_symbol(r));
  ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextUnformatted(rag_label(r));
}

// --- 4. text that is never cut without a way to read it ------------------------

// Splits text into the lines ImGui would wrap it to at `width`, but never
// inside a number.
std::vector<std::string> wrap_lines(const std::string& text, float width) {
  std::vector<std::string> lines;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    const char* nl = std::find(p, end, '\n');
    const char* cut = font->CalcWordWrapPositionA(size / font->FontSize, p, nl, std::max(width, size));
    if (cut == p) cut = p + 1;  // a glyph wider than the box: one at a time
    // ImGui breaks after any '.' or ','; inside a number ("34.|0", "1,|000")
    // the line goes back to its last space instead, where it has one.
    if (cut > p + 1 && cut < nl && (cut[-1] == '.' || cut[-1] == ',') &&
        std::isdigit(static_cast<unsigned char>(*cut)) && std::isdigit(static_cast<unsigned char>(cut[-2]))) {
      const char* space = cut - 1;
      while (space > p && *space != ' ') --space;
      if (space > p) cut = space;
    }
    // CalcWordWrapPositionA stops between UTF-8 sequences; never split one.
    while (cut < nl && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) ++cut;
    lines.emplace_back(p, cut);
    p = cut;
    while (p < nl && *p == ' ') ++p;
    if (p == nl && nl < end) ++p;
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string fit_text(const std::string& s, float max_w, bool more_follows) {
  auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str(), t.c_str() + t.size()).x; };
  if (!more_follows && width(s) <= max_w) return s;
  const std::string ell = symbols_available() ? "\u2026" : "...";
  const float room = max_w - width(ell);
  if (room <= 0) return {};
  const char* cut = s.c_str();
  ImGui::GetFont()->CalcTextSizeA(ImGui::GetFontSize(), room, 0.0f, s.c_str(), s.c_str() + s.size(), &cut);
  std::string out(s.c_str(), cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + ell;
}

void prose(const std::string& text) {
  const float width = ImGui::GetContentRegionAvail().x;
  for (const auto& line : wrap_lines(text, width)) ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
}

float text_fitted_height(const std::string& text, float width, int max_lines) {
  const auto lines = wrap_lines(text, width);
  const int n = std::min(static_cast<int>(lines.size()), std::max(1, max_lines));
  return ImGui::GetTextLineHeight() * static_cast<float>(n) +
         ImGui::GetStyle().ItemSpacing.y * static_cast<float>(n - 1);
}

bool text_fitted(const std::string& text, float width, int max_lines, bool muted) {
  auto lines = wrap_lines(text, width);
  const auto keep = static_cast<std::size_t>(std::max(1, max_lines));
  const bool cut = lines.size() > keep || (lines.size() == 1 && ImGui::CalcTextSize(lines[0].c_str()).x > width);
  if (lines.size() > keep) {
    lines.resize(keep);
    lines.back() = fit_text(lines.back(), width, true);
  } else if (cut) {
    lines.back() = fit_text(lines.back(), width);
  }
  ImGui::BeginGroup();
  for (const auto& l : lines) {
    if (muted)
      ImGui::TextDisabled("%s", l.c_str());
    else
      ImGui::TextUnformatted(l.c_str());
  }
  ImGui::EndGroup();
  if (cut && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return cut;
}

void table_headers() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const int n = ImGui::TableGetColumnCount();
  for (int c = 0; c < n; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::PushID(c);
    ImGui::TableHeader(name);
    // The sort arrow takes about a line's height at the right.
    const float room = ImGui::GetItemRectSize().x - ImGui::GetFontSize();
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(name, nullptr, true).x > room) {
      const char* end = ImGui::FindRenderedTextEnd(name);
      ImGui::SetTooltip("%.*s", static_cast<int>(end - name), name);
    }
    ImGui::PopID();
  }
}

}  // namespace gb::ui
