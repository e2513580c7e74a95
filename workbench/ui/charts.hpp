// Charts drawn with ImDrawList: line, bar, sparkline and the risk heat map,
// with axes, labels and tooltips. One small module; panels call these and
// keep no drawing code of their own.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "core/rag.hpp"

namespace gb::ui::charts {

// Every chart: a size.x <= 0 takes the available width, a size.y <= 0 a
// height suited to the chart; NaN and infinite values are skipped; empty
// input draws "no data" in the chart's place.

struct Point {
  std::string label;  // x-axis label (a period such as "2021-Q4")
  double value = 0;
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
                const char* unit = "");

struct Bar {
  std::string label;
  double value = 0;
  Rag rag = Rag::None;  // Rag::None: the default bar colour
};

// Horizontal bars (labels on the left, values at the bar ends): readable
// with long group names. Tooltip shows label, value and band. A size.y <= 0
// gives every bar a text row (put long lists in a scrolling child); bars too
// thin for text are drawn without labels, one per pixel row at most.
void bar_chart(const char* id, const std::vector<Bar>& bars, ImVec2 size, const char* unit = "");

// A small line without axes, for tiles; the last point is marked.
void sparkline(const char* id, const std::vector<double>& values, ImVec2 size, ImU32 colour);

struct HeatMapInput {
  std::vector<std::string> likelihood;  // labels, low to high (rows, drawn bottom to top)
  std::vector<std::string> impact;      // labels, low to high (columns, left to right)
  std::vector<std::vector<Rag>> bands;  // bands[l][i]
  // Risk refs at their current and target positions, per cell.
  std::vector<std::vector<std::vector<long long>>> current;
  std::vector<std::vector<std::vector<long long>>> target;
};

struct HeatMapClick {
  int likelihood = -1;
  int impact = -1;
};

// The heat map: impact along the bottom, likelihood up the side (low at the
// bottom), cells tinted with their band colour and marked with the band's
// symbol (so it reads without colour), current risks as filled discs and
// targets as hollow rings, each with its ref ("+N" when a cell is full).
// Returns the cell the mouse was released over this frame, if any. Tooltip
// lists the risks in the hovered cell.
std::optional<HeatMapClick> heat_map(const char* id, const HeatMapInput& in, ImVec2 size);

// Where heat_map draws cell (likelihood, impact), in screen coordinates, for
// a chart whose top-left corner is origin and whose size is as passed to
// heat_map. Lets tests and overlays hit a cell without copying the layout.
// Both corners are 0 when the input has no such cell.
struct CellRect {
  ImVec2 min;
  ImVec2 max;
};
CellRect heat_map_cell_rect(const HeatMapInput& in, ImVec2 origin, ImVec2 size, int likelihood, int impact);

}  // namespace gb::ui::charts
