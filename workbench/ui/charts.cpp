// Charts drawn with ImDrawList inside an InvisibleButton, so each takes part
// in layout, hover and clicks like any widget. They keep no state between
// frames: what is drawn follows from the arguments and the mouse alone.
//
//   1. helpers: numbers, nice ticks, text fitting, polylines (the canvas
//      is in chart_canvas.hpp, shared with the heat map)
//   2. line_chart
//   3. bar_chart
//   4. sparkline
// The heat map is in heat_map.cpp.
#include "ui/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/chart_axis.hpp"
#include "core/format.hpp"  // format_interval
#include "ui/chart_canvas.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui::charts {

namespace detail {}  // namespace detail

using namespace detail;

namespace {

// --- 1. helpers ---------------------------------------------------------------

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Counts read as integers, rates keep two decimals; thousands get commas.
std::string format_number(double v, int decimals, bool trim_zeros) {
  char buf[64];
  if (std::abs(v) >= 1e15) {
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
  }
  if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0.0;  // never "-0.0"
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (trim_zeros && s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  const std::size_t start = s[0] == '-' ? 1 : 0;
  for (std::size_t i = std::min(s.find('.'), s.size()); i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

std::string value_text(double v, const char* unit) {
  std::string s = format_number(v, std::abs(v) >= 100 ? 0 : std::abs(v) >= 10 ? 1 : 2, true);
  if (unit == nullptr || *unit == 0) return s;
  return std::strcmp(unit, "%") == 0 ? s + "%" : s + " " + unit;
}

// Strokes pts, breaking the line at NaN y. Points sharing a pixel column
// collapse to first, lowest, highest and last, so a series of any length
// costs a few vertices per pixel (16-bit index buffers hold 64K vertices).
void stroke_runs(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, float dot_radius) {
  std::vector<ImVec2> run;
  auto flush = [&] {
    if (run.size() == 1) dl->AddCircleFilled(run[0], dot_radius, col);
    if (run.size() > 1) dl->AddPolyline(run.data(), static_cast<int>(run.size()), col, ImDrawFlags_None, thickness);
    run.clear();
  };
  for (std::size_t i = 0, j = 0; i < pts.size(); i = std::max(j, i + 1)) {
    j = i;
    if (!std::isfinite(pts[i].y)) {
      flush();
      continue;
    }
    std::size_t low = i, high = i;
    for (; j < pts.size() && std::isfinite(pts[j].y) && std::floor(pts[j].x) == std::floor(pts[i].x); ++j) {
      if (pts[j].y < pts[low].y) low = j;
      if (pts[j].y > pts[high].y) high = j;
    }
    const std::size_t keep[] = {i, std::min(low, high), std::max(low, high), j - 1};
    if (j - i <= 3)
      run.insert(run.end(), pts.begin() + static_cast<std::ptrdiff_t>(i), pts.begin() + static_cast<std::ptrdiff_t>(j));
    else
      for (std::size_t k = 0; k < 4; ++k)
        if (k == 0 || keep[k] != keep[k - 1]) run.push_back(pts[keep[k]]);
  }
  flush();
}

// A point's or bar's interval when both ends are finite, lower end first.
std::optional<std::pair<double, double>> interval_of(std::optional<double> lower, std::optional<double> upper) {
  if (!lower || !upper || !std::isfinite(*lower) || !std::isfinite(*upper)) return std::nullopt;
  return std::pair{std::min(*lower, *upper), std::max(*lower, *upper)};
}

// The tooltip's words for a value, with its interval when it has one (the
// papers' <title> says the same: core/format.hpp format_interval).
std::string value_words(double v, std::optional<double> lower, std::optional<double> upper, const char* unit,
                        double level) {
  if (const auto ci = interval_of(lower, upper))
    return format_interval(v, ci->first, ci->second, unit ? unit : "", level);
  return value_text(v, unit);
}

// A translucent band under one series: a quad between each two neighbouring
// points that both have an interval (vertical sides, so convex), merged to
// one per pixel column; a lone point's interval is a thin bar.
template <class XMap, class YMap>
void fill_band(ImDrawList* dl, const Series& s, XMap xmap, YMap ymap, ImU32 fill) {
  std::optional<ImVec2> prev_hi, prev_lo;
  auto flush_lone = [&] {
    if (prev_hi) dl->AddRectFilled({prev_hi->x - 1.5f, prev_hi->y}, {prev_lo->x + 1.5f, prev_lo->y}, fill);
  };
  bool joined = false;  // whether prev_* has been joined to a neighbour
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const Point& p = s.points[i];
    const auto ci = std::isfinite(p.value) ? interval_of(p.lower, p.upper) : std::nullopt;
    if (!ci) {
      if (!joined) flush_lone();
      prev_hi.reset(), prev_lo.reset(), joined = false;
      continue;
    }
    const ImVec2 hi{xmap(i), ymap(ci->second)}, lo{xmap(i), ymap(ci->first)};
    const bool last_of_run = i + 1 == s.points.size() || !interval_of(s.points[i + 1].lower, s.points[i + 1].upper);
    if (prev_hi && hi.x - prev_hi->x < 1.0f && !last_of_run) continue;  // same pixel column
    if (prev_hi) {
      dl->AddQuadFilled(*prev_hi, hi, lo, *prev_lo, fill);
      joined = true;
    } else {
      joined = false;
    }
    prev_hi = hi, prev_lo = lo;
  }
  if (!joined) flush_lone();
}

}  // namespace

// --- 2. line_chart --------------------------------------------------------------

void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, std::optional<double> target,
                const char* unit, double level) {
  const float fs = ImGui::GetFontSize();
  const Canvas cv(id, resolve_size(size, fs * 14.0f));
  if (!cv.visible) return;
  const float line_h = cv.line_h;
  auto colour = [&](std::size_t k) { return series[k].colour != 0 ? series[k].colour : palette(static_cast<int>(k)); };
  auto name = [&](auto k) { return series[k].name.empty() ? "series " + std::to_string(k + 1) : series[k].name; };

  std::size_t n = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& s : series) {
    n = std::max(n, s.points.size());
    for (const auto& p : s.points)
      if (std::isfinite(p.value)) {
        lo = std::min(lo, p.value), hi = std::max(hi, p.value);
        if (const auto ci = interval_of(p.lower, p.upper)) lo = std::min(lo, ci->first), hi = std::max(hi, ci->second);
      }
  }
  if (!(lo <= hi)) return cv.no_data();
  const bool has_target = target.has_value() && std::isfinite(*target);
  if (has_target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  // Legend first (several series only): it flows onto as many rows as it
  // needs and the plot takes what is left.
  float top = cv.box.y0 + kPad;
  if (series.size() > 1) {
    const float swatch = fs * 1.2f;
    float x = cv.box.x0 + kPad;
    for (std::size_t si = 0; si < series.size(); ++si) {
      const float w = swatch + kPad + text_w(name(si)) + fs;
      if (x + w > cv.box.x1 && x > cv.box.x0 + kPad) x = cv.box.x0 + kPad, top += line_h;
      const float cy = top + line_h * 0.5f;
      cv.dl->AddLine({x, cy}, {x + swatch, cy}, colour(si), 2.5f);
      cv.dl->AddCircleFilled({x + swatch * 0.5f, cy}, 3.0f, colour(si));
      cv.text({x + swatch + kPad, top}, cv.ink, name(si));
      x += w;
    }
    top += line_h + kPad;
  }
  // Half a line above and below the plot, where the end ticks' labels reach.
  top += line_h * 0.5f;
  const float bottom = cv.box.y1 - line_h * 1.5f - kPad;  // x labels below that
  if (bottom - top < line_h) return;
  // The papers' axis (core/chart_axis.hpp): zero when the data come near it,
  // a minimum span, and a cut axis said in words.
  const auto axis = chart::value_axis(lo, hi, chart::AxisFor::Line, unit ? unit : "",
                                      std::max(2, static_cast<int>((bottom - top) / (line_h * 2.0f))));
  if (!axis) return cv.no_data();
  const chart::ValueAxis& t = *axis;
  std::vector<std::pair<double, std::string>> ticks;
  float tick_w = 0;
  for (double v : axis->ticks) {
    ticks.emplace_back(v, format_number(v, t.decimals, false));
    tick_w = std::max(tick_w, text_w(ticks.back().second));
  }
  const Box plot{cv.box.x0 + tick_w + 2 * kPad, top, cv.box.x1 - kPad, bottom};
  if (!axis->from_zero) {
    const std::string note = chart::cut_axis_note(*axis, unit ? unit : "");
    cv.text({plot.x1 - text_w(note), top - line_h * 0.5f - kPad}, cv.muted, note);
  }
  if (plot.w() < 8 || plot.h() < 8) return;
  auto ymap = [&](double v) { return static_cast<float>(plot.y1 - (v - t.lo) / (t.hi - t.lo) * plot.h()); };
  const float dx = n > 1 ? plot.w() / static_cast<float>(n - 1) : 0.0f;
  auto xmap = [&](std::size_t i) { return n > 1 ? plot.x0 + dx * static_cast<float>(i) : (plot.x0 + plot.x1) * 0.5f; };

  for (const auto& [v, label] : ticks) {
    cv.dl->AddLine({plot.x0, ymap(v)}, {plot.x1, ymap(v)}, cv.faint(0.08f));
    cv.text({plot.x0 - kPad - text_w(label), ymap(v) - line_h * 0.5f}, cv.muted, label);
  }
  cv.dl->AddLine({plot.x0, plot.y1}, {plot.x1, plot.y1}, cv.faint(0.35f));
  // x labels: a regular stride from the widest label, then a check against
  // the last one drawn, so none overlap even after clamping at the edges.
  auto x_label = [&](std::size_t i) -> const std::string* {
    for (const auto& s : series)
      if (i < s.points.size() && !s.points[i].label.empty()) return &s.points[i].label;
    return nullptr;
  };
  float widest = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (const std::string* l = x_label(i)) widest = std::max(widest, text_w(*l));
  const auto stride = n > 1 ? std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + fs) / dx))) : 1;
  float last_right = -std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < n; i += stride) {
    if (x_label(i) == nullptr) continue;
    const std::string s = fit_text(*x_label(i), cv.box.w());
    const float x = std::max(cv.box.x0, std::min(xmap(i) - text_w(s) * 0.5f, cv.box.x1 - text_w(s)));
    if (x < last_right + fs) continue;
    cv.text({x, plot.y1 + line_h * 0.5f + kPad}, cv.muted, s);
    last_right = x + text_w(s);
  }

  if (has_target) {
    const float y = ymap(*target);
    const ImU32 c = cv.faint(0.65f);
    for (int k = 0; static_cast<float>(k) * 10.0f < plot.w(); ++k)  // dashes: 6 px on, 4 off
      cv.dl->AddLine({plot.x0 + static_cast<float>(k) * 10.0f, y},
                     {std::min(plot.x0 + static_cast<float>(k) * 10.0f + 6.0f, plot.x1), y}, c, 1.5f);
    cv.text({plot.x1 - text_w("target"), y - line_h - 1.0f < plot.y0 ? y + 1.0f : y - line_h - 1.0f}, c, "target");
  }

  // Bands under every line, in the series' colours at the papers' opacity (0.2).
  for (std::size_t si = 0; si < series.size(); ++si)
    fill_band(cv.dl, series[si], xmap, ymap, (colour(si) & ~IM_COL32_A_MASK) | (51u << IM_COL32_A_SHIFT));
  const bool markers = plot.w() / static_cast<float>(n) >= 12.0f;
  std::vector<ImVec2> pts;
  for (std::size_t si = 0; si < series.size(); ++si) {
    pts.clear();
    for (std::size_t i = 0; i < series[si].points.size(); ++i) {
      const double v = series[si].points[i].value;
      pts.push_back({xmap(i), std::isfinite(v) ? ymap(v) : kNaN});
    }
    stroke_runs(cv.dl, pts, colour(si), 2.0f, 3.0f);
    for (const ImVec2& p : pts)
      if (markers && std::isfinite(p.y)) cv.dl->AddCircleFilled(p, 2.5f, colour(si));
  }

  if (!cv.hovered) return;
  const float mx = ImGui::GetIO().MousePos.x;
  const auto i = n > 1 ? static_cast<std::size_t>(std::clamp(std::round((mx - plot.x0) / dx), 0.0f, float(n - 1))) : 0;
  cv.dl->AddLine({xmap(i), plot.y0}, {xmap(i), plot.y1}, cv.faint(0.3f));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(x_label(i) != nullptr ? x_label(i)->c_str() : ("point " + std::to_string(i + 1)).c_str());
  ImGui::Separator();
  for (std::size_t si = 0; si < series.size(); ++si) {
    const bool has = i < series[si].points.size() && std::isfinite(series[si].points[i].value);
    if (has) cv.dl->AddCircle({xmap(i), ymap(series[si].points[i].value)}, 4.5f, colour(si), 0, 2.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour(si)), "%s", symbols_available() ? "\u25CF" : "o");
    ImGui::SameLine();
    const Point* p = has ? &series[si].points[i] : nullptr;
    const std::string v = p ? value_words(p->value, p->lower, p->upper, unit, level) : "no value";
    ImGui::Text("%s: %s", name(si).c_str(), v.c_str());
  }
  if (has_target) ImGui::TextDisabled("target: %s", value_text(*target, unit).c_str());
  ImGui::EndTooltip();
}

