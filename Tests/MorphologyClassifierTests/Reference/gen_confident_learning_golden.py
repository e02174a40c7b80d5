# Generates confident_learning_golden.json for ConfidentLearningTests (issue 19, `galmorph clean`): cleanlab's
# confident joint, its off-diagonal examples (the suspects) and the self-confidence label quality, on seeded
# out-of-fold spiral probabilities with labels partly flipped.
# Run: python3 gen_confident_learning_golden.py   (cleanlab 2.9.0, numpy 2.4.6 when last generated)
import json
import numpy as np
from cleanlab.count import compute_confident_joint, get_confident_thresholds
from cleanlab.rank import get_label_quality_scores
from cleanlab.filter import find_label_issues

cases = []
for seed, n, flip in [(1, 60, 0.1), (2, 300, 0.05), (3, 41, 0.2)]:
    rng = np.random.default_rng(seed)
    truth = (rng.random(n) < 0.45).astype(int)
    # a classifier's p(spiral): mostly right, with overlap
    p = np.clip(np.where(truth == 1, rng.beta(5, 2, n), rng.beta(2, 5, n)), 1e-4, 1 - 1e-4)
    p = np.round(p, 6)
    labels = truth.copy()
    flips = rng.random(n) < flip
    labels[flips] = 1 - labels[flips]
    pred_probs = np.stack([1 - p, p], axis=1)
    thresholds = get_confident_thresholds(labels, pred_probs)
    cj, off = compute_confident_joint(labels, pred_probs, calibrate=False, return_indices_of_off_diagonals=True)
    quality = get_label_quality_scores(labels, pred_probs, method="self_confidence")
    issues = find_label_issues(labels, pred_probs, filter_by="confident_learning")
    cases.append({
        "p_spiral": p.tolist(), "labels": labels.tolist(), "thresholds": thresholds.tolist(),
        "confident_joint": cj.tolist(), "suspects": sorted(int(i) for i in off),
        "find_label_issues": np.flatnonzero(issues).tolist(),
        "self_confidence": quality.tolist(),
    })
json.dump({"cases": cases}, open("confident_learning_golden.json", "w"))
for c in cases:
    print(len(c["suspects"]), len(c["find_label_issues"]), c["suspects"] == c["find_label_issues"])
