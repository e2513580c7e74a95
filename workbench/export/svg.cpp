// Inline SVG for the HTML board paper: the risk heat map and the three
// chart kinds; first, the escaping and safe-read helpers that html.cpp
// shares (svg.hpp). Static drawings sized in SVG user units and scaled to the
// column width by CSS, so they print crisply at any size and need no script.
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

// ---- Figures ----

namespace {

constexpr const char* kInk = "#222";
constexpr const char* kGrid = "#d9dcdf";

// Series colours and value axes are core's (core/chart_axis.hpp): the window
// draws the same.
std::string series_colour(std::size_t i) {
  return hex(chart::series_colour(i));
}

// "45%", "12 days", "3.5": the unit is escaped by the caller's append.
std::string with_unit(double v, const std::string& unit, int decimals = 2) {
  std::string s = number_text(v, decimals);
  if (unit.empty()) return s;
  return unit == "%" ? s + "%" : s + " " + unit;
}

using Axis = chart::ValueAxis;

std::optional<Axis> nice_axis(double lo, double hi, chart::AxisFor kind, const std::string& unit) {
  return chart::value_axis(lo, hi, kind, unit);
}

// A point's label and value, from { label = ..., value = ... } or from the
// positional { label, value } a Lua table literal gives.
std::pair<std::string, std::optional<double>> read_point(const Tree& p) {
  if (p.is_array()) {
    const auto& a = p.as_array();
    return {a.empty() ? "" : scalar_text(&a[0]), a.size() < 2 ? std::nullopt : finite(&a[1])};
  }
  return {scalar_text(p.find("label")), finite(p.find("value"))};
}

// Series as sparse (label index, value) lists over the union of labels in
// order of first appearance.
struct Series {
  std::string name;
  std::vector<std::pair<std::size_t, std::optional<double>>> points;
};
struct ChartData {
  std::vector<std::string> labels;
  std::vector<Series> series;
  double min = INFINITY, max = -INFINITY;  // over finite values
};

ChartData read_series(const Tree& element) {
  ChartData d;
  std::unordered_map<std::string, std::size_t> index;
  const Tree::Array* series = array_field(element, "series");
  if (!series) return d;
  for (const Tree& s : *series) {
    if (!s.is_object()) continue;
    Series out;
    out.name = scalar_text(s.find("name"));
    if (out.name.empty()) out.name = "Series " + std::to_string(d.series.size() + 1);
    if (const Tree::Array* points = array_field(s, "points")) {
      for (const Tree& p : *points) {
        auto [label, value] = read_point(p);
        auto [it, added] = index.emplace(label, d.labels.size());
        if (added) d.labels.push_back(label);
        out.points.emplace_back(it->second, value);
        if (value) {
          d.min = std::min(d.min, *value);
          d.max = std::max(d.max, *value);
        }
      }
    }
    d.series.push_back(std::move(out));
  }
  return d;
}

void append_text(std::string& out, double x, double y, const char* anchor, std::string_view text,
                 const char* extra = "") {
  out += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" text-anchor=\"" + anchor + "\"" + extra + ">";
  append_escaped(out, text);
  out += "</text>";
}

void append_line(std::string& out, double x1, double y1, double x2, double y2, const char* stroke,
                 const char* extra = "") {
  out += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) +
         "\" stroke=\"" + stroke + "\"" + extra + "/>";
}

// Shape per series so lines stay distinguishable without colour.
void append_marker(std::string& out, std::size_t series, double x, double y, const std::string& colour) {
  const std::string fill = " fill=\"" + colour + "\"/>";
  switch (series % 4) {
    case 0:
      out += "<circle cx=\"" + coord(x) + "\" cy=\"" + coord(y) + "\" r=\"3\"" + fill;
      break;
    case 1:
      out += "<rect x=\"" + coord(x - 3) + "\" y=\"" + coord(y - 3) + "\" width=\"6\" height=\"6\"" + fill;
      break;
    case 2:
      out += "<path d=\"M" + coord(x) + " " + coord(y - 4) + "L" + coord(x + 4) + " " + coord(y + 3) + "L" +
             coord(x - 4) + " " + coord(y + 3) + "Z\"" + fill;
      break;
    default:
      out += "<path d=\"M" + coord(x) + " " + coord(y - 4) + "L" + coord(x + 4) + " " + coord(y) + "L" + coord(x) +
             " " + coord(y + 4) + "L" + coord(x - 4) + " " + coord(y) + "Z\"" + fill;
  }
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

// Horizontal gridlines and tick labels of a vertical value axis.
void append_y_axis(std::string& out, const Axis& a, double left, double top, double w, double h,
                   const std::string& unit) {
  for (double t : a.ticks) {
    const double y = top + h * (1 - a.frac(t));
    append_line(out, left, y, left + w, y, t == 0 ? "#8a8f96" : kGrid);
    append_text(out, left - 6, y + 3.5, "end", with_unit(t, unit, a.decimals));
  }
}

// Category labels under a plot, thinned so that they never overlap: show
// every k-th label, k from the widest (shortened) label and the spacing.
void append_x_labels(std::string& out, const std::vector<std::string>& labels, double left, double spacing,
                     double centre_offset, double y) {
  std::size_t widest = 1;
  std::vector<std::string> shown;
  shown.reserve(labels.size());
  for (const auto& l : labels) {
    shown.push_back(shorten(l, 14));
    widest = std::max(widest, utf8_length(shown.back()));
  }
  const double need = static_cast<double>(widest) * 5.8 + 8;
  const std::size_t every =
      spacing <= 0 ? 1 : std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(need / spacing)));
  for (std::size_t i = 0; i < labels.size(); i += every)
    append_text(out, left + centre_offset + static_cast<double>(i) * spacing, y, "middle", shown[i]);
}

