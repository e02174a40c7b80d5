"""Generator of intervals_golden.json: references for MetricIntervals.

Wilson score intervals from scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson").
Bootstrap: a formula-generated test set (no RNG shared with Swift), scored with scikit-learn's roc_auc_score and
accuracy over 5,000 numpy resamples; the percentile 2.5/97.5 % bounds are what a 2,000-resample Swift bootstrap
with another generator must reproduce to within Monte-Carlo error (the test allows 0.01).
Run: python3 gen_intervals_golden.py  (numpy, scipy, scikit-learn).
"""
import json, math, os
import numpy as np
from scipy.stats import binomtest
from sklearn.metrics import roc_auc_score

out = {"generator": "gen_intervals_golden.py", "wilson": []}
for k, n in [(0, 10), (3, 10), (10, 10), (618, 682), (90, 100), (1, 2)]:
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    out["wilson"].append({"k": k, "n": n, "lower": ci.low, "upper": ci.high})

n = 400
i = np.arange(n)
y = (np.sin(0.7 * i) > 0.2).astype(int)
p = 1 / (1 + np.exp(-(2.2 * (2 * y - 1) + 2.5 * np.sin(1.3 * i + 0.4) * np.cos(0.11 * i))))
rng = np.random.default_rng(1)
aucs, accs = [], []
for _ in range(5000):
    s = rng.integers(0, n, n)
    if y[s].min() == y[s].max():
        continue
    aucs.append(roc_auc_score(y[s], p[s]))
    accs.append(np.mean((p[s] >= 0.5) == y[s]))
out["bootstrap"] = {"p": p.tolist(), "y": y.tolist(),
                    "roc_auc": [float(np.percentile(aucs, 2.5)), float(np.percentile(aucs, 97.5))],
                    "accuracy": [float(np.percentile(accs, 2.5)), float(np.percentile(accs, 97.5))]}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "intervals_golden.json"), "w"), indent=1)
print(out["wilson"], out["bootstrap"]["roc_auc"], out["bootstrap"]["accuracy"])
