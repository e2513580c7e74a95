// The risk heat map, drawn with ImDrawList like the other charts
// (charts.hpp, which includes this header): likelihood against impact,
// cells in their band's colour, risks at their current and target
// positions. The Register panel and the view renderer's ui.heatmap draw it.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "core/rag.hpp"

namespace gb::ui::charts {

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
