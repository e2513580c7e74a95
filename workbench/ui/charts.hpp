// Charts drawn with ImDrawList: line, bar, sparkline and the risk heat map
// (heat_map.hpp, included here), with axes, labels and tooltips. Panels
// call these and keep no drawing code of their own.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "core/rag.hpp"
#include "ui/heat_map.hpp"  // the heat map is one of the charts

namespace gb::ui::charts {

// Every chart: a size.x <= 0 takes the available width, a size.y <= 0 a
// height suited to the chart; NaN and infinite values are skipped; empty
// input draws "no data" in the chart's place.
//
// A point or bar may carry an interval (lower and upper, both or neither;
// `level` its confidence), drawn as the papers draw it (export/svg_charts.cpp):
// a whisker over a bar, a translucent band in the series' colour under a
// line; the value axis reaches the interval's ends and the tooltip says it
// ("4.22, 95% CI 4.05 to 4.40").

struct Point {
  std::string label;  // x-axis label (a period such as "2021-Q4")
  double value = 0;
  std::optional<double> lower = {}, upper = {};  // its interval, when it has one
};

struct Series {
  std::string name;
  std::vector<Point> points;  // in x order; series share x labels by position
  ImU32 colour = 0;           // 0: a colour from the palette
};

// A line chart with a y-axis (nice ticks), x labels (thinned to fit), an
// optional dashed target line, a legend when there are several series, and
// a tooltip showing every series' value at the hovered x.
void line_chart(const char* id, const std::vector<Series>& series, ImVec2 size, std::optional<double> target = {},
                const char* unit = "", double level = 0.95);

struct Bar {
  std::string label;
  double value = 0;
  Rag rag = Rag::None;                           // Rag::None: the default bar colour
  std::optional<double> lower = {}, upper = {};  // its interval, when it has one
};

// Horizontal bars (labels on the left, values at the bar ends): readable
// with long group names. Tooltip shows label, value and band. A size.y <= 0
// gives every bar a text row (put long lists in a scrolling child); bars too
// thin for text are drawn without labels, one per pixel row at most.
void bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit = "", double level = 0.95);

// Columns stacked from their series' values, as the papers draw them: one
// column per x label (the series share labels by position), a segment per
// series in its colour, a legend, a value axis from zero, x labels thinned
// to fit; the tooltip lists the hovered column's parts and total.
void stacked_bar_chart(const char* id, const std::vector<Series>& series, ImVec2 size,
                       std::optional<double> target = {}, const char* unit = "");

// A small line without axes, for tiles; the last point is marked.
void sparkline(const char* id, const std::vector<double>& values, ImVec2 size, ImU32 colour);

}  // namespace gb::ui::charts
