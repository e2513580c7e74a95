#include "ui/cut_text.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace gb::ui {

namespace {

// A glyph of the atlas: where it lies in the texture (in texels).
struct AtlasGlyph {
  float u0, v0, u1, v1;
  unsigned codepoint;
};

std::vector<AtlasGlyph> atlas_glyphs(const ImFontAtlas& atlas) {
  std::vector<AtlasGlyph> out;
  const float w = static_cast<float>(atlas.TexWidth), h = static_cast<float>(atlas.TexHeight);
  for (const ImFont* font : atlas.Fonts)
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible) out.push_back({g.U0 * w, g.V0 * h, g.U1 * w, g.V1 * h, g.Codepoint});
  std::sort(out.begin(), out.end(), [](const AtlasGlyph& a, const AtlasGlyph& b) { return a.u0 < b.u0; });
  return out;
}

// The atlas glyph whose texture rectangle holds [u0,u1]x[v0,v1] (texels),
// or null: lines and fills use other parts of the texture.
const AtlasGlyph* glyph_holding(const std::vector<AtlasGlyph>& glyphs, float u0, float v0, float u1, float v1) {
  constexpr float kEps = 0.01f;
  // Glyphs are sorted by u0: only those starting at or before u0 can hold it.
  auto end =
      std::upper_bound(glyphs.begin(), glyphs.end(), u0 + kEps, [](float u, const AtlasGlyph& g) { return u < g.u0; });
  for (auto it = glyphs.begin(); it != end; ++it)
    if (it->u1 >= u1 - kEps && it->v0 <= v0 + kEps && it->v1 >= v1 - kEps) return &*it;
  return nullptr;
}

void append_utf8(std::string& s, unsigned c) {
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool inside_any(const std::vector<ImVec4>& rects, float x, float y) {
  return std::any_of(rects.begin(), rects.end(),
                     [&](const ImVec4& r) { return x >= r.x && x <= r.z && y >= r.y && y <= r.w; });
}

// One line of glyphs being read.
struct Run {
  std::string text;
  float top = 0, right = 0, height = 0;
  bool open = false, cut = false;
  ImVec2 cut_at;
  ImVec4 cut_clip;
};

}  // namespace

