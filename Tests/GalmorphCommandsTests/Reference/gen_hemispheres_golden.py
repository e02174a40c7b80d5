"""Golden per-split statistics for `galmorph hemispheres` on the bundled catalog Catalogs/gz1_flags_positions.csv.gz.

Label: gz1_flag == 'spiral' (case-insensitive) is 1, other values 0. Splits (side A first, boundaries in A):
ra:70,250 (70 <= RA < 250) and dec:15 (Dec >= 15). Per split: counts, Wilson and Jeffreys intervals at the 1-sigma
level (astropy binom_conf_interval), Fisher exact (scipy.stats.fisher_exact), Pearson chi2 with and without Yates
(scipy.stats.chi2_contingency), pooled two-proportion z (statsmodels proportions_ztest), the conditional exact
binomial test binomtest(k_A, k_A + k_B, n_A / n) (scipy), and Holm-adjusted p-values across the two splits for each
test separately (statsmodels multipletests).

Run: python3 gen_hemispheres_golden.py -> hemispheres_golden.json
"""
import json
import os

import numpy as np
import pandas as pd
import scipy
import statsmodels
from astropy.stats import binom_conf_interval
from scipy.stats import binomtest, chi2_contingency, fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "..", "Catalogs", "gz1_flags_positions.csv.gz")
CONF = 0.682689492137086

df = pd.read_csv(CATALOG)
y = (df["gz1_flag"].str.strip().str.lower() == "spiral").to_numpy()
ra = df["ra"].to_numpy(float)
dec = df["dec"].to_numpy(float)
splits = {"ra:70,250": (ra >= 70) & (ra < 250), "dec:15": dec >= 15}

rows = []
for name, a in splits.items():
    na, ka = int(a.sum()), int(y[a].sum())
    nb, kb = int((~a).sum()), int(y[~a].sum())
    table = [[ka, na - ka], [kb, nb - kb]]
    z, zp = proportions_ztest([ka, kb], [na, nb])
    rows.append({
        "split": name, "na": na, "ka": ka, "nb": nb, "kb": kb,
        "wilson_a": list(map(float, binom_conf_interval(ka, na, CONF, "wilson"))),
        "wilson_b": list(map(float, binom_conf_interval(kb, nb, CONF, "wilson"))),
        "jeffreys_a": list(map(float, binom_conf_interval(ka, na, CONF, "jeffreys"))),
        "jeffreys_b": list(map(float, binom_conf_interval(kb, nb, CONF, "jeffreys"))),
        "fisher": float(fisher_exact(table)[1]),
        "chi2": float(chi2_contingency(table, correction=False)[1]),
        "chi2_yates": float(chi2_contingency(table, correction=True)[1]),
        "z": float(z), "z_p": float(zp),
        "binomial": float(binomtest(ka, ka + kb, na / (na + nb)).pvalue),
    })
for key in ("fisher", "chi2", "chi2_yates", "z_p", "binomial"):
    adj = multipletests([r[key] for r in rows], method="holm")[1]
    for r, v in zip(rows, adj):
        r[key + "_holm"] = float(v)

out = {"generator": "gen_hemispheres_golden.py", "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
       "n": int(len(y)), "positives": int(y.sum()), "confidence": CONF, "splits": rows}
with open(os.path.join(HERE, "hemispheres_golden.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
