#!/usr/bin/env python3
"""Golden values for SkyGeometryTests: frame transforms (astropy), Vincenty separations (astropy),
HEALPix pixel indices and centres (healpy). Run from this folder: python3 gen_geometry_golden.py
Writes geometry_golden.json."""
import json
import numpy as np
import astropy
import healpy as hp
from astropy.coordinates import SkyCoord, BarycentricMeanEcliptic, Galactic, Supergalactic
import astropy.units as u

rng = np.random.default_rng(20261123)
n = 1000
ra = rng.uniform(0, 360, n)
dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
# edge cases: poles, RA 0/360 wrap, Galactic poles
ra = np.concatenate([ra, [0.0, 359.9999999, 192.8594812065348, 12.0, 0.0]])
dec = np.concatenate([dec, [0.0, -1e-7, 27.12825118085622, 90.0, -90.0]])
c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs")
g = c.galactic
e = c.transform_to(BarycentricMeanEcliptic(equinox="J2000"))
s = c.transform_to(Supergalactic())

# separations: random pairs, tiny and near-antipodal pairs
m = 500
ra1 = rng.uniform(0, 360, m); dec1 = np.degrees(np.arcsin(rng.uniform(-1, 1, m)))
ra2 = rng.uniform(0, 360, m); dec2 = np.degrees(np.arcsin(rng.uniform(-1, 1, m)))
tiny = rng.normal(0, 1e-6, (50, 2))
ra2[:50] = ra1[:50] + tiny[:, 0]; dec2[:50] = np.clip(dec1[:50] + tiny[:, 1], -90, 90)
ra2[50:100] = (ra1[50:100] + 180 + rng.normal(0, 1e-5, 50)) % 360; dec2[50:100] = -dec1[50:100] + rng.normal(0, 1e-5, 50)
dec2 = np.clip(dec2, -90, 90)
sep = SkyCoord(ra1 * u.deg, dec1 * u.deg).separation(SkyCoord(ra2 * u.deg, dec2 * u.deg)).deg

# HEALPix: ang2pix (lonlat, ICRS RA/Dec as lon/lat) and pix2ang / pix2vec
hpx = []
for nside in (1, 8, 64, 1024, 8192):
    k = 300
    hra = rng.uniform(0, 360, k); hdec = np.degrees(np.arcsin(rng.uniform(-1, 1, k)))
    npix = hp.nside2npix(nside)
    pix = rng.integers(0, npix, 100)
    rec = dict(nside=nside, npix=int(npix), ra=hra.tolist(), dec=hdec.tolist(),
               ring=hp.ang2pix(nside, hra, hdec, lonlat=True).tolist(),
               nested=hp.ang2pix(nside, hra, hdec, lonlat=True, nest=True).tolist(),
               pixels=pix.tolist())
    for order, nest in (("ring", False), ("nested", True)):
        lon, lat = hp.pix2ang(nside, pix, nest=nest, lonlat=True)
        rec[f"{order}_centre_ra"] = lon.tolist(); rec[f"{order}_centre_dec"] = lat.tolist()
    hpx.append(rec)

out = dict(generator="gen_geometry_golden.py", astropy=astropy.__version__, healpy=hp.__version__,
           frames="ICRS -> Galactic (astropy Galactic, via FK5 J2000 incl. frame bias), "
                  "BarycentricMeanEcliptic(equinox=J2000), Supergalactic",
           ra=ra.tolist(), dec=dec.tolist(), l=g.l.deg.tolist(), b=g.b.deg.tolist(),
           ecl_lon=e.lon.deg.tolist(), ecl_lat=e.lat.deg.tolist(),
           sgl=s.sgl.deg.tolist(), sgb=s.sgb.deg.tolist(),
           sep_ra1=ra1.tolist(), sep_dec1=dec1.tolist(), sep_ra2=ra2.tolist(), sep_dec2=dec2.tolist(),
           sep=sep.tolist(), healpix=hpx)
with open("geometry_golden.json", "w") as f:
    json.dump(out, f)
print("wrote geometry_golden.json")
