#!/usr/bin/env python3
"""Golden values for FITSIOTests, computed with astropy (independent of cfitsio's Swift wrapper).

Run from the package root:  python3 Tests/FITSIOTests/Reference/gen_fits_golden.py
Writes, beside this script:
  - synthetic_*.fits   small files covering BITPIX 8/32/64, BLANK, BSCALE/BZERO, NaN, a 3-D cube, a binary table
                       with scaled/vector/string/logical columns and an ASCII table (the shared samples lack these);
  - fits_golden.json   per file and HDU: type, EXTNAME, BITPIX, NAXISn, compressed flag, selected header values,
                       table columns (TTYPE/TFORM/TUNIT, repeat) and row counts, column sums, and pixel statistics.

Pixel statistics are computed from the RAW stored integers (do_not_scale_image_data=True) converted to float64 and
scaled as value = BZERO + BSCALE * raw, with raw == BLANK -> NaN. This is the exact FITS definition (Pence et al.
2010, A&A 524, A42, sec. 5.3 / 4.4.2.5); astropy's own default rescales 16/32-bit data in float32, which would add
~1e-7 relative noise to the sums. Float images are summed in float64 ignoring NaN.
"""
import glob
import json
import os

import astropy
import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.environ.get("GALMORPH_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
SAMPLES = os.path.join(SHARED, "fits_samples")

SELECTED_KEYS = ["OBJECT", "TELESCOP", "INSTRUME", "BUNIT", "CTYPE1", "CTYPE2", "CRVAL1", "CRVAL2", "CRPIX1",
                 "EQUINOX", "EXPTIME", "DATE-OBS", "FILTER", "EXTVER", "ORIGIN", "TARGNAME", "ROOTNAME"]


def make_synthetic():
    """Small files with the features the shared samples do not have."""
    rng = np.random.default_rng(20261123)
    out = {}
    # BITPIX 8, 3-D cube (NAXIS1=5, NAXIS2=4, NAXIS3=3), unsigned bytes.
    cube = rng.integers(0, 256, size=(3, 4, 5), dtype=np.uint8)
    p = os.path.join(HERE, "synthetic_bitpix8_cube.fits")
    fits.PrimaryHDU(cube, header=fits.Header([("OBJECT", "cube test", "three bands")])).writeto(p, overwrite=True)
    out["synthetic_bitpix8_cube.fits"] = p
    # BITPIX 32 with BLANK and BSCALE/BZERO in an extension named SCALED; BITPIX 64 in extension WIDE;
    # BITPIX -32 with NaN in FLOATS; BITPIX 16 uint16 (BZERO 32768) in UNSIGNED.
    raw32 = rng.integers(-100000, 100000, size=(6, 7), dtype=np.int32)
    raw32[2, 3] = -999
    raw32[5, 0] = -999
    h32 = fits.ImageHDU(raw32, name="SCALED", do_not_scale_image_data=True)
    h32.header["BSCALE"] = 0.25
    h32.header["BZERO"] = 10.5
    h32.header["BLANK"] = -999
    h32.header["BUNIT"] = "adu"
    raw64 = rng.integers(-2**40, 2**40, size=(3, 8), dtype=np.int64)
    h64 = fits.ImageHDU(raw64, name="WIDE")
    f32 = rng.normal(size=(9, 10)).astype(np.float32)
    f32[0, 0] = np.nan
    f32[4, 7] = np.nan
    f32[8, 9] = np.nan
    hf = fits.ImageHDU(f32, name="FLOATS")
    u16 = rng.integers(0, 65536, size=(5, 5), dtype=np.uint16)
    hu = fits.ImageHDU(u16, name="UNSIGNED")
    p = os.path.join(HERE, "synthetic_bitpix_mix.fits")
    fits.HDUList([fits.PrimaryHDU(), h32, h64, hf, hu]).writeto(p, overwrite=True)
    out["synthetic_bitpix_mix.fits"] = p
    # Binary table: double, int32, scaled int16 (TSCAL/TZERO), string, logical, vector float, int64, bit array;
    # then an ASCII table.
    n = 7
    cols = [
        fits.Column(name="RA", format="D", unit="deg", array=rng.uniform(0, 360, n)),
        fits.Column(name="ID", format="J", array=np.arange(n, dtype=np.int32) * 1000 - 3),
        fits.Column(name="FLUX", format="I", unit="mJy", array=rng.integers(-50, 50, n).astype(np.int16)),
        fits.Column(name="NAME", format="12A", array=np.array([f"gal_{i:03d}" for i in range(n)])),
        fits.Column(name="SPIRAL", format="L", array=np.array([i % 2 == 0 for i in range(n)])),
        fits.Column(name="MAGS", format="3E", unit="mag", array=rng.normal(20, 1, (n, 3)).astype(np.float32)),
        fits.Column(name="BIG", format="K", array=np.array([2**40 + i for i in range(n)], dtype=np.int64)),
        fits.Column(name="FLAGS", format="11X",
                    array=np.array([[(i + j) % 3 == 0 for j in range(11)] for i in range(n)])),
    ]
    tb = fits.BinTableHDU.from_columns(cols, name="CATALOG")
    acols = [
        fits.Column(name="X", format="F10.4", unit="pix", array=rng.uniform(0, 100, 4)),
        fits.Column(name="N", format="I6", array=np.array([1, -2, 30, 400])),
        fits.Column(name="LABEL", format="A8", array=np.array(["a", "bb", "ccc", "dddd"])),
    ]
    at = fits.TableHDU.from_columns(acols, name="ASCIITAB")
    p = os.path.join(HERE, "synthetic_tables.fits")
    fits.HDUList([fits.PrimaryHDU(), tb, at]).writeto(p, overwrite=True)
    # FLUX (column 3) holds raw int16; declare physical = 100 + 0.5 * raw in the header only.
    fits.setval(p, "TSCAL3", value=0.5, comment="physical = TZERO3 + TSCAL3 * raw", ext=1, after="TUNIT3")
    fits.setval(p, "TZERO3", value=100.0, ext=1, after="TSCAL3")
    out["synthetic_tables.fits"] = p
    return out


def jsonable(v):
    if isinstance(v, (bool, np.bool_)):
        return {"type": "bool", "value": bool(v)}
    if isinstance(v, (int, np.integer)):
        return {"type": "int", "value": int(v)}
    if isinstance(v, (float, np.floating)):
        return {"type": "float", "value": float(v)}
    return {"type": "string", "value": str(v)}


def image_stats(hdu):
    raw = hdu.data
    if raw is None or raw.size == 0:
        return None
    h = hdu.header
    if raw.dtype.kind in "iu":
        vals = raw.astype(np.float64)
        blank = h.get("BLANK")
        if blank is not None:
            vals[raw == blank] = np.nan
        bscale, bzero = h.get("BSCALE", 1.0), h.get("BZERO", 0.0)
        vals = bzero + bscale * vals
    else:
        vals = raw.astype(np.float64)
    nan = int(np.isnan(vals).sum())
    finite = vals[~np.isnan(vals)]
    return {
        "count": int(vals.size),
        "nan": nan,
        "sum": float(np.sum(finite, dtype=np.float64)) if finite.size else 0.0,
        "min": float(finite.min()) if finite.size else None,
        "max": float(finite.max()) if finite.size else None,
        "first": float(vals.flat[0]) if not np.isnan(vals.flat[0]) else None,
        "last": float(vals.flat[-1]) if not np.isnan(vals.flat[-1]) else None,
    }


def hdu_record(i, hdu, hdu_scaled):
    h = hdu.header
    if isinstance(hdu, fits.BinTableHDU) and not isinstance(hdu, fits.CompImageHDU):
        kind = "bintable"
    elif isinstance(hdu, fits.TableHDU):
        kind = "ascii"
    else:
        kind = "image"
    compressed = isinstance(hdu, fits.CompImageHDU)
    # A compressed image's EXTNAME lives in its bintable header (astropy hides it from the image header).
    extname = hdu.name if compressed else h.get("EXTNAME")
    rec = {"index": i, "kind": kind, "extname": extname, "bitpix": h.get("BITPIX"), "compressed": compressed}
    naxis = h.get("NAXIS", 0)
    rec["dims"] = [h[f"NAXIS{k}"] for k in range(1, naxis + 1)] if kind == "image" else [h["NAXIS1"], h["NAXIS2"]]
    rec["header"] = {k: jsonable(h[k]) for k in SELECTED_KEYS if k in h and not isinstance(h[k], fits.card.Undefined)}
    if kind == "image":
        rec["stats"] = image_stats(hdu)
    else:
        rec["rows"] = int(h["NAXIS2"])
        cols = []
        sums = {}
        data = hdu_scaled.data
        for c in hdu.columns:
            fmt = c.format
            repeat = int(getattr(fmt, "repeat", 1) or 1) if kind == "bintable" else 1
            code = fmt.format if hasattr(fmt, "format") else str(fmt)[0]
            cols.append({"name": c.name, "tform": h[f"TFORM{len(cols) + 1}"], "tunit": c.unit or "",
                         "repeat": repeat if not code.startswith("A") else 1})
            col = data[c.name]
            if col.dtype.kind in "iuf":
                sums[c.name] = float(np.sum(np.asarray(col, dtype=np.float64)))
            elif col.dtype.kind == "b":
                sums[c.name] = float(np.sum(col))
        rec["columns"] = cols
        rec["column_sums"] = sums
        # First value of each string column (trailing blanks stripped, as FITS pads with spaces).
        rec["first_strings"] = {c.name: str(data[c.name][0]).rstrip() for c in hdu.columns
                                if data is not None and len(data) and data[c.name].dtype.kind in "SU"}
    return rec


def describe(path, rel):
    recs = []
    with fits.open(path, do_not_scale_image_data=True) as raw, fits.open(path) as scaled:
        for i, (hdu, hs) in enumerate(zip(raw, scaled)):
            recs.append(hdu_record(i, hdu, hs))
    return {"path": rel, "hdus": recs}


def main():
    synth = make_synthetic()
    files = []
    for p in sorted(glob.glob(os.path.join(SAMPLES, "*", "*.fits*"))):
        files.append(describe(p, os.path.relpath(p, SHARED)))
    synthetic = [describe(p, name) for name, p in sorted(synth.items())]
    golden = {"generator": "gen_fits_golden.py", "astropy": astropy.__version__, "numpy": np.__version__,
              "shared": files, "synthetic": synthetic}
    with open(os.path.join(HERE, "fits_golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(files)} shared + {len(synthetic)} synthetic file records")


if __name__ == "__main__":
    main()
