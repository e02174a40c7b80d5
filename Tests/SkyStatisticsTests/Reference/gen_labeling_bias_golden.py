#!/usr/bin/env python3
"""Golden values for LabelingBiasTests: the labeling-bias metric L (Cabrera-Vives, Miller & Schneider 2018) computed
with numpy from its definition, independently of the Swift code.
Run from this folder: python3 gen_labeling_bias_golden.py   Writes labeling_bias_golden.json.

Definition: nested equal-count bins of the intrinsic properties (values sorted ascending, ties by row order, rank i of
n into bin floor(i*B/n)), then equal-count bins of the observable within each cell; r_cbk the fraction of class k in
observable bin b of cell c; L_c = (1/K) sum_k sqrt(mean_b (r_cbk - r_cb0k)^2) with b0 the reference bin;
L = sqrt(mean_c L_c^2)."""
import json
import numpy as np


def equal_count_bins(rows, values, bins):
    rows = np.asarray(rows)
    order = np.lexsort((rows, values[rows]))  # by value, then by row index
    ranked = rows[order]
    n = len(ranked)
    return [ranked[(np.arange(n) * bins // n) == b] for b in range(bins)]


def metric(labels, intrinsic, intrinsic_bins, observable, observable_bins, reference):
    classes = sorted(set(labels))
    lab = np.array([classes.index(x) for x in labels])
    groups = [np.arange(len(labels))]
    for values, bins in zip(intrinsic, intrinsic_bins):
        groups = [g for grp in groups for g in equal_count_bins(grp, values, bins)]
    cells = []
    ref = observable_bins - 1 if reference is None else reference
    for grp in groups:
        obs = equal_count_bins(grp, observable, observable_bins)
        r = np.array([[np.mean(lab[o] == k) for k in range(len(classes))] for o in obs])
        cells.append(float(np.mean(np.sqrt(np.mean((r - r[ref]) ** 2, axis=0)))))
    return float(np.sqrt(np.mean(np.square(cells)))), cells, classes


rng = np.random.default_rng(19)
out = dict(generator="gen_labeling_bias_golden.py", numpy=np.__version__, cases=[])
for n, k, ib, ob, ref, effect in [(600, 2, [3, 2], 4, 0, 0.0), (600, 2, [3, 2], 4, 0, 0.3), (901, 3, [4], 3, None, 0.2),
                                  (240, 2, [2, 2, 2], 2, 1, 0.5)]:
    intrinsic = [np.round(rng.normal(size=n), 2) for _ in ib]  # rounded: ties exercise the tie rule
    observable = np.round(rng.uniform(0, 1, size=n), 2)
    base = 1 / (1 + np.exp(-intrinsic[0]))
    p = np.clip(base + effect * (observable - 0.5), 0, 1)
    if k == 2:
        labels = np.where(rng.uniform(size=n) < p, "spiral", "elliptical")
    else:
        u = rng.uniform(size=n)
        labels = np.where(u < p * 0.7, "spiral", np.where(u < 0.85, "elliptical", "merger"))
    l, cells, classes = metric(list(labels), intrinsic, ib, observable, ob, ref)
    out["cases"].append(dict(labels=list(map(str, labels)), intrinsic=[v.tolist() for v in intrinsic], intrinsic_bins=ib,
                             observable=observable.tolist(), observable_bins=ob, reference_bin=ref, L=l, cells=cells,
                             classes=classes))
json.dump(out, open("labeling_bias_golden.json", "w"), indent=1)