void add_legend(FigureParts& f, const ChartData& d, std::optional<double> target, const std::string& unit) {
  if (d.series.size() >= 2)
    for (std::size_t i = 0; i < d.series.size(); ++i)
      f.legend.push_back({LegendKey::Mark::Swatch, series_colour(i), d.series[i].name});
  if (target) f.legend.push_back({LegendKey::Mark::Dashed, kInk, "target " + with_unit(*target, unit)});
}

// A figure that cannot be drawn says why instead (never an empty frame).
void set_note(FigureParts& f, std::string text) {
  f.svg.clear();
  f.note = std::move(text);
}

void line_chart(FigureParts& f, const ChartData& d, std::optional<double> target, const std::string& unit) {
  std::string& out = f.svg;
  double lo = d.min, hi = d.max;
  if (target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  const auto axis = nice_axis(lo, hi, chart::AxisFor::Line, unit);
  if (!axis) return set_note(f, "Chart values are out of range.");
  const double left = 64, top = 12, w = 520, h = 210, width = 660, height = 262;
  const std::size_t n = d.labels.size();
  const double spacing = n > 1 ? w / static_cast<double>(n - 1) : 0;
  auto x_of = [&](std::size_t i) { return n > 1 ? left + static_cast<double>(i) * spacing : left + w / 2; };
  auto y_of = [&](double v) { return top + h * (1 - axis->frac(v)); };
  open_svg(out, width, height, "Line chart");
  append_y_axis(out, *axis, left, top, w, h, unit);
  append_line(out, left, top + h, left + w, top + h, "#8a8f96");
  if (!axis->from_zero) {  // a cut axis says so, as the window does
    out += "<text x=\"" + coord(left + w) + "\" y=\"" + coord(top - 3) +
           "\" text-anchor=\"end\" font-size=\"8\" fill=\"#5f6368\">";
    append_escaped(out, chart::cut_axis_note(*axis, unit));
    out += "</text>";
  }
  append_x_labels(out, d.labels, n > 1 ? left : left + w / 2, spacing, 0, top + h + 16);
  for (std::size_t s = 0; s < d.series.size(); ++s) {
    const std::string colour = series_colour(s);
    std::vector<std::pair<std::size_t, double>> pts;
    std::string path;
    bool pen_down = false;
    for (const auto& [i, v] : d.series[s].points) {
      if (!v) {  // an explicit gap: lift the pen
        pen_down = false;
        continue;
      }
      path += (pen_down ? "L" : "M") + coord(x_of(i)) + " " + coord(y_of(*v));
      pen_down = true;
      pts.emplace_back(i, *v);
    }
    if (!path.empty())
      out += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour +
             "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
    if (pts.size() <= 40)  // markers only while they do not merge into a smear
      for (const auto& [i, v] : pts) append_marker(out, s, x_of(i), y_of(v), colour);
  }
  if (target) {
    const double y = y_of(*target);
    append_line(out, left, y, left + w, y, kInk, " stroke-dasharray=\"5 4\" stroke-width=\"1.2\"");
    append_text(out, left + w + 4, y + 3.5, "start", "target");
  }
  out += "</svg>";
}

void bar_chart(FigureParts& f, const Tree& element, std::optional<double> target, const std::string& unit) {
  std::string& out = f.svg;
  // One series; each point is a bar (labels may repeat, so no label union).
  std::vector<std::pair<std::string, std::optional<double>>> bars;
  double lo = 0, hi = 0;
  if (const Tree::Array* series = array_field(element, "series"))
    for (const Tree& s : *series) {
      const Tree::Array* points = array_field(s, "points");
      if (!points || points->empty()) continue;
      for (const Tree& p : *points) {
        bars.push_back(read_point(p));
        if (bars.back().second) lo = std::min(lo, *bars.back().second), hi = std::max(hi, *bars.back().second);
      }
      break;
    }
  if (bars.empty()) return set_note(f, "No data to chart.");
  if (target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  const auto axis = nice_axis(lo, hi, chart::AxisFor::Bars, unit);
  if (!axis) return set_note(f, "Chart values are out of range.");
  const double label_w = 170, w = 400, row = 22, top = 6;
  const double h = row * static_cast<double>(bars.size());
  auto x_of = [&](double v) { return label_w + w * axis->frac(v); };
  open_svg(out, label_w + w + 80, top + h + 24, "Bar chart");
  for (double t : axis->ticks) {
    append_line(out, x_of(t), top, x_of(t), top + h, t == 0 ? "#8a8f96" : kGrid);
    append_text(out, x_of(t), top + h + 14, "middle", with_unit(t, unit, axis->decimals));
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    const auto& [label, v] = bars[i];
    out += "<g><title>";
    append_escaped(out, label);
    out += "</title>";
    append_text(out, label_w - 6, y + 15, "end", shorten(label, 28));
    out += "</g>";
    if (!v) {
      append_text(out, x_of(0) + 4, y + 15, "start", kDash);
      continue;
    }
    const double x0 = x_of(std::min(0.0, *v)), x1 = x_of(std::max(0.0, *v));
    out += "<rect x=\"" + coord(x0) + "\" y=\"" + coord(y + 4) + "\" width=\"" + coord(std::max(x1 - x0, 0.5)) +
           "\" height=\"14\" fill=\"" + series_colour(0) + "\"/>";
    if (*v >= 0)
      append_text(out, x1 + 4, y + 15, "start", with_unit(*v, unit));
    else
      append_text(out, x0 - 4, y + 15, "end", with_unit(*v, unit));
  }
  if (target) {
    append_line(out, x_of(*target), top, x_of(*target), top + h, kInk,
                " stroke-dasharray=\"5 4\" stroke-width=\"1.2\"");
    append_text(out, x_of(*target), top + h + 24, "middle", "target");
  }
  out += "</svg>";
}

void stacked_bar_chart(FigureParts& f, const ChartData& d, std::optional<double> target, const std::string& unit) {
  std::string& out = f.svg;
  const std::size_t n = d.labels.size();
  // Positive values stack upwards from zero, negative ones downwards.
  std::vector<double> up(n, 0.0), down(n, 0.0);
  for (const auto& s : d.series)
    for (const auto& [i, v] : s.points)
      if (v) (*v >= 0 ? up[i] : down[i]) += *v;
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < n; ++i) lo = std::min(lo, down[i]), hi = std::max(hi, up[i]);
  if (target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  const auto axis = nice_axis(lo, hi, chart::AxisFor::Bars, unit);
  if (!axis) return set_note(f, "Chart values are out of range.");
  const double left = 64, top = 12, w = 520, h = 210;
  const double slot = w / static_cast<double>(std::max<std::size_t>(n, 1));
  auto y_of = [&](double v) { return top + h * (1 - axis->frac(v)); };
  open_svg(out, 660, 262, "Stacked bar chart");
  append_y_axis(out, *axis, left, top, w, h, unit);
  append_x_labels(out, d.labels, left, slot, slot / 2, top + h + 16);
  std::fill(up.begin(), up.end(), 0.0);
  std::fill(down.begin(), down.end(), 0.0);
  for (std::size_t s = 0; s < d.series.size(); ++s)
    for (const auto& [i, v] : d.series[s].points) {
      if (!v || *v == 0) continue;
      double& base = *v > 0 ? up[i] : down[i];
      const double y0 = y_of(base), y1 = y_of(base + *v);
      base += *v;
      out += "<rect x=\"" + coord(left + slot * (static_cast<double>(i) + 0.18)) + "\" y=\"" + coord(std::min(y0, y1)) +
             "\" width=\"" + coord(slot * 0.64) + "\" height=\"" + coord(std::fabs(y1 - y0)) + "\" fill=\"" +
             series_colour(s) + "\" stroke=\"#fff\" stroke-width=\"0.5\">";
      out += "<title>";
      append_escaped(out, d.series[s].name + ", " + d.labels[i] + ": " + with_unit(*v, unit));
      out += "</title></rect>";
    }
  if (target) {
    append_line(out, left, y_of(*target), left + w, y_of(*target), kInk,
                " stroke-dasharray=\"5 4\" stroke-width=\"1.2\"");
    append_text(out, left + w + 4, y_of(*target) + 3.5, "start", "target");
  }
  out += "</svg>";
}

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

FigureParts chart_parts(const Tree& element) {
  FigureParts f;
  f.kind = "chart";
  const std::string* kind = string_field(element, "kind");
  const std::string unit = scalar_text(element.find("unit"));
  const std::optional<double> target = number_field(element, "target");
  if (const std::string* title = string_field(element, "title")) f.title = *title;
  const std::string k = kind ? *kind : "line";
  if (k == "bar") {
    bar_chart(f, element, target, unit);
    if (target) add_legend(f, ChartData{}, target, unit);
  } else if (k == "line" || k == "stacked_bar") {
    const ChartData d = read_series(element);
    if (d.labels.empty() || !std::isfinite(d.min))
      set_note(f, "No data to chart.");
    else if (k == "line")
      line_chart(f, d, target, unit);
    else
      stacked_bar_chart(f, d, target, unit);
    if (!d.labels.empty() && std::isfinite(d.min)) add_legend(f, d, target, unit);
  } else {
    set_note(f, "Chart kind \"" + k + "\" cannot be shown.");
  }
  return f;
}

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
