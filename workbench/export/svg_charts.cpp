// The chart kinds of the papers (line, bar, stacked bar, SPC), drawn as
// standalone SVG from a resolved `chart` element (export/svg.hpp). The
// window draws the same charts from the same element (ui/charts.cpp,
// ui/spc_chart.cpp) on core's axes and colours (core/chart_axis.hpp).
//
// A point may carry an interval (`lower`, `upper`; the element's `level`,
// 0.95 unless given): a bar gets a whisker from lower to upper, a line a
// translucent band in its colour, the axis reaches the interval's ends and
// the point's <title> says it ("4.22, 95% CI 4.05 to 4.40").
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/chart_axis.hpp"
#include "core/format.hpp"
#include "core/palette.hpp"
#include "core/rag.hpp"
#include "core/text.hpp"
#include "export/svg.hpp"

namespace gb::exporter::detail {

namespace {

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

// A point's interval, from { lower = ..., upper = ... } or the positional
// { label, value, lower, upper }: both ends finite, else none.
struct Interval {
  double lower, upper;
};
std::optional<Interval> read_interval(const Tree& p) {
  const Tree::Array* a = p.is_array() ? &p.as_array() : nullptr;
  const auto lo = a ? (a->size() > 2 ? finite(&(*a)[2]) : std::nullopt) : finite(p.find("lower"));
  const auto hi = a ? (a->size() > 3 ? finite(&(*a)[3]) : std::nullopt) : finite(p.find("upper"));
  if (!lo || !hi) return std::nullopt;
  return Interval{std::min(*lo, *hi), std::max(*lo, *hi)};
}

// The confidence of a chart's intervals: its `level`, else 95%.
double interval_level(const Tree& element) {
  const auto l = number_field(element, "level");
  return l && *l > 0 && *l < 1 ? *l : 0.95;
}

// Series as sparse (label index, value) lists over the union of labels in
// order of first appearance.
struct Series {
  std::string name;
  std::vector<std::pair<std::size_t, std::optional<double>>> points;
  std::vector<std::optional<Interval>> intervals;  // one per point
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
        out.intervals.push_back(value ? read_interval(p) : std::nullopt);
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

void line_chart(FigureParts& f, const ChartData& d, std::optional<double> target, const std::string& unit,
                double level) {
  std::string& out = f.svg;
  double lo = d.min, hi = d.max;
  for (const Series& s : d.series)  // the axis reaches the bands' edges
    for (const auto& ci : s.intervals)
      if (ci) lo = std::min(lo, ci->lower), hi = std::max(hi, ci->upper);
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
  // Bands first, under every line: a run of points with intervals is a
  // translucent polygon in the series' colour (upper ends out, lower ends
  // back); a lone point's interval, a thin bar.
  for (std::size_t s = 0; s < d.series.size(); ++s) {
    const Series& se = d.series[s];
    const std::string colour = series_colour(s);
    for (std::size_t a = 0; a < se.points.size();) {
      std::size_t b = a;
      while (b < se.points.size() && se.intervals[b]) ++b;
      if (b == a) {
        ++a;
        continue;
      }
      // A lone point's interval is 3 units wide; a run's, as wide as the run.
      const double pad = b - a == 1 ? 1.5 : 0;
      out += "<path class=\"ci-band\" d=\"";
      for (std::size_t k = a; k < b; ++k)
        out += (k == a ? "M" : "L") + coord(x_of(se.points[k].first) - (k == a ? pad : 0)) + " " +
               coord(y_of(se.intervals[k]->upper));
      if (pad > 0) out += "L" + coord(x_of(se.points[a].first) + pad) + " " + coord(y_of(se.intervals[a]->upper));
      for (std::size_t k = b; k-- > a;)
        out += "L" + coord(x_of(se.points[k].first) + pad) + " " + coord(y_of(se.intervals[k]->lower));
      if (pad > 0) out += "L" + coord(x_of(se.points[a].first) - pad) + " " + coord(y_of(se.intervals[a]->lower));
      out += "Z\" fill=\"" + colour + "\" fill-opacity=\"0.2\" stroke=\"none\"><title>";
      append_escaped(out, se.name + ": " + format_percent(level * 100, 4) + " interval");
      out += "</title></path>";
      a = b;
    }
  }
  for (std::size_t s = 0; s < d.series.size(); ++s) {
    const std::string colour = series_colour(s);
    std::vector<std::pair<std::size_t, double>> pts;
    std::string path;
    bool pen_down = false;
    std::vector<std::optional<Interval>> cis;
    for (std::size_t k = 0; k < d.series[s].points.size(); ++k) {
      const auto& [i, v] = d.series[s].points[k];
      if (!v) {  // an explicit gap: lift the pen
        pen_down = false;
        continue;
      }
      path += (pen_down ? "L" : "M") + coord(x_of(i)) + " " + coord(y_of(*v));
      pen_down = true;
      pts.emplace_back(i, *v);
      cis.push_back(d.series[s].intervals[k]);
    }
    if (!path.empty())
      out += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour +
             "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
    if (pts.size() <= 40)  // markers only while they do not merge into a smear
      for (std::size_t k = 0; k < pts.size(); ++k) {
        const auto& [i, v] = pts[k];
        if (!cis[k]) {
          append_marker(out, s, x_of(i), y_of(v), colour);
          continue;
        }
        out += "<g><title>";  // the point's interval in words, as the window's tooltip
        append_escaped(out, d.labels[i] + ": " + format_interval(v, cis[k]->lower, cis[k]->upper, unit, level));
        out += "</title>";
        append_marker(out, s, x_of(i), y_of(v), colour);
        out += "</g>";
      }
  }
  if (target) {
    const double y = y_of(*target);
    append_line(out, left, y, left + w, y, kInk, " stroke-dasharray=\"5 4\" stroke-width=\"1.2\"");
    append_text(out, left + w + 4, y + 3.5, "start", "target");
  }
  out += "</svg>";
}

// An XmR chart (kind "spc", resolved by the host from an indicator), to the
// window's spec (ui/spc_chart.hpp): grey values, solid mean, dashed limits
// stepping at recalculations, special causes blue (improving) or orange.
void spc_chart(FigureParts& f, const Tree& element, std::optional<double> target, const std::string& unit) {
  std::string& out = f.svg;
  struct Pt {
    std::string label;
    double value, mean, lcl, ucl;
    std::string special;
  };
  std::vector<Pt> pts;
  const Tree::Array* series = array_field(element, "series");
  const Tree::Array* points = series && !series->empty() ? array_field(series->front(), "points") : nullptr;
  double lo = INFINITY, hi = -INFINITY;
  for (const Tree& p : points ? *points : Tree::Array{}) {
    const auto v = finite(p.find("value")), m = finite(p.find("mean"));
    const auto l = finite(p.find("lcl")), u = finite(p.find("ucl"));
    if (!v || !m || !l || !u) continue;
    const std::string* special = string_field(p, "special");
    pts.push_back({scalar_text(p.find("label")), *v, *m, *l, *u, special ? *special : ""});
    lo = std::min({lo, *v, *l});
    hi = std::max({hi, *v, *u});
  }
  if (pts.empty()) return set_note(f, "No data to chart.");
  if (target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  const auto axis = nice_axis(lo, hi, chart::AxisFor::Limits, unit);
  if (!axis) return set_note(f, "Chart values are out of range.");
  // Wider than the other charts: the lines' labels at the right edge carry
  // their values ("upper 70.3%").
  const double left = 64, top = 12, w = 520, h = 210, width = 690, height = 262;
  const std::size_t n = pts.size();
  const double spacing = n > 1 ? w / static_cast<double>(n - 1) : 0;
  auto x_of = [&](std::size_t i) { return n > 1 ? left + static_cast<double>(i) * spacing : left + w / 2; };
  auto y_of = [&](double v) { return top + h * (1 - axis->frac(v)); };
  open_svg(out, width, height, "SPC chart");
  append_y_axis(out, *axis, left, top, w, h, unit);
  append_line(out, left, top + h, left + w, top + h, "#8a8f96");
  std::vector<std::string> labels;
  for (const auto& p : pts) labels.push_back(p.label);
  append_x_labels(out, labels, n > 1 ? left : left + w / 2, spacing, 0, top + h + 16);
  const std::string improving = hex(rag_fill(Rag::Blue)), concerning = hex(rag_fill(Rag::Amber));
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && pts[j + 1].mean == pts[i].mean && pts[j + 1].ucl == pts[i].ucl) ++j;
    const double x1 = i == 0 ? x_of(0) : (x_of(i - 1) + x_of(i)) / 2,
                 x2 = j + 1 == n ? x_of(j) : (x_of(j) + x_of(j + 1)) / 2;
    append_line(out, x1, y_of(pts[i].mean), x2, y_of(pts[i].mean), kInk, " stroke-width=\"1.2\" class=\"spc-mean\"");
    for (const double lim : {pts[i].lcl, pts[i].ucl})
      append_line(out, x1, y_of(lim), x2, y_of(lim), "#8a8f96",
                  " stroke-dasharray=\"6 3\" stroke-width=\"1.2\" class=\"spc-limit\"");
    i = j + 1;
  }
  std::string path;
  for (std::size_t i = 0; i < n; ++i) path += (i ? "L" : "M") + coord(x_of(i)) + " " + coord(y_of(pts[i].value));
  out += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#8a8f96\" stroke-width=\"1.5\"/>";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = pts[i];
    const std::string x = coord(x_of(i)), y = coord(y_of(p.value));
    if (p.special == "improving" || p.special == "concerning")
      out += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"4.5\" fill=\"" +
             (p.special == "improving" ? improving : concerning) + "\" stroke=\"" + kInk +
             "\" stroke-width=\"0.8\" class=\"spc-special\"/>";
    else if (!p.special.empty())
      out += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"4.5\" fill=\"#fff\" stroke=\"" + kInk +
             "\" stroke-width=\"1.6\" class=\"spc-special\"/>";
    else
      out += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"2.5\" fill=\"#8a8f96\"/>";
  }
  if (target) {
    const double y = y_of(*target);
    append_line(out, left, y, left + w, y, kInk, " stroke-dasharray=\"2 3\" stroke-width=\"1.2\"");
  }
  // Each line named with its value at the right edge, as in the window;
  // labels of lines that lie close (a limit on the target) are set apart.
  const auto& last = pts.back();
  struct EdgeLabel {
    double value;
    std::string text;
    bool limit;  // grey, as the limits' lines are
  };
  std::vector<EdgeLabel> edge = {{last.ucl, "upper " + with_unit(last.ucl, unit, 1), true},
                                 {last.mean, "mean " + with_unit(last.mean, unit, 1), false},
                                 {last.lcl, "lower " + with_unit(last.lcl, unit, 1), true}};
  if (target) edge.push_back({*target, "target " + with_unit(*target, unit, 1), false});
  std::vector<double> wanted;
  for (const auto& e : edge) wanted.push_back(y_of(e.value));
  const auto placed = chart::spread_labels(wanted, 11, top, top + h + 8);
  for (std::size_t i = 0; i < edge.size(); ++i)
    append_text(out, left + w + 4, placed[i] + 3.5, "start", edge[i].text, edge[i].limit ? " fill=\"#5f6368\"" : "");
  out += "</svg>";
  f.legend.push_back({LegendKey::Mark::Swatch, kInk, "mean"});
  f.legend.push_back(
      {LegendKey::Mark::Dashed, "#8a8f96", "process limits (mean \u00b1 2.66 \u00d7 mean moving range)"});
  f.legend.push_back({LegendKey::Mark::Dot, improving, "special cause, improving"});
  f.legend.push_back({LegendKey::Mark::Dot, concerning, "special cause, concerning"});
  if (target) f.legend.push_back({LegendKey::Mark::Dashed, kInk, "target " + with_unit(*target, unit)});
  std::string caption;
  if (const std::string* v = string_field(element, "variation_words")) caption = *v;
  if (const std::string* a = string_field(element, "assurance_words")) caption += (caption.empty() ? "" : "; ") + *a;
  if (!caption.empty()) f.caption = caption + ".";
}

void bar_chart(FigureParts& f, const Tree& element, std::optional<double> target, const std::string& unit) {
  std::string& out = f.svg;
  const double level = interval_level(element);
  // One series; each point is a bar (labels may repeat, so no label union).
  std::vector<std::pair<std::string, std::optional<double>>> bars;
  std::vector<std::optional<Interval>> cis;  // one per bar
  double lo = 0, hi = 0;
  if (const Tree::Array* series = array_field(element, "series"))
    for (const Tree& s : *series) {
      const Tree::Array* points = array_field(s, "points");
      if (!points || points->empty()) continue;
      for (const Tree& p : *points) {
        bars.push_back(read_point(p));
        cis.push_back(bars.back().second ? read_interval(p) : std::nullopt);
        if (bars.back().second) lo = std::min(lo, *bars.back().second), hi = std::max(hi, *bars.back().second);
        if (cis.back()) lo = std::min(lo, cis.back()->lower), hi = std::max(hi, cis.back()->upper);
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
    const std::optional<Interval>& ci = cis[i];
    if (ci) {  // the bar and its whisker share a <title> saying the interval
      out += "<g class=\"ci\"><title>";
      append_escaped(out, label + ": " + format_interval(*v, ci->lower, ci->upper, unit, level));
      out += "</title>";
    }
    out += "<rect x=\"" + coord(x0) + "\" y=\"" + coord(y + 4) + "\" width=\"" + coord(std::max(x1 - x0, 0.5)) +
           "\" height=\"14\" fill=\"" + series_colour(0) + "\"/>";
    if (ci) {  // a whisker: a thin line from lower to upper with end caps
      const double wl = x_of(ci->lower), wu = x_of(ci->upper);
      const char* stroke = " stroke-width=\"1.2\" class=\"ci-whisker\"";
      append_line(out, wl, y + 11, wu, y + 11, kInk, stroke);
      append_line(out, wl, y + 6, wl, y + 16, kInk, stroke);
      append_line(out, wu, y + 6, wu, y + 16, kInk, stroke);
      out += "</g>";
    }
    // The value past the bar's end, or past its whisker's.
    if (*v >= 0)
      append_text(out, std::max(x1, ci ? x_of(ci->upper) : x1) + 4, y + 15, "start", with_unit(*v, unit));
    else
      append_text(out, std::min(x0, ci ? x_of(ci->lower) : x0) - 4, y + 15, "end", with_unit(*v, unit));
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

}  // namespace

FigureParts chart_parts(const Tree& element) {
  FigureParts f;
  f.kind = "chart";
  const std::string* kind = string_field(element, "kind");
  const std::string unit = scalar_text(element.find("unit"));
  const std::optional<double> target = number_field(element, "target");
  if (const std::string* title = string_field(element, "title")) f.title = *title;
  const std::string k = kind ? *kind : "line";
  if (k == "spc") {
    spc_chart(f, element, target, unit);
  } else if (k == "bar") {
    bar_chart(f, element, target, unit);
    if (target) add_legend(f, ChartData{}, target, unit);
  } else if (k == "line" || k == "stacked_bar") {
    const ChartData d = read_series(element);
    if (d.labels.empty() || !std::isfinite(d.min))
      set_note(f, "No data to chart.");
    else if (k == "line")
      line_chart(f, d, target, unit, interval_level(element));
    else
      stacked_bar_chart(f, d, target, unit);
    if (!d.labels.empty() && std::isfinite(d.min)) add_legend(f, d, target, unit);
  } else {
    set_note(f, "Chart kind \"" + k + "\" cannot be shown.");
  }
  return f;
}

}  // namespace gb::exporter::detail
