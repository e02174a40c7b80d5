#!/usr/bin/env python3
"""Summary of `make null-calibration`: the false-positive rate of the audit's verdict over independent null skies.

Reads summary.csv (one row per null sky: the Dec-split row of that sky's audit.csv, prefixed by the sky seed;
columns found by name) and prints
- the number of skies and the false positives at alpha = 0.05, with the exact Clopper-Pearson 95 % interval of the
  rate (Clopper & Pearson 1934; scipy.stats.beta) and the exact binomial test of rate > 0.05 (scipy.stats.binomtest);
- the distribution of the rank p-values. With M control units the sky unit's rank p = (1 + #{T_m >= T_sky})/(M + 1)
  takes the values j/(M + 1); under the null (exchangeable units) P(p <= j/(M + 1)) <= j/(M + 1), with equality
  when no control unit ties the sky unit (D is a difference of counts over the test sides, so ties happen with
  small test sets and are counted against the sky unit: conservative). Printed for j = 1, 2, 5, 10 and as a
  chi-square goodness-of-fit test of the M + 1 ranks against the uniform law (scipy.stats.chisquare; ties push
  ranks up, so a misfit from an excess of large ranks is the ties, one from an excess of small ranks would not be);
- the rank p's of the two components alone, mean |D| (p_D) and mean |S| (p_S), each exact by the same argument
  (audit.json format 3; the verdict ranks T = max of the two scaled by their root mean squares over the units);
- the sign of D (symmetric under the null) and how often the bootstrap interval of D over test galaxies excludes 0.
  That interval holds the models fixed and resamples only the test galaxies; two models trained on different data
  always disagree, so it excludes 0 far more often than 5 % under the null. It describes D's test-set noise; the
  verdict comes from the control units, never from it.

    python3 Notebooks-exports/null-calibration/summarize.py [summary.csv [M+1]]
"""
import csv
import pathlib
import sys

from scipy.stats import beta, binomtest, chisquare

path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("summary.csv")
rows = [r for r in csv.DictReader(path.open()) if r["p"]]
n = len(rows)
k = sum(r["detected"] == "true" for r in rows)
lo = beta.ppf(0.025, k, n - k + 1) if k > 0 else 0.0
hi = beta.ppf(0.975, k + 1, n - k) if k < n else 1.0
one_sided = beta.ppf(0.95, k + 1, n - k) if k < n else 1.0
print(f"{k} of {n} null audits detected context bias at alpha = 0.05: rate {k / n:.3f}, "
      f"95 % Clopper-Pearson interval [{lo:.3f}, {hi:.3f}], one-sided 95 % upper bound {one_sided:.3f}")
print(f"  P(>= {k} of {n} | rate 0.05) = {binomtest(k, n, 0.05, alternative='greater').pvalue:.3f}")

ps = [float(r["p"]) for r in rows]
# The rank j = p * (M + 1). M + 1 = 21: the default design for one split (20 control units); override with argv[2].
m1 = int(sys.argv[2]) if len(sys.argv) > 2 else 21
ranks = [round(p * m1) for p in ps]
for j in (1, 2, 5, 10):
    below = sum(r <= j for r in ranks)
    print(f"  p <= {j:2d}/{m1}: {below:3d} of {n} ({below / n:.3f}; uniform: {j / m1:.3f})")
counts = [sum(r == j for r in ranks) for j in range(1, m1 + 1)]
chi = chisquare(counts)
print(f"  ranks 1..{m1}: {counts}; chi-square vs uniform {chi.statistic:.1f} on {m1 - 1} df, p = {chi.pvalue:.3f}")

for comp in ("p_D", "p_S"):
    if comp in rows[0]:
        cr = [round(float(r[comp]) * m1) for r in rows]
        print(f"  {comp} (component alone): <= 1/{m1} in {sum(x <= 1 for x in cr)}, <= 2/{m1} in {sum(x <= 2 for x in cr)}, "
              f"<= 10/{m1} in {sum(x <= 10 for x in cr)} of {n}")
if "direction" in rows[0]:
    dirs = [r["direction"] for r in rows if r["detected"] == "true"]
    print(f"  detections by direction: " + (", ".join(f"{x} {dirs.count(x)}" for x in sorted(set(dirs))) or "none"))

d = [float(r["D"]) for r in rows]
print(f"  D > 0 in {sum(x > 0 for x in d)} of {n} (binomial two-sided p "
      f"{binomtest(sum(x > 0 for x in d), sum(x != 0 for x in d), 0.5).pvalue:.3f}); "
      f"|D| median {sorted(abs(x) for x in d)[n // 2]:.4f}, max {max(abs(x) for x in d):.4f}")
excl = sum(float(r["D_ci_lo"]) > 0 or float(r["D_ci_hi"]) < 0 for r in rows)
print(f"  bootstrap 95 % interval of D (test galaxies only) excludes 0 in {excl} of {n}")
