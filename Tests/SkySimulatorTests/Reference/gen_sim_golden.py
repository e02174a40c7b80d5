#!/usr/bin/env python3
"""Independent references for the SkySimulator tests -> sim_golden.json.

Run from this folder:  python3 gen_sim_golden.py
Uses scipy (gammaincinv, gammainc, dblquad), astropy (Moffat2D, Galactic frame) and numpy; nothing from galmorph.
"""
import json
import math

import numpy as np
from scipy import integrate, special
from astropy.modeling.functional_models import Moffat2D
from astropy.coordinates import SkyCoord
import astropy.units as u

out = {"generator": "Tests/SkySimulatorTests/Reference/gen_sim_golden.py",
       "versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__,
                    "astropy": __import__("astropy").__version__}}

# 1. Sersic b_n = gammaincinv(2n, 1/2) and enclosed fractions P(2n, b_n x^(1/n)).
sersic = []
for n in [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0]:
    b = float(special.gammaincinv(2 * n, 0.5))
    xs = [0.1, 0.5, 1.0, 2.0, 5.0]
    sersic.append({"n": n, "b": b, "x": xs,
                   "enclosed": [float(special.gammainc(2 * n, b * x ** (1 / n))) for x in xs]})
out["sersic"] = sersic


def sersic_profile(n, re, q, pa_deg, total):
    b = special.gammaincinv(2 * n, 0.5)
    ie = total / (2 * math.pi * q * n * re * re * math.exp(b) * b ** (-2 * n) * math.gamma(2 * n))
    pa = math.radians(pa_deg)
    ax, ay = -math.sin(pa), math.cos(pa)

    def f(y, x):  # dblquad integrates f(y, x)
        uu = x * ax + y * ay
        vv = ay * x - ax * y
        r = math.sqrt(uu * uu + (vv / q) ** 2)
        return ie * math.exp(-b * ((r / re) ** (1 / n) - 1))
    return f


# 2. Pixel integrals of a Sersic n=4 profile (no PSF, no noise). Pixel (i, j) covers [i, i+1) x [j, j+1) of a
#    64x64 stamp; galaxy centre at (32 + dx, 32 + dy). Pixels away from the centre (r >= 2 px).
def pixel_cases(n, re, q, pa, dx, dy, total, pixels):
    f = sersic_profile(n, re, q, pa, total)
    cx, cy = 32 + dx, 32 + dy
    vals = []
    for (i, j) in pixels:
        v, _ = integrate.dblquad(f, i - cx, i + 1 - cx, lambda x: j - cy, lambda x: j + 1 - cy,
                                 epsabs=1e-10, epsrel=1e-9)
        vals.append(v)
    return vals


prof_cfg = {"n": 4.0, "re_px": 6.0, "q": 0.7, "pa": 30.0, "dx": 0.3, "dy": -0.2, "total": 10000.0}
pix = [(32 + k, 31) for k in [2, 3, 5, 8, 12, 18, 25]] + [(31, 32 + k) for k in [3, 6, 10, 20]] + \
      [(32 - k, 32 - k) for k in [2, 4, 7, 11, 16]]
out["sersic_pixels"] = dict(prof_cfg, pixels=pix,
                            values=pixel_cases(prof_cfg["n"], prof_cfg["re_px"], prof_cfg["q"], prof_cfg["pa"],
                                               prof_cfg["dx"], prof_cfg["dy"], prof_cfg["total"], pix))

disk_cfg = {"n": 1.0, "re_px": 5.0, "q": 0.4, "pa": 100.0, "dx": -0.25, "dy": 0.4, "total": 5000.0}
pix_d = [(32 + k, 32) for k in [0, 1, 2, 4, 7, 11, 16]] + [(32, 32 + k) for k in [-3, 2, 5, 9]]
out["disk_pixels"] = dict(disk_cfg, pixels=pix_d,
                          values=pixel_cases(disk_cfg["n"], disk_cfg["re_px"], disk_cfg["q"], disk_cfg["pa"],
                                             disk_cfg["dx"], disk_cfg["dy"], disk_cfg["total"], pix_d))


# 3. Flux inside the 64x64 stamp for compact cuspy profiles (centre split so quadrature sees the cusp at a corner).
def stamp_flux(n, re, q, pa, dx, dy, total):
    f = sersic_profile(n, re, q, pa, total)
    cx, cy = 32 + dx, 32 + dy
    acc = 0.0
    for (x0, x1) in [(-cx, 0.0), (0.0, 64 - cx)]:
        for (y0, y1) in [(-cy, 0.0), (0.0, 64 - cy)]:
            v, _ = integrate.dblquad(f, x0, x1, lambda x: y0, lambda x: y1, epsabs=1e-9, epsrel=1e-10)
            acc += v
    return acc


