"""Generator of audit_golden.json: the context statistic D and the seed-level permutation test, computed
independently with numpy and itertools (brute-force enumeration of every relabelling).
Inputs come from a formula both sides reproduce. Run: python3 gen_audit_golden.py
"""
import itertools, json, os
import numpy as np

n = 500
i = np.arange(n)
sides = (((i * 37) % 11) < 5).astype(int)          # 0 = side A, 1 = side B
calls_a = (((i * 13) % 7) < 3).astype(int)
calls_b = (((i * 29 + 3) % 9) < 4).astype(int)
def frac(c, s): return c[sides == s].mean()
fa = [frac(calls_a, 0), frac(calls_a, 1)]
fb = [frac(calls_b, 0), frac(calls_b, 1)]
D = (fa[0] - fa[1]) - (fb[0] - fb[1])
z = calls_a - calls_b
se = np.sqrt(z[sides == 0].var() / (sides == 0).sum() + z[sides == 1].var() / (sides == 1).sum())

cases = []
for sky, ctrl in [([0.031, 0.042, 0.025, 0.05, 0.038], [0.004, -0.01, 0.012, -0.003, 0.007]),
                  ([0.01, -0.02, 0.015, 0.0, -0.005], [0.004, -0.01, 0.012, -0.003, 0.007]),
                  ([0.2, 0.1, 0.15], [0.0, 0.05, -0.02, 0.01])]:
    allv = np.array(sky + ctrl); k = len(sky)
    obs = abs(np.mean(sky) - np.mean(ctrl))
    hits = total = 0
    for sub in itertools.combinations(range(len(allv)), k):
        m = np.zeros(len(allv), bool); m[list(sub)] = True
        total += 1
        hits += abs(allv[m].mean() - allv[~m].mean()) >= obs - 1e-12 * max(1, obs)
    cases.append({"sky": sky, "control": ctrl, "p_value": hits / total, "n_perm": total})

json.dump({"generator": "gen_audit_golden.py", "D": D, "fractions": [fa, fb], "counts": [int((sides == 0).sum()), int((sides == 1).sum())],
           "agreement": float((calls_a == calls_b).mean()), "analytic_se": se, "permutation_cases": cases},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "audit_golden.json"), "w"), indent=1)