// --- 3. bar_chart ---------------------------------------------------------------

void bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit, double level) {
  const float line_h = ImGui::GetTextLineHeight();
  const std::size_t n = bars.size();
  const Canvas cv(id, resolve_size(size, n == 0 ? line_h * 3 : static_cast<float>(n) * (line_h + 4.0f) + 2 * kPad));
  if (!cv.visible) return;

  double lo = 0, hi = 0;  // bars start at zero, so zero is always in range
  bool any = false, any_rag = false;
  for (const Bar& b : bars) {
    if (std::isfinite(b.value)) lo = std::min(lo, b.value), hi = std::max(hi, b.value), any = true;
    if (const auto ci = std::isfinite(b.value) ? interval_of(b.lower, b.upper) : std::nullopt)
      lo = std::min(lo, ci->first), hi = std::max(hi, ci->second);  // the whiskers' ends are on the axis
    any_rag = any_rag || b.rag != Rag::None;
  }
  if (!any) return cv.no_data();
  if (hi == lo) hi = 1;
  const float top = cv.box.y0 + kPad;
  const float row_h = (cv.box.h() - 2 * kPad) / static_cast<float>(n);
  const bool text_rows = row_h >= line_h;  // else too thin for labels
  float label_w = 0, value_w = 0;
  if (text_rows) {
    for (const Bar& b : bars) label_w = std::max(label_w, text_w(b.label));
    label_w = std::min(label_w, cv.box.w() * 0.4f);
    // Widest value text: the extremes, or a small value with two decimals.
    const std::string sym = any_rag ? std::string(symbols_available() ? "\u25C6 " : "<> ") : "";
    for (double v : {lo, hi, lo < 0 ? -8.88 : 8.88}) value_w = std::max(value_w, text_w(sym + value_text(v, unit)));
  }
  Box area{cv.box.x0 + (label_w > 0 ? label_w + 2 * kPad : kPad), top, cv.box.x1 - value_w - kPad, cv.box.y1 - kPad};
  if (lo < 0) area.x0 += value_w + kPad;
  if (area.w() < 4) return;
  auto xmap = [&](double v) { return static_cast<float>(area.x0 + (v - lo) / (hi - lo) * area.w()); };
  const float zero_x = xmap(0);
  cv.dl->AddLine({zero_x, area.y0}, {zero_x, area.y1}, cv.faint(0.35f));

  // Only the rows inside the clip rectangle are drawn: a long list in a
  // scrolling child costs what is on screen.
  auto row_at = [&](float y) {
    return static_cast<std::size_t>(std::clamp(std::floor((y - top) / row_h), 0.0f, static_cast<float>(n - 1)));
  };
  const std::size_t first = row_at(cv.dl->GetClipRectMin().y), last = row_at(cv.dl->GetClipRectMax().y);
  const float my = ImGui::GetIO().MousePos.y;
  const std::size_t hov = cv.hovered && my >= top && my < top + row_h * static_cast<float>(n) ? row_at(my) : n;
  const ImU32 neutral = palette(0);  // the papers' bar colour
  auto bar_colour = [&](const Bar& b) { return b.rag == Rag::None ? neutral : rag_colour(b.rag); };

  if (text_rows) {
    const float thick = std::min(row_h * 0.7f, line_h * 1.1f);
    for (std::size_t i = first; i <= last; ++i) {
      const Bar& b = bars[i];
      const float y = top + row_h * static_cast<float>(i), cy = y + row_h * 0.5f, ty = cy - line_h * 0.5f;
      if (i == hov)
        cv.dl->AddRectFilled({cv.box.x0, y}, {cv.box.x1, y + row_h}, ImGui::GetColorU32(ImGuiCol_HeaderHovered));
      if (label_w > 0) cv.text({cv.box.x0 + kPad, ty}, cv.ink, fit_text(b.label, label_w));
      if (!std::isfinite(b.value)) {
        cv.text({zero_x + kPad, ty}, cv.muted, symbols_available() ? "\u2013" : "-");
        continue;
      }
      const float bx = xmap(b.value);
      cv.dl->AddRectFilled({std::min(zero_x, bx), cy - thick * 0.5f}, {std::max(zero_x, bx) + 0.5f, cy + thick * 0.5f},
                           bar_colour(b), 2.0f);
      // The interval: a whisker from lower to upper with end caps, in ink
      // over the bar, as the papers draw it.
      float end_hi = std::max(bx, zero_x), end_lo = std::min(bx, zero_x);
      if (const auto ci = interval_of(b.lower, b.upper)) {
        const float wl = xmap(ci->first), wu = xmap(ci->second), cap = thick * 0.35f;
        cv.dl->AddLine({wl, cy}, {wu, cy}, cv.ink, 1.5f);
        cv.dl->AddLine({wl, cy - cap}, {wl, cy + cap}, cv.ink, 1.5f);
        cv.dl->AddLine({wu, cy - cap}, {wu, cy + cap}, cv.ink, 1.5f);
        end_hi = std::max(end_hi, wu), end_lo = std::min(end_lo, wl);
      }
      // The value, after the band's shape in its colour: the band reads
      // without colour, as everywhere else.
      const std::string sym = b.rag == Rag::None ? "" : std::string(rag_symbol(b.rag)) + " ";
      const std::string val = value_text(b.value, unit);
      const float tx = b.value >= 0 ? end_hi + kPad : end_lo - kPad - text_w(sym + val);
      cv.text({tx, ty}, bar_colour(b), sym);
      cv.text({tx + text_w(sym), ty}, cv.ink, val);
    }
  } else {
    // Thinner than a text row: one rectangle per pixel row, for the
    // largest bar in it, so vertices stay bounded by the chart's height.
    for (std::size_t i = first; i <= last;) {
      const float y = std::floor(top + row_h * static_cast<float>(i));
      std::size_t best = n;
      for (; i <= last && std::floor(top + row_h * static_cast<float>(i)) == y; ++i)
        if (std::isfinite(bars[i].value) && (best == n || std::abs(bars[i].value) > std::abs(bars[best].value)))
          best = i;
      if (best == n) continue;
      const float bx = xmap(bars[best].value);
      cv.dl->AddRectFilled({std::min(zero_x, bx), y}, {std::max(zero_x, bx) + 0.5f, y + std::max(1.0f, row_h)},
                           bar_colour(bars[best]));
    }
  }

  if (hov == n) return;
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(bars[hov].label.empty() ? "(no label)" : bars[hov].label.c_str());
  const Bar& hb = bars[hov];
  ImGui::TextUnformatted(std::isfinite(hb.value) ? value_words(hb.value, hb.lower, hb.upper, unit, level).c_str()
                                                 : "no value");
  if (bars[hov].rag != Rag::None) rag_badge(bars[hov].rag);
  ImGui::EndTooltip();
}

