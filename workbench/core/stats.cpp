#include "core/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace gb::stats {

namespace {

[[noreturn]] void bad(const std::string& what) {
  throw std::invalid_argument(what);
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

void check_level(double level) {
  if (!(level > 0 && level < 1)) bad("level must be between 0 and 1 (e.g. 0.95), not " + num(level));
}

void check_count(double x, double n, const char* xname, const char* nname) {
  if (!std::isfinite(n) || n <= 0) bad(std::string(nname) + " must be a positive number, not " + num(n));
  if (!std::isfinite(x) || x < 0 || x > n)
    bad(std::string(xname) + " must be between 0 and " + nname + " (" + num(n) + "), not " + num(x));
}

// z for a two-sided interval at `level`: 1.959963984540054 at 0.95.
double two_sided_z(double level) {
  return normal_quantile(0.5 + level / 2);
}

// Continued fraction for the incomplete beta (modified Lentz).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

double median_of(std::vector<double> v) {
  const std::size_t n = v.size();
  std::sort(v.begin(), v.end());
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) bad("a probability must be between 0 and 1, not " + num(p));
  // Acklam's rational approximation (relative error 1.15e-9), then two
  // Halley steps on erfc, which bring it to machine precision.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double plow = 0.02425;
  double x;
  if (p < plow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  for (int i = 0; i < 2; ++i) {
    const double e = normal_cdf(x) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
  }
  return x;
}

double incomplete_beta(double a, double b, double x) {
  if (!(a > 0 && b > 0)) bad("the beta function's parameters must be positive");
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

double incomplete_beta_inverse(double a, double b, double p) {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // Bisection: I_x is increasing in x; 1100 halvings reach the smallest
  // doubles, and the loop stops once the bracket stops shrinking.
  double lo = 0, hi = 1;
  for (int i = 0; i < 1100; ++i) {
    const double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (incomplete_beta(a, b, mid) < p)
      lo = mid;
    else
      hi = mid;
  }
  return lo + (hi - lo) / 2;
}

double t_quantile(double p, double df) {
  if (!(p > 0 && p < 1)) bad("a probability must be between 0 and 1, not " + num(p));
  if (!(df > 0)) bad("degrees of freedom must be positive, not " + num(df));
  if (p == 0.5) return 0;
  // P(|T| > t) = I_{df/(df+t^2)}(df/2, 1/2).
  const double q = 2 * std::min(p, 1 - p);
  const double x = incomplete_beta_inverse(df / 2, 0.5, q);
  const double t = std::sqrt(df * (1 - x) / x);
  return p < 0.5 ? -t : t;
}

Interval wilson(double x, double n, double level) {
  check_count(x, n, "x", "n");
  check_level(level);
  const double z = two_sided_z(level), z2 = z * z;
  const double p = x / n;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval clopper_pearson(double x, double n, double level) {
  check_count(x, n, "x", "n");
  check_level(level);
  if (x != std::floor(x) || n != std::floor(n)) bad("clopper_pearson needs whole counts (x and n)");
  const double alpha = 1 - level;
  const double lower = x == 0 ? 0 : incomplete_beta_inverse(x, n - x + 1, alpha / 2);
  const double upper = x == n ? 1 : incomplete_beta_inverse(x + 1, n - x, 1 - alpha / 2);
  return {x / n, lower, upper};
}

Difference proportion_difference(double x1, double n1, double x2, double n2, double level, DiffMethod method) {
  check_count(x1, n1, "x1", "n1");
  check_count(x2, n2, "x2", "n2");
  check_level(level);
  const double p1 = x1 / n1, p2 = x2 / n2, diff = p1 - p2;
  Difference out;
  out.interval.estimate = diff;
  if (method == DiffMethod::Newcombe) {
    const Interval w1 = wilson(x1, n1, level), w2 = wilson(x2, n2, level);
    out.interval.lower = diff - std::sqrt((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2));
    out.interval.upper = diff + std::sqrt((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower));
  } else {
    const double half = two_sided_z(level) * std::sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
    out.interval.lower = diff - half;
    out.interval.upper = diff + half;
  }
  const double pooled = (x1 + x2) / (n1 + n2);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se > 0) {
    out.z = diff / se;
    out.p_value = 2 * normal_cdf(-std::fabs(out.z));
  }
  return out;
}

RateRatio rate_ratio(double x1, double e1, double x2, double e2, double level) {
  check_level(level);
  for (const auto& [v, name] : {std::pair{x1, "x1"}, std::pair{x2, "x2"}})
    if (!std::isfinite(v) || v <= 0)
      bad(std::string(name) + " must be a positive count (the log method needs at least one event), not " + num(v));
  for (const auto& [v, name] : {std::pair{e1, "e1"}, std::pair{e2, "e2"}})
    if (!std::isfinite(v) || v <= 0)
      bad(std::string(name) + " must be a positive exposure (population), not " + num(v));
  RateRatio out;
  out.rate1 = x1 / e1;
  out.rate2 = x2 / e2;
  const double ratio = out.rate1 / out.rate2;
  const double se = std::sqrt(1 / x1 + 1 / x2);
  const double z = two_sided_z(level);
  out.interval = {ratio, ratio * std::exp(-z * se), ratio * std::exp(z * se)};
  // The score test of equal rates (conditional on x1 + x2, the share x1
  // expected is e1 / (e1 + e2)).
  const double r_d = e1 / e2;
  out.z = (x1 - x2 * r_d) / std::sqrt((x1 + x2) * r_d);
  out.p_value = 2 * normal_cdf(-std::fabs(out.z));
  return out;
}

MeanInterval mean_interval(std::span<const double> values, double level) {
  check_level(level);
  if (values.size() < 2) bad("the mean's interval needs at least two values, not " + std::to_string(values.size()));
  for (const double v : values)
    if (!std::isfinite(v)) bad("every value must be a finite number");
  MeanInterval out;
  out.n = values.size();
  double mean = 0;
  for (const double v : values) mean += v;
  mean /= static_cast<double>(out.n);
  double ss = 0;
  for (const double v : values) ss += (v - mean) * (v - mean);
  out.sd = std::sqrt(ss / static_cast<double>(out.n - 1));
  const double half =
      t_quantile(0.5 + level / 2, static_cast<double>(out.n - 1)) * out.sd / std::sqrt(static_cast<double>(out.n));
  out.interval = {mean, mean - half, mean + half};
  return out;
}

double binomial_cdf(double k, double n, double p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return incomplete_beta(n - k, k + 1, 1 - p);
}

MedianInterval median_interval(std::span<const double> values, double level) {
  check_level(level);
  if (values.empty()) bad("the median needs at least one value");
  for (const double v : values)
    if (!std::isfinite(v)) bad("every value must be a finite number");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  const double nn = static_cast<double>(n);
  MedianInterval out;
  out.n = n;
  std::size_t k = 0;  // order statistics left off each end
  while (k + 1 < n - k - 1 && 2 * binomial_cdf(static_cast<double>(k + 1), nn, 0.5) <= 1 - level) ++k;
  out.coverage = 1 - 2 * binomial_cdf(static_cast<double>(k), nn, 0.5);
  out.interval = {median_of(sorted), sorted[k], sorted[n - 1 - k]};
  return out;
}

MannKendall mann_kendall(std::span<const double> values, double alpha) {
  if (!(alpha > 0 && alpha < 1)) bad("alpha must be between 0 and 1 (e.g. 0.05), not " + num(alpha));
  const std::size_t n = values.size();
  if (n < 3) bad("the Mann-Kendall test needs at least three values, not " + std::to_string(n));
  for (const double v : values)
    if (!std::isfinite(v)) bad("every value must be a finite number");
  MannKendall out;
  out.n = n;
  double s = 0;
  std::vector<double> slopes;
  slopes.reserve(n * (n - 1) / 2);
  for (std::size_t i = 0; i + 1 < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = values[j] - values[i];
      s += (d > 0) - (d < 0);
      slopes.push_back(d / static_cast<double>(j - i));
    }
  // Tie correction: each group of t equal values takes t(t-1)(2t+5).
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double ties = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const double t = static_cast<double>(j - i);
    ties += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const double nn = static_cast<double>(n);
  out.s = s;
  out.variance = (nn * (nn - 1) * (2 * nn + 5) - ties) / 18;
  if (out.variance > 0) {
    if (s > 0) out.z = (s - 1) / std::sqrt(out.variance);
    if (s < 0) out.z = (s + 1) / std::sqrt(out.variance);
  }
  out.p_value = 2 * normal_cdf(-std::fabs(out.z));
  out.tau = s / (nn * (nn - 1) / 2);
  out.trend = out.p_value < alpha ? (out.z > 0 ? "increasing" : "decreasing") : "no trend";
  out.slope = median_of(std::move(slopes));
  out.intercept = median_of(sorted) - out.slope * (nn - 1) / 2;
  return out;
}

}  // namespace gb::stats
