"""Summarises the probe's null calibration (calibrate_probe.sh): per target, the mean and sd of the test AUC over
the seeds and how many permutation p's fall below 0.05, 0.1 and 0.5, against the counts a uniform p would give."""
import collections
import json
import statistics
import sys

results = collections.defaultdict(list)
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        results[r["target"]].append((r["auc"], r["permutationP"]))
every = []
for target, v in results.items():
    auc = [a for a, _ in v]
    p = [q for _, q in v]
    every += p
    print(f"{target}: {len(v)} seeds; AUC mean {statistics.mean(auc):.4f}, sd {statistics.stdev(auc):.4f}, "
          f"range {min(auc):.3f}–{max(auc):.3f}; p < 0.05: {sum(q < 0.05 for q in p)}, p < 0.1: "
          f"{sum(q < 0.1 for q in p)}, p < 0.5: {sum(q < 0.5 for q in p)}; smallest p {min(p):.3f}")
n = len(every)
print(f"all {n} probes: p < 0.05: {sum(q < 0.05 for q in every)} (uniform: {0.05 * n:.1f}), p < 0.1: "
      f"{sum(q < 0.1 for q in every)} ({0.1 * n:.1f}), p < 0.5: {sum(q < 0.5 for q in every)} ({0.5 * n:.1f})")
