#include "ui/spc_chart.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/chart_axis.hpp"
#include "core/format.hpp"
#include "ui/theme.hpp"

namespace gb::ui::charts {

namespace {

std::optional<double> number(const Tree* t) {
  if (!t || !t->is_number() || !std::isfinite(t->as_number())) return std::nullopt;
  return t->as_number();
}

std::string text(const Tree* t) {
  return t && t->is_string() ? t->as_string() : std::string();
}

void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float dash, float gap) {
  const float len = b.x - a.x;
  for (float x = 0; x < len; x += dash + gap)
    dl->AddLine(ImVec2(a.x + x, a.y), ImVec2(a.x + std::min(x + dash, len), a.y), col, 1.5f);
}

struct Pt {
  std::string label;
  double value, mean, lcl, ucl;
  std::string special;
};

}  // namespace

void spc_chart(const char* id, const Tree& element, ImVec2 size) {
  std::vector<Pt> pts;
  const Tree* series = element.find("series");
  const Tree* points =
      series && series->is_array() && series->size() ? series->as_array().front().find("points") : nullptr;
  double lo = INFINITY, hi = -INFINITY;
  if (points && points->is_array())
    for (const Tree& p : points->as_array()) {
      const auto v = number(p.find("value")), m = number(p.find("mean"));
      const auto l = number(p.find("lcl")), u = number(p.find("ucl"));
      if (!v || !m || !l || !u) continue;
      pts.push_back({text(p.find("label")), *v, *m, *l, *u, text(p.find("special"))});
      lo = std::min({lo, *v, *l});
      hi = std::max({hi, *v, *u});
    }
  const auto target = number(element.find("target"));
  const std::string unit = text(element.find("unit"));
  if (pts.empty()) {
    ImGui::TextDisabled("no data");
    return;
  }
  if (target) lo = std::min(lo, *target), hi = std::max(hi, *target);
  // The papers' axis (export/svg_charts.cpp spc_chart): the same range and
  // ticks, so the chart reads the same on screen and on paper.
  const auto axis = chart::value_axis(lo, hi, chart::AxisFor::Limits, unit);
  if (!axis) {
    ImGui::TextDisabled("chart values are out of range");
    return;
  }
  ImGui::PushID(id);
  const float fs = ImGui::GetFontSize();
  const float w = size.x > 0 ? size.x : ImGui::GetContentRegionAvail().x;
  const float h = size.y > 0 ? size.y : fs * 12;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("spc", ImVec2(w, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::vector<std::string> tick_labels;
  float tick_w = 0;
  for (const double t : axis->ticks) {
    tick_labels.push_back(format_value(t, unit, axis->decimals));
    tick_w = std::max(tick_w, ImGui::CalcTextSize(tick_labels.back().c_str()).x);
  }
  // The lines' labels at the right edge, with their values, as on paper.
  const auto& last = pts.back();
  struct EdgeLabel {
    double value;
    std::string text;
    bool limit;  // drawn muted, as the limits' lines are
  };
  std::vector<EdgeLabel> edge = {{last.ucl, "upper " + format_value(last.ucl, unit, 1), true},
                                 {last.mean, "mean " + format_value(last.mean, unit, 1), false},
                                 {last.lcl, "lower " + format_value(last.lcl, unit, 1), true}};
  if (target) edge.push_back({*target, "target " + format_value(*target, unit, 1), false});
  float edge_w = 0;
  for (const auto& e : edge) edge_w = std::max(edge_w, ImGui::CalcTextSize(e.text.c_str()).x);
  const float left = origin.x + tick_w + fs * 0.6f, right = origin.x + w - edge_w - fs * 0.6f,
              top = origin.y + fs * 0.5f, bottom = origin.y + h - fs * 1.6f;
  const std::size_t n = pts.size();
  auto x_of = [&](std::size_t i) {
    return n > 1 ? left + (right - left) * static_cast<float>(i) / static_cast<float>(n - 1) : (left + right) / 2;
  };
  auto y_of = [&](double v) { return bottom - static_cast<float>(axis->frac(v)) * (bottom - top); };
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  // Gridlines and tick labels, as on paper.
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Text, 0.12f);
  for (std::size_t k = 0; k < axis->ticks.size(); ++k) {
    const float y = y_of(axis->ticks[k]);
    dl->AddLine(ImVec2(left, y), ImVec2(right, y), axis->ticks[k] == 0 ? muted : grid);
    const ImVec2 ts = ImGui::CalcTextSize(tick_labels[k].c_str());
    dl->AddText(ImVec2(left - ts.x - fs * 0.3f, y - ts.y / 2), muted, tick_labels[k].c_str());
  }
  dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), muted);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && pts[j + 1].mean == pts[i].mean && pts[j + 1].ucl == pts[i].ucl) ++j;
    const float x1 = i == 0 ? x_of(0) : (x_of(i - 1) + x_of(i)) / 2;
    const float x2 = j + 1 == n ? x_of(j) : (x_of(j) + x_of(j + 1)) / 2;
    dl->AddLine(ImVec2(x1, y_of(pts[i].mean)), ImVec2(x2, y_of(pts[i].mean)), ink, 1.5f);
    dashed(dl, ImVec2(x1, y_of(pts[i].lcl)), ImVec2(x2, y_of(pts[i].lcl)), muted, 7, 4);
    dashed(dl, ImVec2(x1, y_of(pts[i].ucl)), ImVec2(x2, y_of(pts[i].ucl)), muted, 7, 4);
    i = j + 1;
  }
  if (target) dashed(dl, ImVec2(left, y_of(*target)), ImVec2(right, y_of(*target)), ink, 2, 3);
  {
    std::vector<double> wanted;
    for (const auto& e : edge) wanted.push_back(y_of(e.value));
    const auto placed = chart::spread_labels(wanted, fs * 1.05, top, bottom + fs * 0.5);
    for (std::size_t i = 0; i < edge.size(); ++i)
      dl->AddText(ImVec2(right + fs * 0.3f, static_cast<float>(placed[i]) - fs * 0.5f), edge[i].limit ? muted : ink,
                  edge[i].text.c_str());
  }
  for (std::size_t i = 1; i < n; ++i)
    dl->AddLine(ImVec2(x_of(i - 1), y_of(pts[i - 1].value)), ImVec2(x_of(i), y_of(pts[i].value)), muted, 2);
  int hovered = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (std::size_t i = 0; i < n; ++i) {
    const ImVec2 c(x_of(i), y_of(pts[i].value));
    const std::string& sp = pts[i].special;
    if (sp == "improving" || sp == "concerning") {
      dl->AddCircleFilled(c, fs * 0.32f, rag_colour(sp == "improving" ? Rag::Blue : Rag::Amber));
      dl->AddCircle(c, fs * 0.32f, ink, 0, 1.0f);
    } else if (!sp.empty()) {
      dl->AddCircle(c, fs * 0.32f, ink, 0, 2.0f);
    } else {
      dl->AddCircleFilled(c, fs * 0.17f, muted);
    }
    if (ImGui::IsItemHovered() && std::fabs(mouse.x - c.x) < std::max(4.0f, (right - left) / (2.0f * n)))
      hovered = int(i);
  }
  // x labels: first, middle and last, so they never overlap.
  for (const std::size_t i : {std::size_t{0}, n / 2, n - 1}) {
    const ImVec2 ts = ImGui::CalcTextSize(pts[i].label.c_str());
    dl->AddText(ImVec2(x_of(i) - ts.x / 2, bottom + fs * 0.3f), muted, pts[i].label.c_str());
  }
  if (hovered >= 0) {
    const Pt& p = pts[static_cast<std::size_t>(hovered)];
    ImGui::SetTooltip("%s: %s\nmean %s, limits %s to %s%s%s", p.label.c_str(), format_value(p.value, unit).c_str(),
                      format_value(p.mean, unit, 1).c_str(), format_value(p.lcl, unit, 1).c_str(),
                      format_value(p.ucl, unit, 1).c_str(),
                      p.special.empty() ? "" : "\nspecial cause: ", p.special.c_str());
  }
  // Legend and verdicts in words, as on paper.
  ImGui::TextDisabled(
      "mean (solid), process limits (dashed)%s; filled: special cause, blue improving, orange "
      "concerning",
      target ? ", target (dotted)" : "");
  std::string verdict = text(element.find("variation_words"));
  if (const std::string a = text(element.find("assurance_words")); !a.empty())
    verdict += (verdict.empty() ? "" : "; ") + a;
  if (!verdict.empty()) ImGui::TextUnformatted((verdict + ".").c_str());
  ImGui::PopID();
}

}  // namespace gb::ui::charts
