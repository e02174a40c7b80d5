#!/usr/bin/env python3
"""Golden values for Reports' SkyBinning (the audit figures' binned spiral fractions), from healpy, astropy and
scikit-learn. Run from this folder:
    python3 gen_sky_binning.py   # writes sky_binning.json
- HEALPix fractions: healpy.ang2pix(nside, ra, dec, lonlat=True) (RING), fraction of ones per non-empty pixel.
- RA/Dec bins: numpy.histogram edges over [0, 360] / [-90, 90], 95% Wilson intervals from
  astropy.stats.binom_conf_interval(k, n, 0.95, interval="wilson"), empty bins left out.
- ROC: sklearn.metrics.roc_curve(y, p, drop_intermediate=False) and roc_auc_score.
Positions avoid bin edges by construction (continuous random values), so edge conventions do not matter.
"""
import json

import healpy as hp
import numpy as np
from astropy.stats import binom_conf_interval
from sklearn.metrics import roc_auc_score, roc_curve

rng = np.random.default_rng(20241123)
n = 500
ra = rng.uniform(0, 360, n)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
# Calls depend on position so that the fractions vary over the sky.
calls = (rng.uniform(0, 1, n) < 0.3 + 0.3 * np.sin(np.radians(dec))).astype(int)
scores = np.round(1 / (1 + np.exp(-(2 * (2 * calls - 1) + rng.normal(0, 1.5, n)))), 3)  # ties on purpose

out = {"generator": "gen_sky_binning.py", "ra": ra.tolist(), "dec": dec.tolist(), "calls": calls.tolist(),
       "scores": scores.tolist(), "healpix": {}, "bins": {}}
for nside in (2, 4):
    pix = hp.ang2pix(nside, ra, dec, lonlat=True)
    counts = np.bincount(pix, minlength=hp.nside2npix(nside))
    ones = np.bincount(pix, weights=calls, minlength=hp.nside2npix(nside))
    frac = [float(o / c) if c > 0 else None for o, c in zip(ones, counts)]
    out["healpix"][str(nside)] = {"counts": counts.tolist(), "fractions": frac}
for name, x, lo, hi in (("ra", ra, 0, 360), ("dec", dec, -90, 90)):
    edges = np.linspace(lo, hi, 13)
    n_bin, _ = np.histogram(x, edges)
    k_bin, _ = np.histogram(x, edges, weights=calls)
    keep = n_bin > 0
    ci = binom_conf_interval(k_bin[keep].astype(int), n_bin[keep], 0.95, interval="wilson")
    out["bins"][name] = {"centres": ((edges[:-1] + edges[1:]) / 2)[keep].tolist(), "counts": n_bin[keep].tolist(),
                         "fractions": (k_bin[keep] / n_bin[keep]).tolist(), "lower": ci[0].tolist(),
                         "upper": ci[1].tolist()}
fpr, tpr, _ = roc_curve(calls, scores, drop_intermediate=False)
out["roc"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "auc": float(roc_auc_score(calls, scores))}
with open("sky_binning.json", "w") as f:
    json.dump(out, f)
