#!/usr/bin/env python3
"""Golden values for SkyStatisticsTests from scipy.stats, astropy.stats, statsmodels and healpy.
Run from this folder: python3 gen_stats_golden.py   (pip install statsmodels if missing)
Writes stats_golden.json."""
import json
import numpy as np
import scipy
import scipy.stats as st
import scipy.special as sp
import astropy
from astropy.stats import binom_conf_interval
import statsmodels
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from statsmodels.stats.multitest import multipletests
import healpy as hp

rng = np.random.default_rng(7)
out = dict(generator="gen_stats_golden.py", scipy=scipy.__version__, astropy=astropy.__version__,
           statsmodels=statsmodels.__version__, healpy=hp.__version__)

# exact binomial test (scipy.stats.binomtest; two-sided = sum of pmf <= pmf(k) with relative tolerance 1+1e-7)
cases = [(0, 10, 0.5), (3, 10, 0.5), (7, 10, 0.3), (10, 10, 0.5), (5, 20, 0.1), (52, 100, 0.5), (480, 1000, 0.5),
         (1, 50, 0.02), (37, 40, 0.75), (300, 1200, 0.27), (5037, 25510, 0.2), (12, 25, 0.48), (250, 500, 0.5)]
out["binomtest"] = [dict(k=k, n=n, p=p, two_sided=st.binomtest(k, n, p).pvalue,
                         greater=st.binomtest(k, n, p, alternative="greater").pvalue,
                         less=st.binomtest(k, n, p, alternative="less").pvalue) for k, n, p in cases]

# intervals: astropy binom_conf_interval (wilson, jeffreys) and statsmodels 'beta' (Clopper-Pearson), 'wilson'
iv = []
for k, n in [(0, 10), (1, 10), (5, 10), (10, 10), (3, 7), (50, 100), (999, 1000), (0, 1), (1, 1), (17, 4000),
             (5037, 25510)]:
    for cl in (0.68268949213708585, 0.95, 0.99):
        w = binom_conf_interval(k, n, confidence_level=cl, interval="wilson")
        j = binom_conf_interval(k, n, confidence_level=cl, interval="jeffreys")
        cp = proportion_confint(k, n, alpha=1 - cl, method="beta")
        ws = proportion_confint(k, n, alpha=1 - cl, method="wilson")
        iv.append(dict(k=k, n=n, cl=cl, wilson=[float(w[0]), float(w[1])], jeffreys=[float(j[0]), float(j[1])],
                       clopper_pearson=[float(cp[0]), float(cp[1])], wilson_statsmodels=[float(ws[0]), float(ws[1])]))
out["intervals"] = iv

# Fisher exact (2x2), two-sided as scipy, and one-sided
tables = [[[8, 2], [1, 5]], [[3, 1], [1, 3]], [[10, 20], [30, 40]], [[0, 5], [5, 0]], [[100, 120], [90, 130]],
          [[1, 0], [0, 0]], [[2000, 500], [1800, 700]], [[7, 12], [12, 7]], [[0, 0], [3, 4]]]
fi = []
for t in tables:
    two = st.fisher_exact(t); gr = st.fisher_exact(t, alternative="greater"); le = st.fisher_exact(t, alternative="less")
    fi.append(dict(table=t, odds_ratio=float(two.statistic) if np.isfinite(two.statistic) else None,
                   two_sided=float(two.pvalue), greater=float(gr.pvalue), less=float(le.pvalue)))
out["fisher"] = fi

# chi-square contingency 2x2 (with / without Yates), and larger tables
ch = []
for t in tables[:5] + [[[2000, 500], [1800, 700]], [[10, 20, 30], [15, 25, 5]], [[5, 5], [5, 6]]]:
    r = dict(table=t)
    for corr in (True, False):
        res = st.chi2_contingency(np.array(t), correction=corr)
        r["yates" if corr else "plain"] = dict(statistic=float(res.statistic), p=float(res.pvalue), dof=int(res.dof))
    ch.append(r)
out["chi2_contingency"] = ch

# two-proportion z test (statsmodels proportions_ztest, pooled variance)
zt = []
for c1, n1, c2, n2 in [(30, 100, 45, 110), (500, 1000, 520, 1000), (5, 50, 15, 60), (2400, 5000, 2600, 5100)]:
    z, p = proportions_ztest([c1, c2], [n1, n2])
    zl, pl = proportions_ztest([c1, c2], [n1, n2], alternative="smaller")
    zt.append(dict(c1=c1, n1=n1, c2=c2, n2=n2, z=float(z), two_sided=float(p), smaller=float(pl)))
out["two_proportion_z"] = zt

# McNemar exact and mid-p from scipy.stats.binom. Mid-p (Fagerland, Lydersen & Laake 2013, eq. 3):
# 2*[P(X <= k) - P(X = k)/2], capped at 1 after the subtraction (b = c gives 1, not exact - pmf).
mc = []
for b, c in [(5, 12), (0, 4), (10, 10), (30, 55), (1, 0), (120, 90), (3, 17), (7, 7), (0, 1)]:
    nn = b + c; kk = min(b, c)
    exact = min(1.0, 2 * st.binom.cdf(kk, nn, 0.5))
    mid = min(1.0, 2 * st.binom.cdf(kk, nn, 0.5) - st.binom.pmf(kk, nn, 0.5))
    mc.append(dict(b=b, c=c, exact=float(exact), mid_p=float(mid)))
