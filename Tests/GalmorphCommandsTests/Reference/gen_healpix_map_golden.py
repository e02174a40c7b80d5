"""Golden header and values of HEALPix maps written by healpy.write_map, for HEALPixMapWriter / galmorph dipole --out.

Writes two maps with healpy (nside 64: 49,152 pixels stored 1024 per row, TFORM '1024D'; nside 4: 192 pixels,
one per row, TFORM 'D'), column SIGMA, coord 'C', float64, reads their table headers back with astropy and stores
the structural and HEALPix cards, plus healpy's pixel-centre (RA, Dec) of a few pixels of nside 64.

Run: python3 gen_healpix_map_golden.py  (healpy 1.20.1, astropy 8.0.2) -> healpix_map_golden.json
"""
import json
import os
import tempfile

import healpy as hp
import numpy as np
from astropy.io import fits

KEYS = ["XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT", "GCOUNT", "TFIELDS", "TTYPE1", "TFORM1",
        "PIXTYPE", "ORDERING", "COORDSYS", "NSIDE", "FIRSTPIX", "LASTPIX", "INDXSCHM", "OBJECT"]

out = {"generator": "gen_healpix_map_golden.py", "healpy": hp.__version__, "maps": []}
with tempfile.TemporaryDirectory() as tmp:
    for nside in (64, 4):
        npix = hp.nside2npix(nside)
        m = np.sin(np.arange(npix) * 0.001)
        path = os.path.join(tmp, f"m{nside}.fits")
        hp.write_map(path, m, column_names=["SIGMA"], coord="C", dtype=np.float64, overwrite=True)
        with fits.open(path) as f:
            h = f[1].header
            cards = {k: h[k] for k in KEYS}
            primary = {k: f[0].header[k] for k in ("SIMPLE", "BITPIX", "NAXIS", "EXTEND")}
        out["maps"].append({"nside": nside, "npix": npix, "cards": cards, "primary": primary})

probe = [0, 1, 100, 4000, 24576, 49151] + sorted(int(v) for v in np.random.default_rng(0).integers(0, 49152, 24))
theta, phi = hp.pix2ang(64, probe)
out["centres_nside64"] = [{"pixel": p, "ra": float(np.degrees(ph)), "dec": float(90 - np.degrees(t))}
                          for p, t, ph in zip(probe, theta, phi)]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "healpix_map_golden.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
