// The XmR (SPC) chart of a resolved `chart { kind = "spc" }` element, drawn
// with ImDrawList to the same spec as the papers' (export/svg_charts.cpp,
// spc_chart): values as a grey line, the mean solid, the process limits
// dashed (stepping where they were recalculated), special-cause points
// filled blue (improving) or orange (concerning) from the RAG palette,
// ringed when neither direction is better, a dotted target, and the
// variation and assurance verdicts in words under it, on the papers' value
// axis (core/chart_axis.hpp, AxisFor::Limits) with the same ticks.
#pragma once
#include <imgui.h>

#include "core/tree.hpp"

namespace gb::ui::charts {

void spc_chart(const char* id, const Tree& element, ImVec2 size);

}  // namespace gb::ui::charts