out["mcnemar"] = mc

# Student t quantiles (scipy.stats.t.ppf) and two-sided tails (2*t.sf(|t|))
out["student_t"] = [dict(p=p, dof=v, ppf=float(st.t.ppf(p, v)), two_sided=float(2 * st.t.sf(abs(st.t.ppf(p, v)), v)))
                    for p, v in [(0.975, 1), (0.975, 2), (0.975, 4), (0.025, 4), (0.995, 9), (0.9, 30), (0.6, 3.5),
                                 (0.999, 200)]]

# normal distribution
xs = [-38.0, -10.0, -5.0, -3.0, -1.5, -0.1, 0.0, 0.3, 1.0, 2.5, 6.0, 9.0]
ps = [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.02425, 0.05, 0.3, 0.5, 0.7, 0.97575, 0.999, 1 - 1e-10]
out["norm"] = dict(x=xs, cdf=[float(st.norm.cdf(x)) for x in xs], sf=[float(st.norm.sf(x)) for x in xs],
                   p=ps, ppf=[float(st.norm.ppf(p)) for p in ps], isf=[float(st.norm.isf(p)) for p in ps])

# special functions
bi = [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 20, 0.33), (100, 200, 0.34), (0.1, 50, 0.01), (5037, 20474, 0.2),
      (1, 1, 0.77), (30, 1.5, 0.95)]
out["betainc"] = [dict(a=a, b=b, x=x, value=float(sp.betainc(a, b, x))) for a, b, x in bi]
ga = [(0.5, 0.1), (0.5, 3.0), (1.5, 2.0), (10, 5), (10, 15), (100, 90), (3, 30), (0.5, 40)]
out["gammainc"] = [dict(a=a, x=x, p=float(sp.gammainc(a, x)), q=float(sp.gammaincc(a, x))) for a, x in ga]
out["chi2_sf"] = [dict(x=x, df=d, sf=float(st.chi2.sf(x, d))) for x, d in [(3.84, 1), (10, 3), (0.5, 2), (50, 4), (100, 1)]]

# multiple testing (statsmodels multipletests)
pv = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049, 0.0001, 0.8, 0.03]
out["multipletests"] = dict(p=pv, **{m: multipletests(pv, alpha=0.05, method=m)[1].tolist()
                                      for m in ("bonferroni", "holm", "fdr_bh")})

# healpy fit_dipole on a small partial-sky map (nside 8, RING ordering, UNSEEN -> null)
nside = 8
npix = hp.nside2npix(nside)
v = np.array(hp.pix2vec(nside, np.arange(npix))).T
d_true = np.array([0.03, -0.02, 0.05])
mp = 0.4 + v @ d_true + rng.normal(0, 0.01, npix)
_, lat = hp.pix2ang(nside, np.arange(npix), lonlat=True)
mp[lat < -30] = hp.UNSEEN  # partial footprint
mono, dip = hp.fit_dipole(mp, gal_cut=0)
out["fit_dipole"] = dict(nside=nside, map=[None if x == hp.UNSEEN else float(x) for x in mp],
                         monopole=float(mono), dipole=[float(x) for x in dip])

# Bernoulli monopole + dipole maximum likelihood (scipy.optimize BFGS with analytic gradient), P(y=1) = m + d.x
from scipy.optimize import minimize
bern = []
for amp in (0.0, 0.06):
    nb = 3000
    bra = rng.uniform(0, 360, nb); bdec = np.degrees(np.arcsin(rng.uniform(-0.3, 1, nb)))  # partial sky
    X = np.array(hp.ang2vec(bra, bdec, lonlat=True))
    axis = np.array(hp.ang2vec(120.0, 40.0, lonlat=True))
    yb = (rng.uniform(size=nb) < 0.3 + amp * X @ axis).astype(float)
    Z = np.hstack([np.ones((nb, 1)), X])
    def nll(t):
        pp = Z @ t
        if np.any(pp <= 1e-9) or np.any(pp >= 1 - 1e-9):
            return 1e30
        return -(yb * np.log(pp) + (1 - yb) * np.log1p(-pp)).sum()
    def grad(t):
        pp = Z @ t
        return -Z.T @ ((yb - pp) / (pp * (1 - pp)))
    r = minimize(nll, [yb.mean(), 0, 0, 0], jac=grad, method="BFGS", options=dict(gtol=1e-11))
    m = yb.mean()
    ll0 = nb * (m * np.log(m) + (1 - m) * np.log1p(-m))
    lr = 2 * (-r.fun - ll0)
    bern.append(dict(ra=bra.tolist(), dec=bdec.tolist(), y=yb.tolist(), theta=r.x.tolist(), lr=float(lr),
                     p=float(st.chi2.sf(lr, 3))))
out["bernoulli_fit"] = bern

with open("stats_golden.json", "w") as f:
    json.dump(out, f, indent=0)
print("wrote stats_golden.json")
