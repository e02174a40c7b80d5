"""Generator of audit_golden.json: the context statistics D (overall and per true class) and S, the unit rank test
(the larger of each unit's mean |D| and mean |S|, each scaled by its root mean square over all units), the
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
S = ((fa[0] - fb[0]) + (fa[1] - fb[1])) / 2
z = calls_a - calls_b
se = np.sqrt(z[sides == 0].var() / (sides == 0).sum() + z[sides == 1].var() / (sides == 1).sum())

# Rank test of the sky unit among M control units. Each unit's components a = mean|D|, b = mean|S| are divided by
# their root mean squares over all M + 1 units; T_u = the larger; p = (1 + #{T_m >= T_sky}) / (M + 1), ties against
# the sky unit. Component rank p's: #{v: x_v >= x_sky} / (M + 1).
def unit_test(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    sa, sb = np.sqrt(np.mean(a ** 2)), np.sqrt(np.mean(b ** 2))
    t = np.maximum(a / sa, b / sb)
    p = (1 + np.sum(t[1:] >= t[0] - 1e-12 * max(1, abs(t[0])))) / len(t)
    return [float(np.mean(a >= a[0])), float(np.mean(b >= b[0]))], t, [sa, sb], float(p)


rank_cases = []
rng = np.random.default_rng(3)
for sky, ctrl in [((0.31, 0.02), [(0.05, 0.01), (0.12, 0.05), (0.02, 0.03), (0.2, 0.04), (0.08, 0.0)]),
                  ((0.10, 0.20), [(0.05, 0.01), (0.12, 0.05), (0.10, 0.2), (0.2, 0.04), (0.08, 0.3), (0.01, 0.02), (0.099, 0.1)]),
                  ((0.02, 0.01), [(0.05, 0.1), (0.12, 0.06), (0.03, 0.2)]),
                  ((0.04, 0.19), [(0.02, 0.05), (0.05, 0.03), (0.01, 0.06), (0.03, 0.12), (0.06, 0.01)]),
                  ((0.5, 0.3), [tuple(x) for x in np.round(np.abs(rng.normal(0, 0.1, (40, 2))), 4)])]:
    a = [sky[0]] + [c[0] for c in ctrl]
    b = [sky[1]] + [c[1] for c in ctrl]
    cp, t, scales, p = unit_test(a, b)
    rank_cases.append({"sky": list(sky), "controls": [list(map(float, c)) for c in ctrl], "component_p": cp,
                       "T": list(t), "scales": scales, "p_value": p})

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
           "D": D, "S": S, "fractions": [fa, fb], "counts": [int((sides == 0).sum()), int((sides == 1).sum())],
           "agreement": float((calls_a == calls_b).mean()), "analytic_se": se,
           "D_spirals": d_of(labels == 1)[0], "D_ellipticals": d_of(labels == 0)[0],
           "rank_cases": rank_cases, "seed_cases": seed_cases},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "audit_golden.json"), "w"), indent=1)
