// Inline SVG for the HTML board paper: the risk heat map, the drawing
// primitives the charts share (the chart kinds are in svg_charts.cpp);
// first, the escaping and safe-read helpers that html.cpp shares (svg.hpp). Static drawings sized in SVG user units and
// scaled to the column width by CSS, so they print crisply at any size and need no script.
//
// Input is a resolved tree element that may be malformed: every read goes
// through the safe accessors in svg.hpp, non-finite numbers are dropped
// before they reach a coordinate, and work stays linear in the input size
// (series are kept sparse, never as a series x labels matrix).
#include "export/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/chart_axis.hpp"
#include "core/indicator_result.hpp"
#include "core/palette.hpp"
#include "core/text.hpp"

namespace gb::exporter::detail {

// ---- Shared helpers (declared in svg.hpp, used by html.cpp too) ----

void append_escaped(std::string& out, std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto bad = find_invalid_utf8(s.substr(pos));
    const std::size_t end = bad ? pos + *bad : s.size();
    for (std::size_t i = pos; i < end; ++i) {
      const char c = s[i];
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        case '\t':
        case '\n':
        case '\r':
          out.push_back(c);
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            out += "\uFFFD";
          else
            out.push_back(c);
      }
    }
    if (!bad) break;
    out += "\uFFFD";  // one replacement per invalid byte, then resynchronise
    pos = end + 1;
  }
}