// --- 3b. stacked_bar_chart -------------------------------------------------------

void stacked_bar_chart(const char* id, const std::vector<Series>& series, ImVec2 size, std::optional<double> target,
                       const char* unit) {
  const float fs = ImGui::GetFontSize();
  const Canvas cv(id, resolve_size(size, fs * 14.0f));
  if (!cv.visible) return;
  const float line_h = cv.line_h;
  auto colour = [&](std::size_t k) { return series[k].colour != 0 ? series[k].colour : palette(static_cast<int>(k)); };
  auto name = [&](std::size_t k) {
    return series[k].name.empty() ? "series " + std::to_string(k + 1) : series[k].name;
  };
  std::size_t n = 0;
  for (const auto& s : series) n = std::max(n, s.points.size());
  // Positive parts stack up from zero, negative ones down.
  std::vector<double> up(n, 0.0), down(n, 0.0);
  bool any = false;
  for (const auto& s : series)
    for (std::size_t i = 0; i < s.points.size(); ++i)
      if (std::isfinite(s.points[i].value)) {
        (s.points[i].value >= 0 ? up[i] : down[i]) += s.points[i].value;
        any = true;
      }
  if (!any) return cv.no_data();
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < n; ++i) lo = std::min(lo, down[i]), hi = std::max(hi, up[i]);
  const bool has_target = target.has_value() && std::isfinite(*target);
  if (has_target) lo = std::min(lo, *target), hi = std::max(hi, *target);

  float top = cv.box.y0 + kPad;
  {  // the legend: every series, flowing onto as many rows as it needs
    const float swatch = fs * 0.9f;
    float x = cv.box.x0 + kPad;
    for (std::size_t si = 0; si < series.size(); ++si) {
      const float w = swatch + kPad + text_w(name(si)) + fs;
      if (x + w > cv.box.x1 && x > cv.box.x0 + kPad) x = cv.box.x0 + kPad, top += line_h;
      const float cy = top + line_h * 0.5f;
      cv.dl->AddRectFilled({x, cy - swatch * 0.5f}, {x + swatch, cy + swatch * 0.5f}, colour(si));
      cv.text({x + swatch + kPad, top}, cv.ink, name(si));
      x += w;
    }
    top += line_h + kPad + line_h * 0.5f;
  }
  const float bottom = cv.box.y1 - line_h * 1.5f - kPad;
  if (bottom - top < line_h) return;
  const auto axis = chart::value_axis(lo, hi, chart::AxisFor::Bars, unit ? unit : "",
                                      std::max(2, static_cast<int>((bottom - top) / (line_h * 2.0f))));
  if (!axis) return cv.no_data();
  float tick_w = 0;
  for (double v : axis->ticks) tick_w = std::max(tick_w, text_w(format_number(v, axis->decimals, false)));
  const Box plot{cv.box.x0 + tick_w + 2 * kPad, top, cv.box.x1 - kPad, bottom};
  if (plot.w() < 8 || plot.h() < 8) return;
  auto ymap = [&](double v) { return static_cast<float>(plot.y1 - axis->frac(v) * plot.h()); };
  for (double v : axis->ticks) {
    const std::string label = format_number(v, axis->decimals, false);
    cv.dl->AddLine({plot.x0, ymap(v)}, {plot.x1, ymap(v)}, v == 0 ? cv.faint(0.35f) : cv.faint(0.08f));
    cv.text({plot.x0 - kPad - text_w(label), ymap(v) - line_h * 0.5f}, cv.muted, label);
  }
  const float slot = plot.w() / static_cast<float>(std::max<std::size_t>(n, 1));
  auto x_label = [&](std::size_t i) -> std::string {
    for (const auto& s : series)
      if (i < s.points.size() && !s.points[i].label.empty()) return s.points[i].label;
    return std::to_string(i + 1);
  };
  // Labels: every k-th, from the widest, so none overlap (the papers' rule).
  float widest = 0;
  for (std::size_t i = 0; i < n; ++i) widest = std::max(widest, text_w(x_label(i)));
  const auto every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((std::min(widest, fs * 8) + fs) / slot)));
  for (std::size_t i = 0; i < n; i += every) {
    const std::string s = fit_text(x_label(i), std::max(std::min(slot * static_cast<float>(every) - fs, fs * 8), fs));
    const float x = std::clamp(plot.x0 + slot * (static_cast<float>(i) + 0.5f) - text_w(s) * 0.5f, cv.box.x0,
                               cv.box.x1 - text_w(s));
    cv.text({x, plot.y1 + line_h * 0.5f}, cv.muted, s);
  }
  const float my = ImGui::GetIO().MousePos.x;
  const std::size_t hov = cv.hovered && my >= plot.x0 && my < plot.x1
                              ? std::min(n - 1, static_cast<std::size_t>((my - plot.x0) / slot))
                              : n;
  if (hov < n)
    cv.dl->AddRectFilled({plot.x0 + slot * static_cast<float>(hov), plot.y0},
                         {plot.x0 + slot * static_cast<float>(hov + 1), plot.y1},
                         ImGui::GetColorU32(ImGuiCol_HeaderHovered));
  std::fill(up.begin(), up.end(), 0.0);
  std::fill(down.begin(), down.end(), 0.0);
  const ImU32 edge = ImGui::GetColorU32(ImGuiCol_WindowBg);
  for (std::size_t si = 0; si < series.size(); ++si)
    for (std::size_t i = 0; i < series[si].points.size(); ++i) {
      const double v = series[si].points[i].value;
      if (!std::isfinite(v) || v == 0) continue;
      double& base = v > 0 ? up[i] : down[i];
      const float y0 = ymap(base), y1 = ymap(base + v);
      base += v;
      const float x0 = plot.x0 + slot * (static_cast<float>(i) + 0.18f), x1 = x0 + slot * 0.64f;
      cv.dl->AddRectFilled({x0, std::min(y0, y1)}, {x1, std::max(y0, y1)}, colour(si));
      cv.dl->AddRect({x0, std::min(y0, y1)}, {x1, std::max(y0, y1)}, edge, 0.0f, 0, 0.5f);
    }
  if (has_target) {
    const float y = ymap(*target);
    const ImU32 c = cv.faint(0.65f);
    for (int k = 0; static_cast<float>(k) * 10.0f < plot.w(); ++k)
      cv.dl->AddLine({plot.x0 + static_cast<float>(k) * 10.0f, y},
                     {std::min(plot.x0 + static_cast<float>(k) * 10.0f + 6.0f, plot.x1), y}, c, 1.5f);
    cv.text({plot.x1 - text_w("target"), y - line_h - 1.0f}, c, "target");
  }
  if (hov == n) return;
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(x_label(hov).c_str());
  ImGui::Separator();
  double total = 0;
  for (std::size_t si = 0; si < series.size(); ++si) {
    const bool has = hov < series[si].points.size() && std::isfinite(series[si].points[hov].value);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour(si)), "%s", symbols_available() ? "\u25A0" : "#");
    ImGui::SameLine();
    ImGui::Text("%s: %s", name(si).c_str(), has ? value_text(series[si].points[hov].value, unit).c_str() : "no value");
    if (has) total += series[si].points[hov].value;
  }
  ImGui::TextDisabled("total: %s", value_text(total, unit).c_str());
  ImGui::EndTooltip();
}

