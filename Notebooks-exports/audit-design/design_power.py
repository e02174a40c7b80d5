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
Writes design_power.csv. Run: python3 design_power.py (numpy only; about a minute).
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