flux_cases = []
for (n, re, q, pa, dx, dy) in [(4.0, 1.5, 0.8, 20.0, 0.1, 0.35), (4.0, 3.0, 0.6, 75.0, -0.4, 0.2),
                               (1.0, 2.0, 0.3, 140.0, 0.0, 0.0), (2.5, 2.5, 0.9, 10.0, 0.45, -0.45),
                               (1.0, 4.0, 0.12, 60.0, 0.2, 0.1), (5.5, 1.0, 0.9, 45.0, 0.3, 0.3),
                               (4.0, 0.8, 0.6, 120.0, -0.1, 0.45)]:
    flux_cases.append({"n": n, "re_px": re, "q": q, "pa": pa, "dx": dx, "dy": dy, "total": 1000.0,
                       "in_stamp": stamp_flux(n, re, q, pa, dx, dy, 1000.0)})
out["stamp_flux"] = flux_cases

# 4. Moffat: astropy Moffat2D (gamma = core width alpha, alpha = power beta) on the integer grid, normalised; fwhm.
moffat = []
for (fwhm, beta) in [(3.0, 3.5), (4.5, 2.5), (2.6, 4.765)]:
    alpha = fwhm / (2 * math.sqrt(2 ** (1 / beta) - 1))
    m = Moffat2D(amplitude=1, x_0=0, y_0=0, gamma=alpha, alpha=beta)
    r = 6
    y, x = np.mgrid[-r:r + 1, -r:r + 1]
    k = m(x, y)
    moffat.append({"fwhm": fwhm, "beta": beta, "astropy_fwhm": float(m.fwhm), "gamma": alpha,
                   "radius": r, "grid": k.ravel().tolist()})
out["moffat"] = moffat

# 5. Context expressions evaluated with numpy (degrees for trig).
positions = [(10.0, 25.0), (200.5, -33.3), (359.0, 0.0), (85.0, 70.0), (266.4, -28.9)]
coords = SkyCoord(ra=[p[0] for p in positions] * u.deg, dec=[p[1] for p in positions] * u.deg, frame="icrs")
gal = coords.galactic
L = gal.l.deg
B = gal.b.deg
sd = lambda t: np.sin(np.radians(t))
cd = lambda t: np.cos(np.radians(t))
exprs = {
    "1.2 + 0.6*(dec>0)": lambda ra, dec, l, b: 1.2 + 0.6 * (dec > 0),
    "min(0.6, 0.025/max(abs(sin(b)), 0.001))": lambda ra, dec, l, b: min(0.6, 0.025 / max(abs(sd(b)), 0.001)),
    "0.5 + 25*exp(-abs(b)/12)": lambda ra, dec, l, b: 0.5 + 25 * math.exp(-abs(b) / 12),
    "2^3^2 - -2^2": lambda ra, dec, l, b: 2 ** 3 ** 2 - (-(2 ** 2)),
    "sqrt(abs(ra - 180)) * cos(dec) + sin(l)/3": lambda ra, dec, l, b: math.sqrt(abs(ra - 180)) * cd(dec) + sd(l) / 3,
    "(dec <= 0) + 2*(ra >= 200) + 4*(b < 0) + 8*(l != 0) - (ra == 359)":
        lambda ra, dec, l, b: (dec <= 0) + 2 * (ra >= 200) + 4 * (b < 0) + 8 * (l != 0) - (ra == 359),
    "max(1, 2, ra/100, 3) * 1.5e-1 + log(exp(2)) / -4": lambda ra, dec, l, b: max(1, 2, ra / 100, 3) * 0.15 + 2 / -4,
    "-(ra - 2*dec) / (1 + tan(45)) + pi": lambda ra, dec, l, b: -(ra - 2 * dec) / (1 + math.tan(math.radians(45))) + math.pi,
}
out["expressions"] = [{"expression": e, "ra": p[0], "dec": p[1], "l": float(L[i]), "b": float(B[i]),
                       "value": float(f(p[0], p[1], float(L[i]), float(B[i])))}
                      for e, f in exprs.items() for i, p in enumerate(positions)]

# 6. ICRS -> Galactic (astropy), more positions.
rng = np.random.default_rng(20261123)
ra = rng.uniform(0, 360, 24)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, 24)))
g = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs").galactic
out["galactic"] = [{"ra": float(a), "dec": float(d), "l": float(l), "b": float(b)}
                   for a, d, l, b in zip(ra, dec, g.l.deg, g.b.deg)]

with open("sim_golden.json", "w") as fh:
    json.dump(out, fh, indent=1)
print("wrote sim_golden.json")
