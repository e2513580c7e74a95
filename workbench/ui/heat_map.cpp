// The risk heat map (heat_map.hpp), drawn with ImDrawList on the charts'
// canvas (chart_canvas.hpp) like the other charts: one widget with one id,
// no state between frames.
#include "ui/heat_map.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ui/chart_canvas.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui::charts {

using namespace detail;

namespace {

struct HeatLayout {
  Box plot;  // the cells, without axis labels
  float label_w = 0, cell_w = 0, cell_h = 0;
  int rows = 0, cols = 0;
};

ImVec2 resolve_heat_size(ImVec2 size) {
  const float fs = ImGui::GetFontSize();  // about square cells, within reason
  return resolve_size(size, std::clamp(resolve_size(size, 0).x * 0.6f, fs * 10.0f, fs * 32.0f));
}

HeatLayout heat_layout(const HeatMapInput& in, ImVec2 origin, ImVec2 size) {
  const float line_h = ImGui::GetTextLineHeight();
  HeatLayout L{{}, 0, 0, 0, static_cast<int>(in.likelihood.size()), static_cast<int>(in.impact.size())};
  for (const auto& s : in.likelihood) L.label_w = std::max(L.label_w, text_w(s));
  L.label_w = std::min(L.label_w, size.x * 0.3f);
  // Top: the "Likelihood" title; bottom: impact labels and the "Impact" title.
  L.plot = {origin.x + L.label_w + 2 * kPad, origin.y + line_h + kPad, origin.x + size.x - kPad,
            origin.y + size.y - 2 * line_h - kPad};
  if (L.rows > 0 && L.cols > 0)
    L.cell_w = L.plot.w() / static_cast<float>(L.cols), L.cell_h = L.plot.h() / static_cast<float>(L.rows);
  return L;
}

// Likelihood counts up from the bottom row, as on the printed registers.
Box cell_box(const HeatLayout& L, int l, int i) {
  const float x0 = L.plot.x0 + L.cell_w * static_cast<float>(i), y1 = L.plot.y1 - L.cell_h * static_cast<float>(l);
  return {x0 + 1, y1 - L.cell_h + 1, x0 + L.cell_w - 1, y1 - 1};
}

// bands[l][i] and friends, tolerating ragged or short input.
template <typename T>
const T& cell_at(const std::vector<std::vector<T>>& grid, int l, int i, const T& none) {
  const auto lu = static_cast<std::size_t>(l), iu = static_cast<std::size_t>(i);
  return lu < grid.size() && iu < grid[lu].size() ? grid[lu][iu] : none;
}
const std::vector<long long> kNoRefs;
Rag band_at(const HeatMapInput& in, int l, int i) {
  return cell_at(in.bands, l, i, Rag::None);
}
const std::vector<long long>& refs_at(const std::vector<std::vector<std::vector<long long>>>& v, int l, int i) {
  return cell_at(v, l, i, kNoRefs);
}

std::string join_refs(const std::vector<long long>& refs) {
  std::string s;
  for (long long r : refs) s += (s.empty() ? "" : ", ") + std::to_string(r);
  return s.empty() ? "none" : s;
}

// One disc size for the whole map, wide enough for its longest ref, so the
// cells read as one picture.
float disc_diameter(const HeatMapInput& in) {
  float widest = 0;
  for (const auto* grid : {&in.current, &in.target})
    for (const auto& row : *grid)
      for (const auto& refs : row)
        for (long long r : refs) widest = std::max(widest, text_w(std::to_string(r)));
  return std::max(ImGui::GetTextLineHeight() + 2.0f, widest + 6.0f);
}

// Slots of diameter d (gap 3 px) that fit in w x h: columns, rows.
std::pair<std::size_t, std::size_t> slot_grid(float w, float h, float d) {
  auto fit = [&](float len) { return static_cast<std::size_t>(std::max(0.0f, std::floor((len + 3.0f) / (d + 3.0f)))); };
  return {fit(w), fit(h)};
}

// One cell: the band tint and symbol, then current risks (filled discs) and
// targets (rings) on a grid of slots centred in what is left; when they do
// not all fit the last slot says "+N".
void draw_cell(const Canvas& cv, const Box& c, Rag band, float d, const std::vector<long long>& current,
               const std::vector<long long>& target) {
  // A band's cell is its fill, opaque (core/palette.hpp: any two bands at
  // least 30 apart on the ΔE scale, where a tint of them was 13), and what
  // is drawn on it takes whichever of black and white reads best on it.
  const bool banded = band != Rag::None;
  const ImU32 fill = banded ? rag_colour(band) : with_alpha(rag_colour(band), 0.12f);
  const ImU32 ink = banded ? rag_text_colour(band) : cv.ink;
  cv.dl->AddRectFilled(c.min(), c.max(), fill, 2.0f);
  Box area{c.x0 + 3, c.y0 + 3, c.x1 - 3, c.y1 - 3};
  const std::size_t total = current.size() + target.size();
  if (band != Rag::None) {
    // The band's shape reads on its own, without colour: large and centred
    // in a cell with no risk, a size and a half in the corner of one with
    // risks (whose discs keep clear of it).
    const std::string sym = rag_symbol(band);
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    if (total == 0) {
      const float size = std::clamp(std::min(c.w(), c.h()) * 0.3f, fs, fs * 2.5f);
      const ImVec2 ext = font->CalcTextSizeA(size, FLT_MAX, 0.0f, sym.c_str());
      cv.dl->AddText(font, size, {c.x0 + (c.w() - ext.x) * 0.5f, c.y0 + (c.h() - ext.y) * 0.5f}, ink, sym.c_str());
      return;
    }
    const float size = fs * 1.5f;
    const ImVec2 ext = font->CalcTextSizeA(size, FLT_MAX, 0.0f, sym.c_str());
    cv.dl->AddText(font, size, {c.x0 + 3, c.y0 + 1}, ink, sym.c_str());
    // Keep discs off the symbol: give up its line, or its column when that
    // lets more of the cell's risks show.
    const auto [bc, br] = slot_grid(area.w(), area.h() - ext.y, d);
    const auto [sc, sr] = slot_grid(area.w() - ext.x - 2.0f, area.h(), d);
    const bool below = total <= bc * br || bc * br >= sc * sr;
    area.y0 += below ? ext.y : 0.0f;
    area.x0 += below ? 0.0f : ext.x + 2.0f;
  }
  if (total == 0) return;
  const auto [cols, rows] = slot_grid(area.w(), area.h(), d);
  if (cols * rows == 0) return cv.text_centred(area, ink, std::to_string(total));  // not one disc fits: the count
  const std::size_t shown = total <= cols * rows ? total : cols * rows - 1;
  const std::size_t slots = shown + (total > shown ? 1 : 0);
  const std::size_t cols_used = std::min(cols, slots), rows_used = (slots + cols - 1) / cols;
  const float x0 = area.x0 + (area.w() - static_cast<float>(cols_used) * (d + 3.0f) + 3.0f) * 0.5f;
  const float y0 = area.y0 + (area.h() - static_cast<float>(rows_used) * (d + 3.0f) + 3.0f) * 0.5f;
  for (std::size_t k = 0; k < slots; ++k) {
    const std::size_t col = k % cols, row = k / cols;
    const float sx = x0 + static_cast<float>(col) * (d + 3.0f), sy = y0 + static_cast<float>(row) * (d + 3.0f);
    const Box slot{sx, sy, sx + d, sy + d};
    const ImVec2 mid{sx + d * 0.5f, sy + d * 0.5f};
    if (k == shown) {
      cv.text_centred(slot, ink, "+" + std::to_string(total - shown));
    } else if (k < current.size()) {  // the ref in the background colour, on an ink disc
      cv.dl->AddCircleFilled(mid, d * 0.5f, ink);
      cv.text_centred(slot, banded ? fill : with_alpha(ImGui::GetColorU32(ImGuiCol_WindowBg), 1.0f),
                      std::to_string(current[k]));
    } else {
      cv.dl->AddCircle(mid, d * 0.5f - 1.0f, ink, 0, 2.0f);
      cv.text_centred(slot, ink, std::to_string(target[k - current.size()]));
    }
  }
}

}  // namespace

