#include "core/spc.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gb::spc {

namespace {

constexpr double kE2 = 2.66;  // 3 / d2, d2 = 1.128 for moving ranges of two
constexpr std::size_t kShiftRun = 7;
constexpr std::size_t kTrendRun = 6;

void mark(XmrPoint& p, bool XmrPoint::*rule, Direction d) {
  p.*rule = true;
  if (p.direction == Direction::None) p.direction = d;
}

void limits_of(std::span<const double> values, XmrSegment& seg, std::size_t baseline) {
  const std::size_t len = seg.to - seg.from + 1;
  const std::size_t base = baseline == 0 ? len : std::min(baseline, len);
  if (base < 2)
    throw std::invalid_argument("an XmR segment needs at least two points for its limits (the segment from point " +
                                std::to_string(seg.from + 1) + " has " + std::to_string(base) + ")");
  double sum = 0, mr = 0;
  for (std::size_t i = seg.from; i < seg.from + base; ++i) {
    sum += values[i];
    if (i > seg.from) mr += std::fabs(values[i] - values[i - 1]);
  }
  seg.mean = sum / static_cast<double>(base);
  seg.moving_range = mr / static_cast<double>(base - 1);
  seg.lcl = seg.mean - kE2 * seg.moving_range;
  seg.ucl = seg.mean + kE2 * seg.moving_range;
}

void apply_rules(std::vector<XmrPoint>& pts, const XmrSegment& seg) {
  for (std::size_t i = seg.from; i <= seg.to; ++i) {
    if (pts[i].value > seg.ucl) mark(pts[i], &XmrPoint::beyond, Direction::High);
    if (pts[i].value < seg.lcl) mark(pts[i], &XmrPoint::beyond, Direction::Low);
  }
  // Runs on one side of the mean.
  auto side = [&](std::size_t i) { return pts[i].value > seg.mean ? 1 : pts[i].value < seg.mean ? -1 : 0; };
  for (std::size_t i = seg.from; i <= seg.to;) {
    const int s = side(i);
    std::size_t j = i;
    while (j <= seg.to && s != 0 && side(j) == s) ++j;
    if (s != 0 && j - i >= kShiftRun)
      for (std::size_t k = i; k < j; ++k) mark(pts[k], &XmrPoint::shift, s > 0 ? Direction::High : Direction::Low);
    i = std::max(j, i + 1);
  }
  // Two of three in the outer third, on one side.
  const double zone = (seg.ucl - seg.mean) * 2 / 3;
  for (std::size_t i = seg.from; i + 2 <= seg.to; ++i)
    for (const int s : {1, -1}) {
      auto outer = [&](std::size_t k) { return s * (pts[k].value - seg.mean) > zone; };
      if (outer(i) + outer(i + 1) + outer(i + 2) < 2) continue;
      for (std::size_t k = i; k <= i + 2; ++k)
        if (outer(k)) mark(pts[k], &XmrPoint::near, s > 0 ? Direction::High : Direction::Low);
    }
  // Runs rising or falling.
  for (const int s : {1, -1}) {
    for (std::size_t i = seg.from; i <= seg.to;) {
      std::size_t j = i + 1;
      while (j <= seg.to && s * (pts[j].value - pts[j - 1].value) > 0) ++j;
      if (j - i >= kTrendRun)
        for (std::size_t k = i; k < j; ++k) mark(pts[k], &XmrPoint::trend, s > 0 ? Direction::High : Direction::Low);
      i = j;
    }
  }
}

}  // namespace

