"""Generator of classifier_golden.json: references for galmorph's preprocessing and metrics.

Independent implementations: OpenCV's INTER_AREA resampling (exact pixel-coverage averaging; note Pillow's BOX
filter samples pixel centres instead, so it is not the same operator) for area-average resizing, numpy for
dihedral transforms and reflected shifts, scikit-learn for classification metrics, scipy for temperature scaling.
Inputs are produced by a formula both sides reproduce exactly (no RNG shared between languages).
Run: python3 gen_classifier_golden.py  (opencv-python-headless, numpy, scikit-learn, scipy).
"""
import json, os
import numpy as np
import cv2
from sklearn import metrics as skm
from scipy.optimize import minimize_scalar

def formula_image(h, w, c):
    y, x, ch = np.meshgrid(np.arange(h), np.arange(w), np.arange(c), indexing="ij")
    return (np.sin(0.37 * y + 0.11 * x * (ch + 1)) * 50 + (x * 3 + y * 7 + ch * 11) % 17).astype(np.float32)

out = {"generator": "gen_classifier_golden.py"}
img = formula_image(37, 41, 3)
cases = []
for (oh, ow) in [(16, 16), (13, 29), (37, 41), (8, 5)]:
    res = cv2.resize(img, (ow, oh), interpolation=cv2.INTER_AREA)
    cases.append({"out_h": oh, "out_w": ow, "pixels": [float(v) for v in res.ravel()]})
out["resize"] = {"in_h": 37, "in_w": 41, "channels": 3, "cases": cases}

sq = formula_image(6, 6, 2)
dih = []
for k in range(8):
    t = np.rot90(sq, k % 4, axes=(0, 1))
    if k >= 4:
        t = t[:, ::-1]
    dih.append([float(v) for v in t.ravel()])
out["dihedral"] = {"n": 6, "channels": 2, "transforms": dih}
sh = []
for dy, dx in [(2, -1), (-3, 3), (0, 5)]:
    p = np.pad(sq, ((6, 6), (6, 6), (0, 0)), mode="reflect")
    t = p[6 - dy:6 - dy + 6, 6 - dx:6 - dx + 6]
    sh.append({"dy": dy, "dx": dx, "pixels": [float(v) for v in t.ravel()]})
out["shift"] = sh

# Metrics on a deterministic, tie-containing score set.
n = 400
i = np.arange(n)
y = ((i * 7919) % 13 < 5).astype(int)
score = np.round(0.5 + 0.35 * np.sin(i * 0.61) + 0.25 * (y - 0.4) * np.cos(i * 0.13) ** 2, 2).clip(0, 1)
pred = (score >= 0.5).astype(int)
fpr, tpr, thr = skm.roc_curve(y, score, drop_intermediate=False)
def fpr_at(t):
    return float(fpr[np.argmax(tpr >= t)])
bins = np.minimum((score * 10).astype(int), 9)
ece = sum((bins == b).sum() / n * abs(score[bins == b].mean() - y[bins == b].mean()) for b in range(10) if (bins == b).any())
logits = np.log(np.clip(score, 1e-3, 1 - 1e-3) / (1 - np.clip(score, 1e-3, 1 - 1e-3))) * 2.5
def nll(logT):
    a = logits / np.exp(logT)
    return float(np.sum(np.where(y == 1, np.logaddexp(0, -a), np.logaddexp(0, a))))
T = float(np.exp(minimize_scalar(nll, bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}).x))
out["metrics"] = {
    "scores": [float(v) for v in score], "labels": [int(v) for v in y], "logits": [float(v) for v in logits],
    "accuracy": skm.accuracy_score(y, pred), "balanced_accuracy": skm.balanced_accuracy_score(y, pred),
    "precision": skm.precision_score(y, pred), "recall": skm.recall_score(y, pred), "f1": skm.f1_score(y, pred),
    "roc_auc": skm.roc_auc_score(y, score), "pr_auc": skm.average_precision_score(y, score),
    "fpr_at_tpr_0.90": fpr_at(0.90), "fpr_at_tpr_0.95": fpr_at(0.95),
    "confusion_matrix": skm.confusion_matrix(y, pred).tolist(), "ece": float(ece), "temperature": T,
}
json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "classifier_golden.json"), "w"))
