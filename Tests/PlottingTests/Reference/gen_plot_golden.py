#!/usr/bin/env python3
"""Golden values for PlottingTests (run from anywhere: python3 gen_plot_golden.py).

Writes plot_golden.json beside this script:
  * mollweide: forward (lon, lat, lon0 -> x, y on the unit sphere, x east) and inverse cases. The auxiliary angle
    2θ + sin 2θ = π sin φ is solved here by vectorised BISECTION (independent of the Newton iteration in Swift),
    with the standard formulas of Snyder 1987, "Map Projections — A Working Manual", USGS PP 1395, pp. 249-252:
      x = (2√2/π) (λ − λ0) cos θ,  y = √2 sin θ;  inverse θ = asin(y/√2), φ = asin((2θ + sin 2θ)/π),
      λ = λ0 + π x / (2√2 cos θ).
    Cross-checked against PROJ (pyproj, +proj=moll +R=1) to 1e-6 away from the poles (PROJ iterates to 1e-7 only).
  * colormaps: matplotlib's viridis and RdBu_r evaluated at sample fractions (cmap(x), 256-entry LUT semantics).
  * histogram: numpy.histogram counts/edges and numpy.trapezoid area (ROC AUC).
  * ticks: matplotlib MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(vmin, vmax) — AutoLocator's steps.
"""
import json
import os

import matplotlib
import numpy as np
from matplotlib import colormaps
from matplotlib.ticker import MaxNLocator

HERE = os.path.dirname(os.path.abspath(__file__))
SQRT2 = np.sqrt(2.0)


def bisect(g, lo, hi, steps=200):
    """Root of the increasing function g on [lo, hi] (arrays), by bisection."""
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        neg = g(mid) < 0
        lo = np.where(neg, mid, lo)
        hi = np.where(neg, hi, mid)
    return 0.5 * (lo + hi)


def aux_theta(phi):
    """θ with 2θ + sin 2θ = π sin φ, by bisection (g is increasing on [-π/2, π/2]).

    Near the poles g is flat (g' = 4cos²θ → 0), so for |φ| > 45° the equation is solved for u = π/2 − |θ| instead:
    2u − sin 2u = π (1 − sin|φ|), with 1 − sin|φ| = 2 sin²((π/2 − |φ|)/2) free of cancellation; exact at the poles.
    """
    phi = np.asarray(phi, dtype=float)
    target = np.pi * np.sin(phi)
    theta = bisect(lambda t: 2 * t + np.sin(2 * t) - target, np.full_like(phi, -np.pi / 2),
                   np.full_like(phi, np.pi / 2))
    a = np.abs(phi)
    rhs = np.pi * 2 * np.sin((np.pi / 2 - a) / 2) ** 2
    u = bisect(lambda v: 2 * v - np.sin(2 * v) - rhs, np.zeros_like(phi), np.full_like(phi, np.pi / 2))
    polar = np.sign(phi) * (np.pi / 2 - u)
    return np.where(a > np.pi / 4, polar, theta)


def wrap_deg(d):
    """Longitude difference wrapped to [-180, 180)."""
    return (np.asarray(d, dtype=float) + 180.0) % 360.0 - 180.0


def forward(lon, lat, lon0):
    theta = aux_theta(np.radians(lat))
    dlam = np.radians(wrap_deg(np.asarray(lon) - lon0))
    return 2 * SQRT2 / np.pi * dlam * np.cos(theta), SQRT2 * np.sin(theta)


def inverse(x, y, lon0):
    theta = np.arcsin(y / SQRT2)
    lat = np.degrees(np.arcsin((2 * theta + np.sin(2 * theta)) / np.pi))
    c = np.cos(theta)
    lon = lon0 + np.degrees(np.where(c > 0, np.pi * x / (2 * SQRT2 * np.where(c > 0, c, 1)), 0.0))
    return lon % 360.0, lat


