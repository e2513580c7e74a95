// What a chart looks like, decided once for every renderer: the window
// (ui/charts.cpp) and the papers (export/svg_charts.cpp) draw the same series
// colours on the same value axis, so a figure reads the same on screen and
// on paper.
//
//   series_colour  Okabe-Ito order without yellow (unreadable on paper);
//                  the dark theme swaps the two blues and turns black to
//                  light grey so that every line stands off the background
//   value_axis     where the value axis starts and ends, and its ticks:
//                  bars always include zero; a line starts at zero when the
//                  data come near it, and otherwise is cut but never so
//                  tight that noise fills the plot (a minimum span), and
//                  says it is cut (from_zero false)
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/palette.hpp"

namespace gb::chart {

Rgb series_colour(std::size_t i, PaletteTheme t = PaletteTheme::Light);

// Line: the rules above. Bars: from zero. Limits: an SPC chart's, tight
// around the data and control limits (their spread is the scale to read).
enum class AxisFor { Line, Bars, Limits };

struct ValueAxis {
  double lo = 0, hi = 1, step = 1;
  int decimals = 0;           // for the tick labels
  std::vector<double> ticks;  // lo, lo + step, ..., hi
  bool from_zero = true;      // false: the axis does not include zero; renderers say so
  double frac(double v) const { return (v - lo) / (hi - lo); }
};

// The axis for data spanning [lo, hi] (targets included), with about
// `wanted` intervals. A line's axis spans at least a tenth of the largest
// magnitude (and 5 points for a percentage): a ±0.1 point wobble in a
// 60% series stays a wobble. Nothing when the range is not finite.
std::optional<ValueAxis> value_axis(double lo, double hi, AxisFor kind, std::string_view unit, int wanted = 5);

// The words a renderer puts on a cut axis: "axis starts at 55%".
std::string cut_axis_note(const ValueAxis& a, std::string_view unit);

// Where to put labels wanted at heights `ys` (screen units, any order) so
// that no two are closer than `gap`: each moves as little as it can, their
// order is kept, and they stay within [lo, hi] where there is room. An SPC
// chart's line labels (upper limit, target, mean, lower limit), which may
// want nearly the same height.
std::vector<double> spread_labels(const std::vector<double>& ys, double gap, double lo, double hi);

}  // namespace gb::chart