std::vector<CutText> find_cut_text(const ImDrawData& data, const std::vector<ImVec4>& exempt,
                                   const std::vector<ImVec4>& sideways) {
  std::vector<CutText> out;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!atlas || atlas->TexWidth <= 0 || atlas->TexHeight <= 0) return out;
  const std::vector<AtlasGlyph> glyphs = atlas_glyphs(*atlas);
  const float tw = static_cast<float>(atlas->TexWidth), th = static_cast<float>(atlas->TexHeight);
  constexpr float kSlack = 1.5f;  // pixels (and texels): a glyph's side bearing may touch its clip edge

  Run run;
  const auto close = [&] {
    if (run.open && run.cut) out.push_back({run.text, run.cut_at, run.cut_clip});
    run = Run{};
  };

  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    const ImDrawVert* vtx = list.VtxBuffer.Data;
    const ImDrawIdx* idx = list.IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != atlas->TexID) continue;
      const ImVec4& clip = cmd.ClipRect;
      const unsigned first = cmd.IdxOffset, last = cmd.IdxOffset + cmd.ElemCount;
      for (unsigned k = first; k + 6 <= last;) {
        // ImDrawList::PrimRectUV: vertices a b c d, triangles (a b c) (a c d).
        const unsigned a = cmd.VtxOffset + idx[k];
        const bool quad = idx[k + 1] == idx[k] + 1 && idx[k + 2] == idx[k] + 2 && idx[k + 3] == idx[k] &&
                          idx[k + 4] == idx[k] + 2 && idx[k + 5] == idx[k] + 3;
        if (!quad) {
          k += 3;
          continue;
        }
        const ImDrawVert& va = vtx[a];
        const ImDrawVert& vc = vtx[a + 2];
        const AtlasGlyph* g = glyph_holding(glyphs, va.uv.x * tw, va.uv.y * th, vc.uv.x * tw, vc.uv.y * th);
        if (!g || vc.pos.x <= va.pos.x) {
          k += 3;
          continue;
        }
        k += 6;
        const float x1 = va.pos.x, y1 = va.pos.y, x2 = vc.pos.x, y2 = vc.pos.y;
        if (y2 <= clip.y || y1 >= clip.w) continue;  // scrolled out of view
        const float height = y2 - y1;
        // A new line when the glyph is not just after the last one.
        if (run.open && (std::fabs(y1 - run.top) > std::max(run.height, height) || x1 < run.right - kSlack ||
                         x1 > run.right + 3 * std::max(run.height, height)))
          close();
        if (!run.open) {
          run.open = true;
        } else if (x1 > run.right + std::max(2.0f, height * 0.2f)) {
          run.text += ' ';
        }
        run.top = y1;
        run.right = x2;
        run.height = std::max(run.height, height);
        append_utf8(run.text, g->codepoint);
        if (run.cut || inside_any(exempt, (x1 + x2) / 2, (y1 + y2) / 2)) continue;
        const bool past_clip = x1 < clip.x - kSlack || x2 > clip.z + kSlack;
        // Trimmed on the CPU: the quad shows fewer texels than the glyph has
        // (in pixels, as fonts may be oversampled in the atlas).
        const float shown = (vc.uv.x - va.uv.x) * tw;
        const bool trimmed = shown > 0 && ((g->u1 - g->u0) - shown) * (x2 - x1) / shown > kSlack;
        const auto at_edge = [&](const ImVec4& r) {
          const bool left = x1 < clip.x + kSlack && std::fabs(clip.x - r.x) < 1;
          const bool right = x2 > clip.z - kSlack && std::fabs(clip.z - r.z) < 1;
          return (left || right) && y1 < r.w && y2 > r.y;
        };
        if ((past_clip || trimmed) && std::none_of(sideways.begin(), sideways.end(), at_edge)) {
          run.cut = true;
          run.cut_at = ImVec2(x1, y1);
          run.cut_clip = clip;
        }
      }
    }
    close();
  }
  return out;
}

DrawnColours drawn_colours(const ImDrawData& data) {
  std::set<ImU32> fills, text;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!atlas || atlas->TexWidth <= 0 || atlas->TexHeight <= 0) return {};
  const std::vector<AtlasGlyph> glyphs = atlas_glyphs(*atlas);
  const float tw = static_cast<float>(atlas->TexWidth), th = static_cast<float>(atlas->TexHeight);
  const ImVec2 white = atlas->TexUvWhitePixel;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback || cmd.TextureId != atlas->TexID) continue;
      for (unsigned k = cmd.IdxOffset; k + 3 <= cmd.IdxOffset + cmd.ElemCount; k += 3) {
        const ImDrawVert* v[3];
        for (int j = 0; j < 3; ++j)
          v[j] = &list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(k) + j])];
        const ImU32 col = v[0]->col;
        if ((col >> IM_COL32_A_SHIFT) != 0xFF || v[1]->col != col || v[2]->col != col) continue;  // blended or a fringe
        const bool solid =
            std::all_of(v, v + 3, [&](const ImDrawVert* x) { return x->uv.x == white.x && x->uv.y == white.y; });
        if (solid) {
          fills.insert(col);
          continue;
        }
        // A glyph: its triangle's texture corners lie in a glyph of the atlas.
        float u0 = 1e9f, v0 = 1e9f, u1 = -1e9f, v1 = -1e9f;
        for (const ImDrawVert* x : v) {
          u0 = std::min(u0, x->uv.x * tw);
          v0 = std::min(v0, x->uv.y * th);
          u1 = std::max(u1, x->uv.x * tw);
          v1 = std::max(v1, x->uv.y * th);
        }
        if (glyph_holding(glyphs, u0, v0, u1, v1)) text.insert(col);
      }
    }
  }
  return {{fills.begin(), fills.end()}, {text.begin(), text.end()}};
}

}  // namespace gb::ui