CellRect heat_map_cell_rect(const HeatMapInput& in, ImVec2 origin, ImVec2 size, int likelihood, int impact) {
  const HeatLayout L = heat_layout(in, origin, resolve_heat_size(size));
  if (likelihood < 0 || likelihood >= L.rows || impact < 0 || impact >= L.cols) return {};
  return {cell_box(L, likelihood, impact).min(), cell_box(L, likelihood, impact).max()};
}

std::optional<HeatMapClick> heat_map(const char* id, const HeatMapInput& in, ImVec2 size) {
  const ImVec2 sz = resolve_heat_size(size);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const Canvas cv(id, sz);
  if (!cv.visible) return std::nullopt;
  const HeatLayout L = heat_layout(in, origin, sz);
  if (L.rows == 0 || L.cols == 0) cv.no_data();
  if (L.rows == 0 || L.cols == 0 || L.cell_w < 4 || L.cell_h < 4) return std::nullopt;

  // The cell under the mouse comes from the layout, not per-cell items: the
  // map stays one widget with one id.
  const ImVec2 m = ImGui::GetIO().MousePos;
  std::optional<HeatMapClick> under;
  if (L.plot.contains(m))
    under = HeatMapClick{std::clamp(static_cast<int>((L.plot.y1 - m.y) / L.cell_h), 0, L.rows - 1),
                         std::clamp(static_cast<int>((m.x - L.plot.x0) / L.cell_w), 0, L.cols - 1)};

  // Discs grow with the cells (a map on a projector), up to twice a line.
  const float disc =
      std::max(disc_diameter(in), std::min(std::min(L.cell_w, L.cell_h) * 0.2f, ImGui::GetTextLineHeight() * 2.0f));
  for (int l = 0; l < L.rows; ++l)
    for (int i = 0; i < L.cols; ++i)
      draw_cell(cv, cell_box(L, l, i), band_at(in, l, i), disc, refs_at(in.current, l, i), refs_at(in.target, l, i));

  for (int l = 0; l < L.rows; ++l) {
    const std::string s = fit_text(in.likelihood[static_cast<std::size_t>(l)], L.label_w);
    const Box c = cell_box(L, l, 0);
    cv.text({L.plot.x0 - kPad - text_w(s), (c.y0 + c.y1 - cv.line_h) * 0.5f}, cv.muted, s);
  }
  for (int i = 0; i < L.cols; ++i) {
    const Box c = cell_box(L, 0, i), below{c.x0, L.plot.y1, c.x1, L.plot.y1 + cv.line_h + kPad};
    cv.text_centred(below, cv.muted, fit_text(in.impact[static_cast<std::size_t>(i)], L.cell_w - 4));
  }
  const bool arrows = symbols_available();
  cv.text({cv.box.x0 + kPad, cv.box.y0}, cv.faint(0.8f), arrows ? "Likelihood \u2191" : "Likelihood ^");
  const Box title{L.plot.x0, L.plot.y1 + cv.line_h + kPad, L.plot.x1, cv.box.y1};
  cv.text_centred(title, cv.faint(0.8f), arrows ? "Impact \u2192" : "Impact ->");

  if (cv.hovered && under) {
    const auto [l, i] = *under;
    cv.dl->AddRect(cell_box(L, l, i).min(), cell_box(L, l, i).max(), cv.ink, 2.0f, 0, 2.0f);
    ImGui::BeginTooltip();
    ImGui::Text("Likelihood: %s", in.likelihood[static_cast<std::size_t>(l)].c_str());
    ImGui::Text("Impact: %s", in.impact[static_cast<std::size_t>(i)].c_str());
    rag_badge(band_at(in, l, i));
    ImGui::Separator();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextWrapped("Current: %s", join_refs(refs_at(in.current, l, i)).c_str());
    ImGui::TextWrapped("Target: %s", join_refs(refs_at(in.target, l, i)).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  // A click is a release over the map after a press on it (InvisibleButton's
  // rule); the cell is the one under the mouse at the release.
  return cv.pressed ? under : std::nullopt;
}

}  // namespace gb::ui::charts
