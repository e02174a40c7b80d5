# Generates debias_golden.json for DebiasTests (issue 19): scipy.ndimage.gaussian_filter of formula images (the
# context augmentation's PSF blur) and numpy's equal-count bin edges (GroupBalancing's column bins).
# Run: python3 gen_debias_golden.py   (numpy 2.4.6, scipy 1.17.1 when last generated)
import json, math
import numpy as np
from scipy.ndimage import gaussian_filter


def formula_image(h, w, c):
    # same formula as formulaImage in PreprocessingTests.swift
    img = np.zeros((h, w, c), dtype=np.float32)
    for y in range(h):
        for x in range(w):
            for ch in range(c):
                img[y, x, ch] = np.float32(math.sin(0.37 * y + 0.11 * (x * (ch + 1))) * 50) + np.float32((x * 3 + y * 7 + ch * 11) % 17)
    return img


blur = []
for (h, w, c, sigma) in [(12, 10, 3, 0.8), (9, 9, 1, 1.7), (16, 16, 3, 0.3)]:
    img = formula_image(h, w, c).astype(np.float64)
    out = gaussian_filter(img, sigma=(sigma, sigma, 0), mode="reflect", truncate=3.0)
    blur.append({"h": h, "w": w, "c": c, "sigma": sigma, "pixels": out.ravel().tolist()})

rng = np.random.default_rng(19)
values = np.round(rng.gamma(2.0, 1.3, size=37), 3)
bins = []
for k in (2, 3, 4, 7):
    edges = np.quantile(values, np.arange(1, k) / k)  # numpy's default 'linear' method
    groups = np.searchsorted(edges, values, side="right")  # a value equal to an edge goes to the upper bin
    bins.append({"bins": k, "edges": edges.tolist(), "groups": groups.tolist()})

json.dump({"blur": blur, "values": values.tolist(), "bins": bins}, open("debias_golden.json", "w"))
