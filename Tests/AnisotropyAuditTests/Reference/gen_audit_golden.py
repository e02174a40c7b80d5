"""Generator of audit_golden.json: the context statistic D (overall and per true class), the unit rank test, the
Student-t interval of a mean D over seeds and the sign test with zeros dropped, computed independently with numpy
and scipy. Inputs come from a formula both sides reproduce. Run: python3 gen_audit_golden.py
"""
import json, os
import numpy as np
import scipy
from scipy import stats

n = 500
i = np.arange(n)
sides = (((i * 37) % 11) < 5).astype(int)          # 0 = side A, 1 = side B
calls_a = (((i * 13) % 7) < 3).astype(int)
calls_b = (((i * 29 + 3) % 9) < 4).astype(int)
labels = (((i * 17 + 1) % 5) < 2).astype(int)      # 1 = spiral


def d_of(mask):
    fa = [calls_a[mask & (sides == s)].mean() for s in (0, 1)]
    fb = [calls_b[mask & (sides == s)].mean() for s in (0, 1)]
    return (fa[0] - fa[1]) - (fb[0] - fb[1]), fa, fb


everyone = np.ones(n, bool)
D, fa, fb = d_of(everyone)
z = calls_a - calls_b
se = np.sqrt(z[sides == 0].var() / (sides == 0).sum() + z[sides == 1].var() / (sides == 1).sum())

# Rank test of the sky unit among M control units: p = (1 + #{T_m >= T_sky}) / (M + 1), ties against the sky unit.
rank_cases = []
for sky, ctrl in [(0.31, [0.05, 0.12, 0.02, 0.2, 0.08]),
                  (0.10, [0.05, 0.12, 0.10, 0.2, 0.08, 0.01, 0.099]),
                  (0.02, [0.05, 0.12, 0.03]),
                  (0.5, list(np.round(np.abs(np.random.default_rng(3).normal(0, 0.1, 40)), 4)))]:
    c = np.array(ctrl)
    rank_cases.append({"sky": sky, "controls": ctrl, "p_value": float((1 + np.sum(c >= sky)) / (len(c) + 1))})

# Mean D over seeds with the Student-t 95% interval, and the two-sided sign test with zeros dropped.
seed_cases = []
for ds in [[-0.21, -0.25, -0.31, -0.24, -0.27], [0.01, -0.02, 0.0, 0.03, 0.0], [0.05, 0.07, 0.02], [0.0, 0.0, 0.1]]:
    x = np.array(ds)
    lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    nz = x[x != 0]
    sign_p = stats.binomtest(int((nz > 0).sum()), len(nz), 0.5).pvalue if len(nz) else 1.0
    seed_cases.append({"d": ds, "mean": float(x.mean()), "ci95": [float(lo), float(hi)], "positive": int((nz > 0).sum()),
                       "nonzero": int(len(nz)), "sign_p": float(sign_p)})

json.dump({"generator": "gen_audit_golden.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "D": D, "fractions": [fa, fb], "counts": [int((sides == 0).sum()), int((sides == 1).sum())],
           "agreement": float((calls_a == calls_b).mean()), "analytic_se": se,
           "D_spirals": d_of(labels == 1)[0], "D_ellipticals": d_of(labels == 0)[0],
           "rank_cases": rank_cases, "seed_cases": seed_cases},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "audit_golden.json"), "w"), indent=1)
