# Golden values for ConditionTrend (SkyStatistics): binned means of an annotation against a condition column,
# the flatness chi-square with the pooled variance, the weighted linear trend, and the same for annotation - truth.
# Independent implementation with numpy (quantile edges, polyfit with weights, unscaled covariance) and scipy.stats.
# Run: python3 gen_condition_trend_golden.py > condition_trend_golden.json   (numpy 2.4.6, scipy 1.17.1)
import json
import numpy as np
from scipy import stats


def bins_of(x, nbins):
    d = np.unique(x)
    if len(d) <= nbins:
        return np.searchsorted(d, x)
    edges = np.quantile(x, np.arange(1, nbins) / nbins)  # method='linear'
    return np.searchsorted(edges, x, side="right")


def test(means, counts, s2, xmed):
    w = counts / s2
    mbar = np.sum(w * means) / np.sum(w)
    chi = float(np.sum(w * (means - mbar) ** 2))
    coef, cov = np.polyfit(xmed, means, 1, w=np.sqrt(w), cov="unscaled")
    slope, err = float(coef[0]), float(np.sqrt(cov[0, 0]))
    return {"chi_square": chi, "dof": len(means) - 1, "p": float(stats.chi2.sf(chi, len(means) - 1)),
            "slope": slope, "slope_error": err, "slope_p": float(2 * stats.norm.sf(abs(slope / err)))}


def case(name, x, y, t, nbins):
    b = bins_of(x, nbins)
    k = b.max() + 1
    counts = np.array([np.sum(b == j) for j in range(k)], float)
    med = np.array([np.median(x[b == j]) for j in range(k)])
    means = np.array([y[b == j].mean() for j in range(k)])
    out = {"name": name, "bins": nbins, "x": x.tolist(), "y": y.tolist(), "truth": None if t is None else t.tolist(),
           "counts": counts.astype(int).tolist(), "medians": med.tolist(), "means": means.tolist(),
           "annotation": test(means, counts, np.var(y, ddof=1), med)}
    if t is not None:
        d = y - t
        md = np.array([d[b == j].mean() for j in range(k)])
        out["differences"] = md.tolist()
        out["residual"] = test(md, counts, np.var(d, ddof=1), med)
    return out


rng = np.random.default_rng(20)
n = 300
x1 = rng.normal(1.4, 0.2, n)
t1 = (rng.random(n) < 0.4).astype(float)
y1 = np.where(rng.random(n) < 0.1 + 0.2 * (x1 - 1.0), 1 - t1, t1)  # worse seeing, more errors
x2 = np.where(rng.random(200) < 0.6, 1.2, 1.6)  # two telescopes
y2 = np.clip(rng.normal(0.45, 0.2, 200) + 0.1 * (x2 - 1.2), 0, 1)  # p_spiral
print(json.dumps({"cases": [case("seeing-binary-with-truth", x1, y1, t1, 6), case("two-valued-p", x2, y2, None, 4)]}))