std::string escaped(std::string_view s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

const std::string* string_field(const Tree& node, std::string_view key) {
  const Tree* v = node.find(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

std::optional<double> finite(const Tree* v) {
  if (!v || !v->is_number() || !std::isfinite(v->as_number())) return std::nullopt;
  return v->as_number();
}

std::optional<double> number_field(const Tree& node, std::string_view key) {
  return finite(node.find(key));
}

const Tree::Array* array_field(const Tree& node, std::string_view key) {
  const Tree* v = node.find(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

std::string scalar_text(const Tree* v) {
  if (!v || v->is_null() || v->is_array() || v->is_object()) return "";
  if (v->is_string()) return v->as_string();
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  const double d = v->as_number();
  if (!std::isfinite(d)) return kDash;
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return format_double(d);
}

std::string number_text(double v, int decimals) {
  if (!std::isfinite(v)) return kDash;
  // format_number prints through a fixed buffer: past 1e15 the exact digits
  // mean nothing on a board paper anyway, so use the short form.
  if (std::fabs(v) >= 1e15) return format_double(v);
  return format_number(v, decimals);
}

namespace {
constexpr RagStyle kRag[] = {{0, "red", "Red", "\u25B2", "#D55E00"},
                             {1, "amber", "Amber", "\u25CF", "#E69F00"},
                             {2, "green", "Green", "\u25A0", "#009E73"},
                             {3, "blue", "Blue", "\u25C6", "#0072B2"}};
}  // namespace

std::string on_fill_ink(const RagStyle& style) {
  const Rgb ink = readable_on(rag_fill(parse_rag(style.name).value_or(Rag::None)));
  return ink == Rgb{255, 255, 255} ? "#fff" : "#111";
}

const RagStyle* rag_style(std::string_view band) {
  for (const auto& r : kRag)
    if (iequals_ascii(band, r.name)) return &r;
  return nullptr;
}

void append_rag_badge(std::string& out, std::string_view band) {
  if (band.empty() || iequals_ascii(band, "none")) {  // no band is not a colour
    out += kDash;
    return;
  }
  if (const RagStyle* r = rag_style(band)) {
    out += std::string("<span class=\"badge rag-") + r->name + "\"><span class=\"sym\" aria-hidden=\"true\">" +
           r->symbol + "</span> " + r->word + "</span>";
    return;
  }
  out += "<span class=\"badge\">";
  append_escaped(out, band);
  out += "</span>";
}

std::string coord(double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  std::size_t count = 0, cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count == max_chars - 1 && cut == s.size()) cut = i;
    if (++count > max_chars) return std::string(s.substr(0, cut)) + "\u2026";
  }
  return std::string(s);
}

// ---- Drawing primitives (svg.hpp; the charts are in svg_charts.cpp) ----

void append_text(std::string& out, double x, double y, const char* anchor, std::string_view text, const char* extra) {
  out += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\"" + extra + ">";
  append_escaped(out, text);
  out += "</text>";
}

void append_line(std::string& out, double x1, double y1, double x2, double y2, const char* stroke, const char* extra) {
  out += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) +
         "\" stroke=\"" + stroke + "\"" + extra + "/>";
}

void open_svg(std::string& out, double w, double h, std::string_view label) {
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + coord(w) + " " + coord(h) + "\" width=\"" +
         coord(w) + "\" role=\"img\" aria-label=\"";
  append_escaped(out, label);
  // The font is named so that every SVG renderer (browsers, librsvg for the
  // PDF) draws the same glyphs; DejaVu Sans is a dependency of the project.
  out += "\" font-size=\"10\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" fill=\"" +
         std::string(kInk) + "\">";
}

// A figure that cannot be drawn says why instead (never an empty frame).
void set_note(FigureParts& f, std::string text) {
  f.svg.clear();
  f.note = std::move(text);
}

// ---- Heat map ----

namespace {

// Risk refs in one heat-map cell: a list of scalars, or a single scalar.
std::vector<std::string> refs_at(const Tree::Array* grid, std::size_t l, std::size_t i) {
  std::vector<std::string> refs;
  if (!grid || l >= grid->size() || !(*grid)[l].is_array() || i >= (*grid)[l].size()) return refs;
  const Tree& cell = (*grid)[l].as_array()[i];
  if (cell.is_array()) {
    for (const Tree& r : cell.as_array())
      if (std::string s = scalar_text(&r); !s.empty()) refs.push_back(std::move(s));
  } else if (std::string s = scalar_text(&cell); !s.empty()) {
    refs.push_back(std::move(s));
  }
  return refs;
}

std::string band_at(const Tree::Array* bands, std::size_t l, std::size_t i) {
  if (!bands || l >= bands->size() || !(*bands)[l].is_array() || i >= (*bands)[l].size()) return "";
  return scalar_text(&(*bands)[l].as_array()[i]);
}

std::string axis_label(const Tree::Array* labels, std::size_t k) {
  std::string s = labels && k < labels->size() ? scalar_text(&(*labels)[k]) : "";
  return s.empty() ? std::to_string(k + 1) : s;
}

}  // namespace

FigureParts heatmap_parts(const Tree& element) {
  FigureParts f;
  f.kind = "heatmap";
  f.title_above = true;
  std::string& out = f.svg;
  const Tree::Array* likelihood = array_field(element, "likelihood");
  const Tree::Array* impact = array_field(element, "impact");
  const Tree::Array* bands = array_field(element, "bands");
  const std::string* show = string_field(element, "show");
  const Tree::Array* current = show && *show == "target" ? nullptr : array_field(element, "current");
  const Tree::Array* targets = show && *show == "current" ? nullptr : array_field(element, "target");
  // The grid's shape comes from the axis labels, else from the bands.
  std::size_t rows = likelihood ? likelihood->size() : bands ? bands->size() : 0;
  std::size_t cols = impact ? impact->size() : 0;
  if (!impact && bands && !bands->empty() && (*bands)[0].is_array()) cols = (*bands)[0].size();

  if (const std::string* title = string_field(element, "title")) f.title = *title;
  if (rows == 0 || cols == 0 || rows > 20 || cols > 20) {
    set_note(f, rows == 0 || cols == 0 ? "The heat map has no grid." : "The heat map grid is too large to draw.");
    return f;
  }
  const double cw = 76, ch = 50, left = 122, top = 8;
  const double width = left + cw * static_cast<double>(cols) + 8, height = top + ch * static_cast<double>(rows) + 46;
  open_svg(out, width, height, "Risk heat map: likelihood against impact");
  bool present[4] = {false, false, false, false};
  std::vector<std::string> other_bands;
  for (std::size_t l = 0; l < rows; ++l) {
    // Likelihood runs low (l = 0) at the bottom to high at the top.
    const double y = top + ch * static_cast<double>(rows - 1 - l);
    for (std::size_t i = 0; i < cols; ++i) {
      const double x = left + cw * static_cast<double>(i);
      const std::string band = band_at(bands, l, i);
      const RagStyle* style = rag_style(band);
      if (style)
        present[style->index] = true;
      else if (!band.empty() && other_bands.size() < 8 &&
               std::find(other_bands.begin(), other_bands.end(), band) == other_bands.end())
        other_bands.push_back(band);
      const std::vector<std::string> cur = refs_at(current, l, i), tgt = refs_at(targets, l, i);
      std::string tip = axis_label(likelihood, l) + " likelihood, " + axis_label(impact, i) + " impact";
      if (!band.empty()) tip += ": " + std::string(style ? style->word : band.c_str());
      for (std::size_t k = 0; k < cur.size(); ++k) tip += (k ? ", " : "; current ") + cur[k];
      for (std::size_t k = 0; k < tgt.size(); ++k) tip += (k ? ", " : "; target ") + tgt[k];
      out += "<g><title>";
      append_escaped(out, tip);
      // A band's cell is its fill, opaque, as in the window (core/palette.hpp:
      // any two bands at least 30 apart on the ΔE scale, where a 35% tint
      // of them was 13 apart); what is drawn on it takes black or white,
      // whichever reads best on it. A cell without a known band is a tint.
      const std::string ink = style ? on_fill_ink(*style) : "#222";
      out += "</title><rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(cw) + "\" height=\"" +
             coord(ch) + "\" fill=\"" + (style ? style->colour : "#c8ccd0") + "\"" +
             (style ? "" : " fill-opacity=\"0.35\"") + " stroke=\"#fff\" stroke-width=\"2\"/>";
      if (style) append_text(out, x + 5, y + 13, "start", style->symbol, (" fill=\"" + ink + "\"").c_str());
      // Up to six markers in a 3 x 2 block; beyond that five and "+n".
      const std::size_t total = cur.size() + tgt.size(), shown = total > 6 ? 5 : total;
      for (std::size_t k = 0; k < shown; ++k) {
        const bool is_current = k < cur.size();
        const std::string& ref = is_current ? cur[k] : tgt[k - cur.size()];
        const std::size_t column = k % 3, row = k / 3;
        const double cx = x + 26 + 18 * static_cast<double>(column), cy = y + 16 + 19 * static_cast<double>(row);
        out +=
            "<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"8\"" +
            (is_current ? " fill=\"" + ink + "\"/>" : " fill=\"none\" stroke=\"" + ink + "\" stroke-width=\"1.6\"/>");
        const std::string on_disc = style ? style->colour : std::string("#fff");
        append_text(out, cx, cy + 2.5, "middle", shorten(ref, 4),
                    (" font-size=\"7\" fill=\"" + (is_current ? on_disc : ink) + "\"").c_str());
      }
      if (total > 6)
        append_text(out, x + 62, y + 38, "middle", "+" + std::to_string(total - 5), (" fill=\"" + ink + "\"").c_str());
      out += "</g>";
    }
    out += "<g><title>";
    append_escaped(out, axis_label(likelihood, l));
    out += "</title>";
    append_text(out, left - 6, y + ch / 2 + 3.5, "end", shorten(axis_label(likelihood, l), 16));
    out += "</g>";
  }
  for (std::size_t i = 0; i < cols; ++i) {
    out += "<g><title>";
    append_escaped(out, axis_label(impact, i));
    out += "</title>";
    append_text(out, left + cw * (static_cast<double>(i) + 0.5), top + ch * static_cast<double>(rows) + 14, "middle",
                shorten(axis_label(impact, i), 13));
    out += "</g>";
  }
  const double mid_y = top + ch * static_cast<double>(rows) / 2;
  append_text(out, 14, mid_y, "middle", "Likelihood",
              (" font-weight=\"600\" transform=\"rotate(-90 14 " + coord(mid_y) + ")\"").c_str());
  append_text(out, left + cw * static_cast<double>(cols) / 2, height - 6, "middle", "Impact", " font-weight=\"600\"");
  out += "</svg>";

  // The legend is drawn by the renderer (HTML or PDF), outside the SVG: the
  // figure holds exactly one <rect> per cell.
  for (const char* band : {"red", "amber", "green", "blue"})
    if (present[rag_style(band)->index]) f.legend.push_back({LegendKey::Mark::Badge, "", band});
  for (const auto& band : other_bands) f.legend.push_back({LegendKey::Mark::Badge, "", band});
  if (current) f.legend.push_back({LegendKey::Mark::Dot, kInk, "current position"});
  if (targets) f.legend.push_back({LegendKey::Mark::Ring, kInk, "target"});
  const std::string* rule_title = string_field(element, "rule_title");
  const std::string* rule = string_field(element, "rule");
  if (rule_title || rule) {
    f.caption = "Scored with " + (rule_title ? *rule_title : *rule);
    if (const std::string* term = string_field(element, "term")) f.caption += " (" + *term + " term)";
  }
  return f;
}

void append_figure(std::string& out, const FigureParts& f) {
  out += "<figure class=\"" + f.kind + "\">";
  if (!f.title.empty()) {
    out += f.title_above ? "<div class=\"fig-title\">" : "<figcaption>";
    append_escaped(out, f.title);
    out += f.title_above ? "</div>" : "</figcaption>";
  }
  if (!f.note.empty()) {
    out += "<p class=\"note\">";
    append_escaped(out, f.note);
    out += "</p>";
  }
  out += f.svg;
  if (!f.legend.empty()) {
    out += "<div class=\"legend\">";
    for (const LegendKey& k : f.legend) {
      switch (k.mark) {
        case LegendKey::Mark::Badge:
          append_rag_badge(out, k.text);
          continue;
        case LegendKey::Mark::Swatch:
          out += "<span class=\"key\"><span class=\"swatch\" style=\"background:" + k.colour + "\"></span>";
          break;
        case LegendKey::Mark::Dashed:
          out += "<span class=\"key\"><span class=\"swatch dashed\"></span>";
          break;
        case LegendKey::Mark::Dot:
          out +=
              "<span class=\"key\"><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">"
              "<circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"#222\"/></svg> ";
          break;
        case LegendKey::Mark::Ring:
          out +=
              "<span class=\"key\"><svg width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">"
              "<circle cx=\"6\" cy=\"6\" r=\"4.5\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/></svg> ";
          break;
      }
      append_escaped(out, k.text);
      out += "</span>";
    }
    out += "</div>";
  }
  if (!f.caption.empty()) {
    out += "<figcaption>";
    append_escaped(out, f.caption);
    out += "</figcaption>";
  }
  out += "</figure>";
}

void append_chart(std::string& out, const Tree& element) {
  append_figure(out, chart_parts(element));
}
void append_heatmap(std::string& out, const Tree& element) {
  append_figure(out, heatmap_parts(element));
}

}  // namespace gb::exporter::detail
