#!/usr/bin/python3
"""Reference values for tests/unit/stats_test.cpp, from Debian's scipy and
statsmodels (python3-scipy, python3-statsmodels): a second implementation
of every gov.stats function. Prints one "key value" line per figure; the
test compares each with govbench's own to 1e-6, and keeps the same values
in its source for machines without these packages.
"""
import math
import sys

import numpy as np
from scipy import special, stats
from statsmodels.stats import proportion, rates

out = {}


def put(key, value):
    out[key] = float(value)


# Distributions.
for p in (0.975, 0.995, 0.001, 0.6):
    put(f"normal_quantile {p}", stats.norm.ppf(p))
for p, df in ((0.975, 1), (0.975, 5), (0.995, 30), (0.9, 200), (0.025, 3), (0.975, 97)):
    put(f"t_quantile {p} {df}", stats.t.ppf(p, df))
for a, b, x in ((2.5, 3.5, 0.3), (0.5, 0.5, 0.9), (50, 80, 0.4), (4000, 6000, 0.41)):
    put(f"incomplete_beta {a} {b} {x}", special.betainc(a, b, x))

# Proportions.
for x, n, level in ((12, 50, 0.95), (0, 20, 0.95), (20, 20, 0.95), (430, 1000, 0.95), (7.5, 30.2, 0.95), (5, 40, 0.9)):
    lo, hi = proportion.proportion_confint(x, n, alpha=1 - level, method="wilson")
    put(f"wilson {x} {n} {level} lower", lo)
    put(f"wilson {x} {n} {level} upper", hi)
for x, n, level in ((12, 50, 0.95), (0, 20, 0.95), (20, 20, 0.95), (3, 1000, 0.95), (430, 1000, 0.95), (5, 40, 0.99)):
    lo, hi = proportion.proportion_confint(x, n, alpha=1 - level, method="beta")
    put(f"clopper_pearson {x} {n} {level} lower", lo)
    put(f"clopper_pearson {x} {n} {level} upper", hi)
for x1, n1, x2, n2 in ((56, 70, 48, 80), (9, 10, 3, 10), (430, 1000, 390, 1000), (5, 56, 0, 29)):
    for method, name in (("newcomb", "newcombe"), ("wald", "wald")):
        lo, hi = proportion.confint_proportions_2indep(x1, n1, x2, n2, method=method, compare="diff", alpha=0.05)
        put(f"proportion_diff {x1} {n1} {x2} {n2} {name} lower", lo)
        put(f"proportion_diff {x1} {n1} {x2} {n2} {name} upper", hi)
    z, pv = proportion.proportions_ztest([x1, x2], [n1, n2])
    put(f"proportion_diff {x1} {n1} {x2} {n2} z", z)
    put(f"proportion_diff {x1} {n1} {x2} {n2} p_value", pv)

# Rate ratio: the log-method interval (written out here with scipy's
# quantile) and statsmodels' score test of equal rates.
for x1, e1, x2, e2 in ((2000, 10000, 500, 20000), (15, 1200, 9, 1500), (4421, 1088640, 3043, 4887435)):
    ratio = (x1 / e1) / (x2 / e2)
    se = math.sqrt(1 / x1 + 1 / x2)
    z = stats.norm.ppf(0.975)
    put(f"rate_ratio {x1} {e1} {x2} {e2} lower", ratio * math.exp(-z * se))
    put(f"rate_ratio {x1} {e1} {x2} {e2} upper", ratio * math.exp(z * se))
    res = rates.test_poisson_2indep(x1, e1, x2, e2, method="score")
    put(f"rate_ratio {x1} {e1} {x2} {e2} z", res.statistic)
    put(f"rate_ratio {x1} {e1} {x2} {e2} p_value", res.pvalue)

# Mean and its t interval.
SAMPLES = {
    "a": [-34.0, -20.0, -12.5, -8.0, -25.0, -17.0, -30.5, -11.0, -22.0],
    "b": [4.2, 3.9, 5.1],
}
for name, xs in SAMPLES.items():
    a = np.array(xs)
    lo, hi = stats.t.interval(0.95, len(a) - 1, loc=a.mean(), scale=stats.sem(a))
    put(f"mean {name} lower", lo)
    put(f"mean {name} upper", hi)
    put(f"mean {name} sd", a.std(ddof=1))

# Median: the order-statistic interval written out with scipy's binomial
# distribution (the largest k with 2 P(X <= k) <= 1 - level).
MEDIANS = dict(SAMPLES, c=[float(v) for v in range(-40, 58)], d=[1.0, 2.0, 4.0, 8.0, 16.0])
for name, xs in MEDIANS.items():
    a = np.sort(np.array(xs))
    n = len(a)
    k = 0
    while k + 1 < n - k - 1 and 2 * stats.binom.cdf(k + 1, n, 0.5) <= 0.05:
        k += 1
    put(f"median {name} estimate", np.median(a))
    put(f"median {name} lower", a[k])
    put(f"median {name} upper", a[n - 1 - k])
    put(f"median {name} coverage", 1 - 2 * stats.binom.cdf(k, n, 0.5))

# Mann-Kendall: S, its tie-corrected variance and z written out (the test's
# definition), tau against scipy's Kendall tau (no ties in x), Sen's slope
# and intercept from scipy's Theil-Sen.
SERIES = {
    "rising": [10, 12, 11, 14, 15, 13, 17, 18, 21, 20],
    "ties": [5, 5, 6, 7, 7, 7, 6, 8, 9, 9, 10, 8],
    "flat": [3.1, 2.9, 3.3, 3.0, 2.8, 3.2, 3.1, 2.9],
}
for name, ys in SERIES.items():
    y = np.array(ys, dtype=float)
    n = len(y)
    s = sum(np.sign(y[j] - y[i]) for i in range(n - 1) for j in range(i + 1, n))
    _, counts = np.unique(y, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
    put(f"mann_kendall {name} s", s)
    put(f"mann_kendall {name} variance", var)
    put(f"mann_kendall {name} z", z)
    put(f"mann_kendall {name} p_value", 2 * stats.norm.sf(abs(z)))
    put(f"mann_kendall {name} tau", s / (n * (n - 1) / 2))
    slope, intercept, _, _ = stats.theilslopes(y, np.arange(n))
    put(f"mann_kendall {name} slope", slope)
    put(f"mann_kendall {name} intercept", intercept)
    if len(np.unique(y)) == n:
        put(f"mann_kendall {name} kendall_tau", stats.kendalltau(np.arange(n), y).statistic)

for key, value in out.items():
    print(f"{key}\t{value:.17g}")
sys.exit(0)
