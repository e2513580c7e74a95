#include "core/chart_axis.hpp"

#include <algorithm>
#include <cmath>

#include "core/format.hpp"

namespace gb::chart {

Rgb series_colour(std::size_t i, PaletteTheme t) {
  static constexpr Rgb kLight[] = {{0x00, 0x72, 0xB2}, {0xE6, 0x9F, 0x00}, {0x00, 0x9E, 0x73}, {0xCC, 0x79, 0xA7},
                                   {0x56, 0xB4, 0xE9}, {0xD5, 0x5E, 0x00}, {0x00, 0x00, 0x00}, {0x99, 0x99, 0x99}};
  static constexpr Rgb kDark[] = {{0x56, 0xB4, 0xE9}, {0xE6, 0x9F, 0x00}, {0x00, 0x9E, 0x73}, {0xCC, 0x79, 0xA7},
                                  {0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0xE0, 0xE0, 0xE0}, {0x99, 0x99, 0x99}};
  constexpr std::size_t n = sizeof kLight / sizeof kLight[0];
  return t == PaletteTheme::Dark ? kDark[i % n] : kLight[i % n];
}

std::optional<ValueAxis> value_axis(double lo, double hi, AxisFor kind, std::string_view unit, int wanted) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return std::nullopt;
  if (lo > hi) std::swap(lo, hi);
  if (kind == AxisFor::Bars) {
    lo = std::min(lo, 0.0), hi = std::max(hi, 0.0);
  } else if (kind == AxisFor::Line) {
    // Near zero (the nearer end within half the farther): start at zero.
    if (lo > 0 && lo <= hi * 0.5) lo = 0;
    if (hi < 0 && hi >= lo * 0.5) hi = 0;
    const double magnitude = std::max(std::fabs(lo), std::fabs(hi));
    const double min_span = std::max(magnitude * 0.1, unit == "%" ? 5.0 : 0.0);
    if (hi - lo < min_span) {
      const double mid = (lo + hi) / 2;
      double a = mid - min_span / 2, b = mid + min_span / 2;
      // Widening never crosses zero: the axis then starts at it.
      if (lo >= 0 && a < 0) a = 0, b = std::max(b, min_span);
      if (hi <= 0 && b > 0) b = 0, a = std::min(a, -min_span);
      lo = a, hi = b;
    }
  }
  if (lo == hi) {
    const double pad = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= pad, hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, wanted);
  if (!std::isfinite(raw) || raw <= 0) return std::nullopt;  // the span overflowed
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  if (!std::isfinite(mag) || mag <= 0) return std::nullopt;
  const double norm = raw / mag;
  const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  ValueAxis a;
  a.step = step;
  a.lo = std::floor(lo / step + 1e-9) * step;
  a.hi = std::ceil(hi / step - 1e-9) * step;
  if (!std::isfinite(a.lo) || !std::isfinite(a.hi)) return std::nullopt;
  if (!(a.hi > a.lo)) a.hi = a.lo + step;
  a.decimals = step >= 1 ? 0 : std::min(10, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  for (int i = 0; i <= 64; ++i) {  // about `wanted` ticks by construction; the cap guards rounding
    const double t = a.lo + i * step;
    if (t > a.hi + step * 1e-6) break;
    a.ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);  // no "-0"
  }
  a.from_zero = a.lo <= 0 && a.hi >= 0;
  return a;
}

std::string cut_axis_note(const ValueAxis& a, std::string_view unit) {
  const double from = a.lo > 0 ? a.lo : a.hi;
  std::string v = format_number(from, a.decimals);
  if (unit == "%")
    v += "%";
  else if (!unit.empty())
    v += " " + std::string(unit);
  return std::string(a.lo > 0 ? "axis starts at " : "axis ends at ") + v;
}

std::vector<double> spread_labels(const std::vector<double>& ys, double gap, double lo, double hi) {
  const std::size_t n = ys.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ys[a] < ys[b]; });
  std::vector<double> at(n);
  for (std::size_t k = 0; k < n; ++k) at[k] = ys[order[k]];
  if (n == 0) return at;
  // Pushed apart downwards, then back up from the bottom where they ran past
  // it, then down from the top where that pushed them past the top.
  at[0] = std::max(at[0], lo);
  for (std::size_t k = 1; k < n; ++k) at[k] = std::max(at[k], at[k - 1] + gap);
  at[n - 1] = std::min(at[n - 1], hi);
  for (std::size_t k = n - 1; k-- > 0;) at[k] = std::min(at[k], at[k + 1] - gap);
  at[0] = std::max(at[0], lo);
  for (std::size_t k = 1; k < n; ++k) at[k] = std::max(at[k], at[k - 1] + gap);
  // A cluster pushed apart sits around where it wanted to be, not below it.
  std::vector<double> out(n);
  for (std::size_t k = 0; k < n;) {
    std::size_t j = k;
    while (j + 1 < n && at[j + 1] - at[j] <= gap + 1e-9) ++j;
    double wanted = 0, placed = 0;
    for (std::size_t m = k; m <= j; ++m) wanted += ys[order[m]], placed += at[m];
    double shift = (wanted - placed) / static_cast<double>(j - k + 1);
    shift = std::min(shift, hi - at[j]);
    shift = std::max(shift, lo - at[k]);
    if (k > 0) shift = std::max(shift, out[order[k - 1]] + gap - at[k]);
    if (j + 1 < n) shift = std::min(shift, at[j + 1] - gap - at[j]);
    for (std::size_t m = k; m <= j; ++m) out[order[m]] = at[m] + shift;
    k = j + 1;
  }
  return out;
}

}  // namespace gb::chart
