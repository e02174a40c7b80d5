#!/usr/bin/env python3
"""Summary of `make null-calibration`: the false-positive rate of the audit's verdict over independent null skies.

Reads summary.csv (one row per null sky: the Dec-split row of that sky's audit.csv, prefixed by the sky seed) and
prints the number of skies, the false positives at alpha = 0.05 with the exact Clopper-Pearson 95 % interval of the
rate (Clopper & Pearson 1934; scipy.stats.beta), the exact binomial test of rate > 0.05, the distribution of the permutation p-values (under the null the
exact test's p is super-uniform: P(p <= a) <= a) and of the sign of mean D.

    python3 Notebooks-exports/null-calibration/summarize.py [summary.csv]
"""
import csv
import pathlib
import sys

from scipy.stats import beta, binomtest

path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("summary.csv")
rows = [r for r in csv.DictReader(path.open()) if r["p"]]
n = len(rows)
k = sum(r["detected"] == "true" for r in rows)
lo = beta.ppf(0.025, k, n - k + 1) if k > 0 else 0.0
hi = beta.ppf(0.975, k + 1, n - k) if k < n else 1.0
one_sided = beta.ppf(0.95, k + 1, n - k) if k < n else 1.0
print(f"{k} of {n} null audits detected context bias at alpha = 0.05: rate {k / n:.3f}, "
      f"95 % Clopper-Pearson interval [{lo:.3f}, {hi:.3f}], one-sided 95 % upper bound {one_sided:.3f}")
# One-sided exact binomial test of H0: rate <= 0.05 against rate > 0.05 (scipy.stats.binomtest).
print(f"  P(>= {k} of {n} | rate 0.05) = {binomtest(k, n, 0.05, alternative='greater').pvalue:.3f}")
ps = sorted(float(r["p"]) for r in rows)
for a in (0.05, 0.1, 0.2, 0.5):
    below = sum(p <= a for p in ps)
    print(f"  p <= {a:4.2f}: {below:3d} of {n} ({below / n:.2f}; uniform: {a:.2f})")
print(f"  smallest p {ps[0]:.4f}, median p {ps[n // 2]:.3f}")
d = [float(r["mean_D"]) for r in rows]
print(f"  mean D > 0 in {sum(x > 0 for x in d)} of {n}; |mean D| median {sorted(abs(x) for x in d)[n // 2]:.4f}, "
      f"max {max(abs(x) for x in d):.4f}")
