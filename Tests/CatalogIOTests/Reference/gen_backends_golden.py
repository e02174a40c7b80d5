"""Generator of backends_golden.json and galaxy10_catalog.h5: references for CatalogIO's FITS-table and HDF5
backends, from astropy 8.0.2 (the shared galsim COSMOS table) and h5py (a small Galaxy10-layout file written here,
plus a compound table dataset). Run: python3 gen_backends_golden.py
"""
import json, os
import numpy as np, h5py
from astropy.io import fits

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, "..", "..", "..", "..", "shared", "data", "fits_samples", "galsim",
                      "real_galaxy_catalog_23.5_example.fits")
out = {"generator": "gen_backends_golden.py"}
with fits.open(shared) as h:
    d = h[1].data
    out["fits"] = {"columns": list(h[1].columns.names), "rows": len(d),
                   "ra": [float(v) for v in d["RA"]], "dec": [float(v) for v in d["DEC"]],
                   "ident": [str(int(v)) for v in d["IDENT"]], "band0": d["BAND"][0].strip(),
                   "mag_sum": float(np.sum(d["MAG"].astype(np.float64)))}

rng = np.random.default_rng(7)
n = 37
ra = np.round(rng.uniform(0, 360, n), 6); dec = np.round(np.degrees(np.arcsin(rng.uniform(-1, 1, n))), 6)
ans = rng.integers(0, 10, n).astype(np.uint8)
with h5py.File(os.path.join(here, "galaxy10_catalog.h5"), "w") as f:
    f.create_dataset("images", data=rng.integers(0, 255, (n, 8, 8, 3), dtype=np.uint8), compression="gzip")
    f.create_dataset("ans", data=ans); f.create_dataset("ra", data=ra); f.create_dataset("dec", data=dec)
    f.create_dataset("redshift", data=np.where(np.arange(n) % 5 == 0, np.nan, rng.uniform(0, 0.2, n)))
    t = np.zeros(5, dtype=[("objid", "<i8"), ("ra", "<f8"), ("dec", "<f8"), ("name", "S6")])
    t["objid"] = [1, 2, 3, 4, 5]; t["ra"] = [10.5, 20.25, 30, 40, 50]; t["dec"] = [-1, -2, 3, 4.5, 5]
    t["name"] = [b"a", b"bb", b"ccc", b"", b"eeeee"]
    f.create_dataset("extra/table", data=t)
out["hdf5"] = {"rows": n, "columns": ["ans", "dec", "ra", "redshift"], "ra": ra.tolist(), "dec": dec.tolist(),
               "ans": ans.tolist(), "redshift_missing": int((np.arange(n) % 5 == 0).sum())}
json.dump(out, open(os.path.join(here, "backends_golden.json"), "w"), indent=1)
