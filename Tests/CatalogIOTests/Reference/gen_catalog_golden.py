#!/usr/bin/env python3
"""Golden values for CatalogIOTests (run from this folder: python3 gen_catalog_golden.py).

Independent references: pandas.read_csv (row counts, column names and dtypes, missing counts; numpy float64 sums,
min and max of numeric columns; identifier columns read with dtype=str), astropy.coordinates.Angle / Latitude
(sexagesimal parsing), Python's csv module (fixture with quoted fields). Writes catalog_golden.json and
fixtures/quoted.csv.
"""
import csv, json, os
import numpy as np
import pandas as pd
import astropy
import astropy.units as u
from astropy.coordinates import Angle, Latitude

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("GALMORPH_SHARED_DATA", os.path.join(HERE, "../../../../shared/data"))

CATALOGS = {
    "gz1_sdss_dr12_cutouts_morphml/gz1_flags_positions.csv": "file",
    "gz2_stripe82_coadd_table5/gz2_s82_coadd_table5_shared.csv.gz": "objid",
    "galaxy10_decals_coords/Galaxy10_coord.csv": "Unnamed: 0",
    "gz1_smallgz1_images/labels.csv": "objid",
    "gzdecals_ring_examples/labels.csv": "id_str",
}
TYPES = {"int64": "int", "float64": "float", "bool": "bool", "object": "string", "str": "string"}


def describe(rel, id_col):
    path = os.path.join(DATA, rel)
    df = pd.read_csv(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = []
    for name in df.columns:
        s = df[name]
        entry = {"name": name, "type": TYPES[str(s.dtype)], "missing": int(s.isna().sum())}
        if entry["type"] in ("int", "float"):
            v = s.to_numpy(dtype=np.float64)
            entry["sum"] = float(np.nansum(v))
            if entry["type"] == "int":
                entry["min"] = str(int(s.min()))
                entry["max"] = str(int(s.max()))
            else:
                entry["min"] = str(float(np.nanmin(v)))
                entry["max"] = str(float(np.nanmax(v)))
        cols.append(entry)
    ids = raw[id_col].tolist()
    return {"path": rel, "rows": int(len(df)), "columns": cols, "id_column": id_col,
            "ids_head": ids[:3], "ids_tail": ids[-2:], "id_sample_index": 1234 % len(ids),
            "id_sample": ids[1234 % len(ids)]}


RA_OK = ["12:34:56.7", "12h34m56.7s", "12 34 56.7", "188.73", "00:00:00", "23:59:59.999", "0h0m0.5s",
         "5:30", "12h34.5m", "359.9999", "0.0", "  07 08 09.10  ", "188d43m30s", "1.5e2"]
DEC_OK = ["+12:34:56", "-00 30 00", "-0:30:00", "12d34m56s", "12.5", "-89:59:59.9", "+90:00:00", "-12d34m",
          "0:00:01", "-0.0001", "+00:00:00.5", "45", "-45.25", " -05 06 07.8 ", "1.25e1"]
RA_BAD = ["", "abc", "12:61:00", "12:34:60", "12::34", "12:34:56:7", "25:00:00", "12.5:30:00", "12h34x"]
DEC_BAD = ["", "north", "+95:00:00", "-90:00:01", "12:60:00", "12h30m", "1 2 3 4", "91.5", "--10"]


def angle_golden():
    ok = []
    for s in RA_OK:
        t = s.strip()
        sexa = any(c in t for c in ": hms") and not t.replace(".", "").isdigit()
        unit = u.deg if ("d" in t or not sexa) else u.hourangle
        ok.append({"kind": "ra", "text": s, "degrees": float(Angle(t, unit=unit).degree)})
    for s in DEC_OK:
        ok.append({"kind": "dec", "text": s, "degrees": float(Latitude(Angle(s.strip(), unit=u.deg)).degree)})
    bad = []
    for kind, texts in (("ra", RA_BAD), ("dec", DEC_BAD)):
        for s in texts:
            try:
                a = Angle(s.strip(), unit=u.hourangle if kind == "ra" else u.deg)
                if kind == "dec":
                    Latitude(a)
                elif not (0 <= a.hour <= 24):
                    raise ValueError("hours out of range")
                astropy_rejects = False
            except Exception:
                astropy_rejects = True
            bad.append({"kind": kind, "text": s, "astropy_rejects": astropy_rejects})
    return ok, bad


def quoted_fixture():
    rows = [
        ["name", "note", "value", "flag"],
        ["a, b", 'He said "hi"', "1.5", "true"],
        ["multi\nline", "", "2", "false"],
        ["  padded  ", "#not a comment", "", "True"],
        ["#start", "x,y,z", "-3e2", ""],
        ['"', '""', "4", "FALSE"],
        ["ünïcødé ☆", "tab\there", "5.25", "true"],
    ]
    os.makedirs(os.path.join(HERE, "fixtures"), exist_ok=True)
    path = os.path.join(HERE, "fixtures", "quoted.csv")
    with open(path, "w", newline="") as f:
        f.write("# %ECSV-style comment line, skipped\n# another comment\n")
        csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(rows[:4])
        # A line starting with '#' inside data must be quoted to survive; csv quotes only on special chars.
        f.write('"#start","x,y,z",-3e2,\r\n')
        csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(rows[5:])
    # csv.reader does not know comments: skip the two leading comment lines explicitly.
    with open(path, newline="") as f:
        f.readline(); f.readline()
        parsed = list(csv.reader(f))
    return {"file": "fixtures/quoted.csv", "header": parsed[0], "rows": parsed[1:]}


def main():
    ok, bad = angle_golden()
    out = {"generator": "gen_catalog_golden.py", "pandas": pd.__version__, "astropy": astropy.__version__,
           "catalogs": [describe(rel, idc) for rel, idc in CATALOGS.items()],
           "angles": ok, "bad_angles": bad, "quoted": quoted_fixture()}
    with open(os.path.join(HERE, "catalog_golden.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
