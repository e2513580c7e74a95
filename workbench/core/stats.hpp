// Statistics a board can trust: intervals for proportions, differences of
// proportions and rate ratios, the mean with its interval, and the
// Mann-Kendall trend test with Sen's slope. Pure functions of numbers; the
// Lua face is gov.stats (script/api_stats.cpp), the control charts are in
// core/spc.hpp. Each function is checked against scipy/statsmodels to 1e-6
// (tests/unit/stats_test.cpp).
//
// Arguments that make no sense (a count above its base, a level outside
// (0, 1), fewer values than the method needs) throw std::invalid_argument
// with a sentence that names the argument; callers at the Lua boundary turn
// it into a Lua error.
#pragma once
#include <span>
#include <string>

namespace gb::stats {

// ---- distributions ----------------------------------------------------------
double normal_cdf(double z);
double normal_quantile(double p);  // inverse of normal_cdf, p in (0, 1)
// The regularised incomplete beta function I_x(a, b) and its inverse in x.
double incomplete_beta(double a, double b, double x);
double incomplete_beta_inverse(double a, double b, double p);
double t_quantile(double p, double df);  // Student's t, p in (0, 1)

// ---- intervals ---------------------------------------------------------------
struct Interval {
  double estimate = 0;
  double lower = 0;
  double upper = 0;
};

// A proportion x of n (x may be fractional: a percentage of a weighted
// base). Wilson's score interval: the default for survey shares.
Interval wilson(double x, double n, double level = 0.95);
// Clopper-Pearson ("exact"), from the beta distribution; x and n whole.
Interval clopper_pearson(double x, double n, double level = 0.95);

enum class DiffMethod { Newcombe, Wald };
// p1 - p2 for x1 of n1 and x2 of n2, with the pooled two-proportion z test
// of p1 = p2. Newcombe's hybrid score interval (method 10 of Newcombe
// 1998) by default: it stays inside [-1, 1] and behaves at small counts.
struct Difference {
  Interval interval;
  double z = 0;
  double p_value = 1;
};
Difference proportion_difference(double x1, double n1, double x2, double n2, double level = 0.95,
                                 DiffMethod method = DiffMethod::Newcombe);

// The ratio of two rates, (x1 / e1) / (x2 / e2), counts taken as Poisson
// with fixed exposures (populations): the log method, ln ratio +/- z
// sqrt(1/x1 + 1/x2), and the score test of equal rates (z; two-sided p).
struct RateRatio {
  Interval interval;
  double rate1 = 0;
  double rate2 = 0;
  double z = 0;
  double p_value = 1;
};
RateRatio rate_ratio(double x1, double e1, double x2, double e2, double level = 0.95);

// The mean of at least two values with its t interval.
struct MeanInterval {
  Interval interval;
  double sd = 0;  // sample standard deviation (n - 1)
  std::size_t n = 0;
};
MeanInterval mean_interval(std::span<const double> values, double level = 0.95);

// The median with its distribution-free interval from order statistics:
// [x(k+1), x(n-k)] for the largest k with 2 P(Binomial(n, 1/2) <= k) <=
// 1 - level. `coverage` is the interval's actual confidence (at least
// `level`; below it only when n is too small for any k, e.g. n < 6 at
// 95%, and then the interval is the whole range).
struct MedianInterval {
  Interval interval;
  double coverage = 0;
  std::size_t n = 0;
};
MedianInterval median_interval(std::span<const double> values, double level = 0.95);
// P(Binomial(n, p) <= k).
double binomial_cdf(double k, double n, double p);

// ---- trend ---------------------------------------------------------------------
// The Mann-Kendall test of a monotonic trend in values taken at equal
// steps (with the tie correction and a continuity correction of 1), and
// Sen's slope (the median of the pairwise slopes, per step) with the
// intercept median(y) - slope * median(step), steps counted from 0.
struct MannKendall {
  double s = 0;
  double variance = 0;
  double z = 0;
  double p_value = 1;
  double tau = 0;  // S over n(n - 1) / 2
  double slope = 0;
  double intercept = 0;
  std::string trend;  // "increasing", "decreasing" or "no trend" (at alpha)
  std::size_t n = 0;
};
MannKendall mann_kendall(std::span<const double> values, double alpha = 0.05);

}  // namespace gb::stats