// --- 4. sparkline ---------------------------------------------------------------

void sparkline(const char* id, const std::vector<double>& values, ImVec2 size, ImU32 colour) {
  const Canvas cv(id, resolve_size(size, ImGui::GetFrameHeight()));
  if (!cv.visible) return;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, latest = 0;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v), latest = v;
  if (!(lo <= hi)) return cv.no_data();
  if (colour == 0) colour = palette(0);
  const float r = 2.5f;  // room for the end marker
  const Box b{cv.box.x0 + r + 1, cv.box.y0 + r + 1, cv.box.x1 - r - 1, cv.box.y1 - r - 1};
  const std::size_t n = values.size();
  std::vector<ImVec2> pts;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = n > 1 ? b.x0 + b.w() * static_cast<float>(i) / static_cast<float>(n - 1) : (b.x0 + b.x1) * 0.5f;
    const float y = hi > lo ? static_cast<float>(b.y1 - (values[i] - lo) / (hi - lo) * b.h()) : (b.y0 + b.y1) * 0.5f;
    pts.push_back({x, std::isfinite(values[i]) ? y : kNaN});
  }
  stroke_runs(cv.dl, pts, colour, 1.5f, 1.5f);
  const auto last = std::find_if(pts.rbegin(), pts.rend(), [](ImVec2 p) { return std::isfinite(p.y); });
  if (last != pts.rend()) cv.dl->AddCircleFilled(*last, r, colour);
  if (cv.hovered)
    ImGui::SetTooltip("latest %s   (low %s, high %s)", value_text(latest, "").c_str(), value_text(lo, "").c_str(),
                      value_text(hi, "").c_str());
}

}  // namespace gb::ui::charts
