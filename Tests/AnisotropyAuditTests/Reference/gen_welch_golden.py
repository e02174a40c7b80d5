"""Generator of welch_golden.json: Welch's unequal-variance t-test (scipy.stats.ttest_ind, equal_var=False) on
the seed-level D values of a few audit-like cases. Run: python3 gen_welch_golden.py
"""
import json, os
import scipy
from scipy import stats

cases = [
    ([0.031, 0.042, 0.025, 0.05, 0.038], [0.004, -0.01, 0.012, -0.003, 0.007]),
    ([0.01, -0.02, 0.015, 0.0, -0.005], [0.004, -0.01, 0.012, -0.003, 0.007]),
    ([0.2, 0.1, 0.15], [0.0, 0.05, -0.02, 0.01]),
    ([-0.08, -0.12, -0.05, -0.11, -0.09, -0.1], [0.03, -0.02, 0.0, 0.01, -0.04, 0.02]),
]
out = []
for x, y in cases:
    r = stats.ttest_ind(x, y, equal_var=False)
    n1, n2 = len(x), len(y)
    v1, v2 = stats.tvar(x) / n1, stats.tvar(y) / n2
    dof = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1))
    out.append({"x": x, "y": y, "t": float(r.statistic), "dof": float(dof), "p_value": float(r.pvalue)})
json.dump({"generator": "gen_welch_golden.py", "scipy": scipy.__version__, "cases": out},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "welch_golden.json"), "w"), indent=1)
