// Statistical process control for a series: the XmR (individuals) chart of
// NHS England's "Making Data Count", its special-cause rules, and the
// variation and assurance verdicts a board reads from the icons.
//
// Limits: mean +/- 2.66 x the mean moving range of the baseline (the first
// `baseline` points of each segment, or all of it). A recalculation point
// starts a new segment with limits of its own (a process that changed on
// purpose). Rules, each on one segment's limits:
//   beyond  a point outside the limits
//   shift   a run of 7 or more points on one side of the mean (a point on
//           the mean breaks it)
//   trend   a run of 6 or more points each higher (or each lower) than the
//           one before
//   near    2 of 3 consecutive points in the outer third on one side
//           (beyond mean +/- 2 sigma), counting points beyond the limit
// Every point of a pattern is marked. The variation verdict reads the
// latest point: special cause (improving or concerning, by polarity; high
// or low when neither direction is better) or common cause. The assurance
// verdict compares the latest segment's limits with a target: both on the
// good side is consistently meeting, both on the bad side consistently
// failing, a target between them hit and miss.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/rag.hpp"

namespace gb::spc {

enum class Direction { None, High, Low };

struct XmrPoint {
  double value = 0;
  double mean = 0, lcl = 0, ucl = 0;  // the limits of its segment
  bool beyond = false, shift = false, trend = false, near = false;
  Direction direction = Direction::None;  // of the pattern that marked it
  bool special() const { return beyond || shift || trend || near; }
};

struct XmrSegment {
  std::size_t from = 0, to = 0;  // indices of its first and last points
  double mean = 0;
  double moving_range = 0;  // mean moving range of its baseline
  double lcl = 0, ucl = 0;
};

enum class Variation { CommonCause, Improving, Concerning, High, Low };
enum class Assurance { None, Meeting, HitAndMiss, Failing };

struct XmrOptions {
  std::size_t baseline = 0;              // points per segment the limits come from; 0 = all
  std::vector<std::size_t> recalculate;  // indices where a new segment starts
  Polarity polarity = Polarity::Neutral;
  std::optional<double> target;
};

struct Xmr {
  std::vector<XmrPoint> points;
  std::vector<XmrSegment> segments;
  Variation variation = Variation::CommonCause;
  Assurance assurance = Assurance::None;
  std::optional<double> target;
};

// Throws std::invalid_argument for a segment of fewer than two points, a
// recalculation index out of range, or a value that is not finite.
Xmr xmr(std::span<const double> values, const XmrOptions& options = {});

// "common_cause", "special_cause_improving", "special_cause_concerning",
// "special_cause_high", "special_cause_low"; and in words for a board:
// "Common cause variation", "Special cause: improving", ...
const char* variation_name(Variation v);
const char* variation_words(Variation v);
std::optional<Variation> parse_variation(std::string_view s);
// "" (none), "consistently_meeting", "hit_and_miss", "consistently_failing";
// words: "Consistently meeting the target", "Hit and miss against the
// target", "Consistently failing the target".
const char* assurance_name(Assurance a);
const char* assurance_words(Assurance a);
std::optional<Assurance> parse_assurance(std::string_view s);
const char* direction_name(Direction d);  // "", "high", "low"

}  // namespace gb::spc