def mollweide_cases():
    rng = np.random.default_rng(20261123)
    lons = np.concatenate([[0, 30, 90, 179.5, 180.5, 270, 359, 45, 120, 300, 10, 200],
                           rng.uniform(0, 360, 40)])
    lats = np.concatenate([[0, 30, -45, 60, -60, 89, -89, 90, -90, 10, 75.5, -0.25],
                           np.degrees(np.arcsin(rng.uniform(-1, 1, 40)))])
    fwd = []
    for lon0 in (0.0, 180.0, 90.0):
        # Avoid points on the map edge (|λ − λ0| = 180°), where x = ±2√2 is ambiguous.
        ok = np.abs(np.abs(wrap_deg(lons - lon0)) - 180.0) > 1e-6
        x, y = forward(lons[ok], lats[ok], lon0)
        for a, b, c, d in zip(lons[ok], lats[ok], x, y):
            fwd.append({"lon": float(a), "lat": float(b), "lon0": lon0, "x": float(c), "y": float(d)})
    # Inverse: points strictly inside the ellipse x²/8 + y²/2 < 1.
    inv = []
    xs = np.concatenate([[0, 1.0, -2.5, 2.0, 0.3, -0.7], rng.uniform(-2.8, 2.8, 30)])
    ys = np.concatenate([[0, 0.5, 0.2, -1.0, 1.4, -1.3], rng.uniform(-1.4, 1.4, 30)])
    rim = xs ** 2 / 8 + ys ** 2 / 2
    inside = rim < 1 - 1e-9  # points on the rim itself (e.g. (2, -1)) are in neither set
    for lon0 in (0.0, 180.0):
        lon, lat = inverse(xs[inside], ys[inside], lon0)
        for a, b, c, d in zip(xs[inside], ys[inside], lon, lat):
            inv.append({"x": float(a), "y": float(b), "lon0": lon0, "lon": float(c), "lat": float(d)})
    far = rim > 1 + 1e-9
    outside = [{"x": float(a), "y": float(b)} for a, b in zip(xs[far], ys[far])]
    outside += [{"x": 2.0, "y": 1.2}, {"x": -2.83, "y": 0.0}, {"x": 0.0, "y": 1.42}]
    return fwd, inv, outside


def crosscheck_with_proj(cases):
    try:
        from pyproj import Transformer
    except ImportError:
        return "pyproj not installed: no cross-check"
    worst = 0.0
    for lon0 in (0.0, 180.0, 90.0):
        t = Transformer.from_crs("+proj=lonlat +R=1", f"+proj=moll +R=1 +lon_0={lon0}", always_xy=True)
        for c in cases:
            if c["lon0"] != lon0 or abs(c["lat"]) > 80:
                continue
            x, y = t.transform(c["lon"], c["lat"])
            worst = max(worst, abs(x - c["x"]), abs(y - c["y"]))
    assert worst < 1e-6, worst
    return f"pyproj {__import__('pyproj').__version__}: max |difference| {worst:.2e} for |lat| <= 80"


def colormap_cases():
    xs = [0.0, 1e-9, 0.001, 0.1, 0.25, 0.3333, 0.5, 0.50196, 0.6, 0.75, 0.9, 0.996, 0.999, 1.0, -0.2, 1.3]
    xs += list(np.linspace(0, 1, 23))
    out = {}
    for name in ("viridis", "RdBu_r"):
        cmap = colormaps[name]
        out[name] = {"x": xs, "rgb": [list(map(float, cmap(float(x))[:3])) for x in xs], "N": cmap.N}
    return out


def tick_cases():
    ranges = [(0, 1), (0, 10), (-1, 1), (0.0, 0.73), (-3.7, 12.2), (1e-3, 7e-3), (0, 100), (-0.05, 1.05),
              (1990, 2030), (0.5, 0.52), (-250, 1234), (3.14159, 2.71828e3), (1e5, 1.3e6), (-1e-6, 4e-6),
              (0, 0.06), (12345.0, 12346.0), (-7, -2), (0, 360), (-90, 90), (0.123, 0.987)]
    out = []
    for nbins in (4, 5, 6, 8, 9):
        loc = MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])
        for a, b in ranges:
            out.append({"vmin": a, "vmax": b, "nbins": nbins, "ticks": [float(t) for t in loc.tick_values(a, b)]})
    return out


def histogram_cases():
    """numpy.histogram (equal bins, last bin closed) and numpy.trapezoid (ROC AUC)."""
    rng = np.random.default_rng(7)
    values = np.round(rng.normal(0.3, 1.2, 300), 3)
    values[:5] = [-2.0, 2.5, 0.3, 0.3, 2.5]  # values on the range edges
    counts, edges = np.histogram(values, bins=9, range=(-2.0, 2.5))
    fpr = np.sort(rng.uniform(0, 1, 20)); fpr[0], fpr[-1] = 0, 1
    tpr = np.sqrt(fpr)
    return {"values": values.tolist(), "bins": 9, "range": [-2.0, 2.5], "edges": edges.tolist(),
            "counts": counts.astype(float).tolist(), "fpr": fpr.tolist(), "tpr": tpr.tolist(),
            "auc": float(np.trapezoid(tpr, fpr))}


def main():
    fwd, inv, outside = mollweide_cases()
    golden = {
        "generator": "Tests/PlottingTests/Reference/gen_plot_golden.py",
        "matplotlib": matplotlib.__version__,
        "numpy": np.__version__,
        "proj_crosscheck": crosscheck_with_proj(fwd),
        "mollweide_forward": fwd,
        "mollweide_inverse": inv,
        "mollweide_outside": outside,
        "colormaps": colormap_cases(),
        "ticks": tick_cases(),
        "histogram": histogram_cases(),
    }
    with open(os.path.join(HERE, "plot_golden.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print("wrote plot_golden.json:", golden["proj_crosscheck"])


if __name__ == "__main__":
    main()
