#!/usr/bin/env python3
"""Statistic-level size and power of the audit's verdict test, old (per-seed controls) and new (units) design.

Model: a unit's D for seed k is D_k = delta*[sky] + a + e_k with a ~ N(0, rho) the training-data effect shared by
every seed of one reservoir pair and e_k ~ N(0, 1 - rho) the seed effect (unit null variance). delta is the planted
context in units of the null sd of D.
- old design (galmorph <= 0.1, 5 seeds): the sky pairs share one a across seeds (the whole side is every seed's
  training set), each control pair has its own a; one-sided exact permutation test of mean |D|, 5 + 5 values.
- new design (AuditDesign, UnitRankTest): the sky unit and M control units, K seeds each, T = mean_k |D_k|,
  p = (1 + #{T_m >= T_sky}) / (M + 1); Holm over S splits is approximated by testing one split at alpha / S
  (Holm's first step), which is what a detection needs when the other split has no effect.
- the verdict's statistic since audit.json format 3: each unit also has S_k = gamma*[sky] + b + f_k (the training
  side's shift), b ~ N(0, rho s^2), f_k ~ N(0, (1 - rho) s^2) with s = 1.5 (threshold noise makes S's null spread
  wider than D's, as in the bundled audits), gamma in units of D's null sd; T = max(A / rms(A), B / rms(B)) with
  A = mean_k |D_k|, B = mean_k |S_k| and the root mean squares over all M + 1 units. Rows "T" give its size and its
  power against a lean (delta) and a shift (gamma), beside mean |D| alone ("D") and mean |S| alone ("S").
Writes design_power.csv and design_power_T.csv. Run: python3 design_power.py (numpy only; about two minutes).
"""
import csv, itertools, os
import numpy as np

rng = np.random.default_rng(2026)
R = 20000


def old_size(rho, alpha=0.05):
    """Size of the old one-sided 5+5 permutation test of mean |D| under the null."""
    combos = np.array(list(itertools.combinations(range(10), 5)))
    a0 = rng.normal(0, np.sqrt(rho), (R, 1))
    sky = np.abs(a0 + rng.normal(0, np.sqrt(1 - rho), (R, 5)))
    ctl = np.abs(rng.normal(0, np.sqrt(rho), (R, 5)) + rng.normal(0, np.sqrt(1 - rho), (R, 5)))
    allv = np.concatenate([sky, ctl], 1)
    total = allv.sum(1, keepdims=True)
    s = allv[:, combos].sum(2)                      # R x 252 sums of the first group
    stat = s / 5 - (total - s) / 5
    obs = stat[:, :1]                               # combos[0] = (0..4) = the sky values
    p = (stat >= obs - 1e-12).mean(1)
    return (p <= alpha).mean()


def new_rate(K, M, rho, delta, level):
    a = rng.normal(0, np.sqrt(rho), (R, M + 1))
    e = rng.normal(0, np.sqrt(1 - rho), (R, M + 1, K))
    D = a[:, :, None] + e
    D[:, 0, :] += delta
    T = np.abs(D).mean(2)
    p = (1 + (T[:, 1:] >= T[:, :1]).sum(1)) / (M + 1)
    return (p <= level + 1e-12).mean()


def unit_T_rates(K, M, rho, delta, gamma, level, s=1.5):
    """Rejection rates of T, of mean |D| alone and of mean |S| alone for one split."""
    D = rng.normal(0, np.sqrt(rho), (R, M + 1, 1)) + rng.normal(0, np.sqrt(1 - rho), (R, M + 1, K))
    S = s * (rng.normal(0, np.sqrt(rho), (R, M + 1, 1)) + rng.normal(0, np.sqrt(1 - rho), (R, M + 1, K)))
    D[:, 0, :] += delta
    S[:, 0, :] += gamma
    A, B = np.abs(D).mean(2), np.abs(S).mean(2)
    T = np.maximum(A / np.sqrt((A ** 2).mean(1, keepdims=True)), B / np.sqrt((B ** 2).mean(1, keepdims=True)))
    rate = lambda X: (((1 + (X[:, 1:] >= X[:, :1]).sum(1)) / (M + 1)) <= level + 1e-12).mean()
    return rate(T), rate(A), rate(B)


rows = []
for rho in [0, 0.25, 0.5, 0.75, 1]:
    rows.append(dict(design="old 5+5 seeds", splits=1, seeds=5, controls=5, models_per_split=20, rho=rho, delta=0,
                     rate=old_size(rho)))
for S in [1, 2]:
    level = 0.05 / S
    for K, M in [(1, 20 * S), (1, 40 * S), (2, 20 * S), (3, 20 * S)]:
        if S / (M + 1) >= 0.05:
            continue
        for rho in [0, 0.5, 1]:
            for delta in [0, 1.5, 2, 3, 4]:
                rows.append(dict(design="units", splits=S, seeds=K, controls=M, models_per_split=None, rho=rho,
                                 delta=delta, rate=new_rate(K, M, rho, delta, level)))
for r in rows:
    if r["design"] == "units":
        r["models_total"] = 2 * r["seeds"] * (r["splits"] + r["controls"])
    else:
        r["models_total"] = 20
    r.pop("models_per_split")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "design_power.csv")
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["design", "splits", "seeds", "controls", "models_total", "rho", "delta", "rate"])
    w.writeheader()
    for r in rows:
        w.writerow({**r, "rate": f"{r['rate']:.4f}"})
for r in rows:
    print(r)

# The format-3 statistic T (after the rows above, so that their random draws are those of the earlier version).
rows_T = []
for K, M in [(1, 20), (1, 40), (2, 20), (3, 20)]:
    for rho in [0, 0.5, 1]:
        for delta, gamma in [(0, 0), (2, 0), (3, 0), (4, 0), (0, 3), (0, 4.5), (0, 6)]:
            t, a, b = unit_T_rates(K, M, rho, delta, gamma, 0.05)
            rows_T.append(dict(seeds=K, controls=M, models_total=2 * K * (1 + M), rho=rho, delta=delta, gamma=gamma,
                               T=f"{t:.4f}", D_alone=f"{a:.4f}", S_alone=f"{b:.4f}"))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "design_power_T.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows_T[0]))
    w.writeheader()
    w.writerows(rows_T)
for r in rows_T:
    print(r)