Xmr xmr(std::span<const double> values, const XmrOptions& options) {
  const std::size_t n = values.size();
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(values[i]))
      throw std::invalid_argument("XmR value " + std::to_string(i + 1) + " is not a finite number");
  if (n < 2) throw std::invalid_argument("an XmR chart needs at least two points, not " + std::to_string(n));
  std::vector<std::size_t> starts{0};
  std::vector<std::size_t> recalc = options.recalculate;
  std::sort(recalc.begin(), recalc.end());
  for (const std::size_t r : recalc) {
    if (r >= n)
      throw std::invalid_argument("recalculation point " + std::to_string(r + 1) + " is past the last of " +
                                  std::to_string(n) + " points");
    if (r > starts.back()) starts.push_back(r);
  }
  Xmr out;
  out.target = options.target;
  out.points.resize(n);
  for (std::size_t i = 0; i < n; ++i) out.points[i].value = values[i];
  for (std::size_t s = 0; s < starts.size(); ++s) {
    XmrSegment seg;
    seg.from = starts[s];
    seg.to = s + 1 < starts.size() ? starts[s + 1] - 1 : n - 1;
    limits_of(values, seg, options.baseline);
    for (std::size_t i = seg.from; i <= seg.to; ++i) {
      out.points[i].mean = seg.mean;
      out.points[i].lcl = seg.lcl;
      out.points[i].ucl = seg.ucl;
    }
    apply_rules(out.points, seg);
    out.segments.push_back(seg);
  }
  const XmrPoint& last = out.points.back();
  if (last.special()) {
    const bool high = last.direction == Direction::High;
    switch (options.polarity) {
      case Polarity::HigherIsBetter:
        out.variation = high ? Variation::Improving : Variation::Concerning;
        break;
      case Polarity::LowerIsBetter:
        out.variation = high ? Variation::Concerning : Variation::Improving;
        break;
      case Polarity::Neutral:
        out.variation = high ? Variation::High : Variation::Low;
        break;
    }
  }
  if (options.target && options.polarity != Polarity::Neutral) {
    const XmrSegment& seg = out.segments.back();
    const double t = *options.target;
    const bool higher = options.polarity == Polarity::HigherIsBetter;
    const double good_edge = higher ? seg.lcl : seg.ucl;  // the limit nearest the target when meeting
    const double bad_edge = higher ? seg.ucl : seg.lcl;
    if (higher ? good_edge > t : good_edge < t)
      out.assurance = Assurance::Meeting;
    else if (higher ? bad_edge < t : bad_edge > t)
      out.assurance = Assurance::Failing;
    else
      out.assurance = Assurance::HitAndMiss;
  }
  return out;
}

const char* variation_name(Variation v) {
  switch (v) {
    case Variation::CommonCause:
      return "common_cause";
    case Variation::Improving:
      return "special_cause_improving";
    case Variation::Concerning:
      return "special_cause_concerning";
    case Variation::High:
      return "special_cause_high";
    case Variation::Low:
      return "special_cause_low";
  }
  return "common_cause";
}

const char* variation_words(Variation v) {
  switch (v) {
    case Variation::CommonCause:
      return "Common cause variation";
    case Variation::Improving:
      return "Special cause: improving";
    case Variation::Concerning:
      return "Special cause: concerning";
    case Variation::High:
      return "Special cause: higher";
    case Variation::Low:
      return "Special cause: lower";
  }
  return "";
}

std::optional<Variation> parse_variation(std::string_view s) {
  for (const Variation v :
       {Variation::CommonCause, Variation::Improving, Variation::Concerning, Variation::High, Variation::Low})
    if (s == variation_name(v)) return v;
  return std::nullopt;
}

const char* assurance_name(Assurance a) {
  switch (a) {
    case Assurance::None:
      return "";
    case Assurance::Meeting:
      return "consistently_meeting";
    case Assurance::HitAndMiss:
      return "hit_and_miss";
    case Assurance::Failing:
      return "consistently_failing";
  }
  return "";
}

const char* assurance_words(Assurance a) {
  switch (a) {
    case Assurance::None:
      return "";
    case Assurance::Meeting:
      return "Consistently meeting the target";
    case Assurance::HitAndMiss:
      return "Hit and miss against the target";
    case Assurance::Failing:
      return "Consistently failing the target";
  }
  return "";
}

std::optional<Assurance> parse_assurance(std::string_view s) {
  for (const Assurance a : {Assurance::None, Assurance::Meeting, Assurance::HitAndMiss, Assurance::Failing})
    if (s == assurance_name(a)) return a;
  return std::nullopt;
}

const char* direction_name(Direction d) {
  switch (d) {
    case Direction::None:
      return "";
    case Direction::High:
      return "high";
    case Direction::Low:
      return "low";
  }
  return "";
}

}  // namespace gb::spc
