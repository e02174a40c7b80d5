#!/usr/bin/env python3
"""Twelve example cutouts for a first `galmorph annotate --catalog`: held-out Galaxy Zoo 1 galaxies.

Copies, unchanged, the first 6 spiral and the first 6 elliptical galaxies (in catalog order) among the shipped
model's held-out test rows (`test_rows` in the training summary of Catalogs/galmorph-gz1-netb.h5, 0-based data rows
of ../shared/data/gz1_smallgz1_images/labels.csv) into images/, and writes examples.csv (objid, label, file;
paths relative to the catalog). The model never trained or validated on these galaxies. Source, licence and
citations: ../README.md and ../MODEL_CARD.md (SDSS; Lintott et al. 2008, 2011). Run from the repository root:
    python3 Catalogs/examples/make_examples.py   (numpy-free; needs h5py)
"""
import csv, hashlib, json, os, shutil
import h5py

src = "../shared/data/gz1_smallgz1_images"
out = "Catalogs/examples"
summary = json.loads(h5py.File("Catalogs/galmorph-gz1-netb.h5", "r").attrs["training_summary"])
test_rows = set(json.loads(summary["test_rows"]))
rows = list(csv.DictReader(open(os.path.join(src, "labels.csv"))))
picked = {"spiral": [], "elliptical": []}
for i, r in enumerate(rows):
    c = r["binary_label"]
    if i in test_rows and c in picked and len(picked[c]) < 6:
        picked[c].append(r)
os.makedirs(os.path.join(out, "images"), exist_ok=True)
with open(os.path.join(out, "examples.csv.tmp"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["objid", "label", "file"])
    for c in ("spiral", "elliptical"):
        for r in picked[c]:
            name = os.path.basename(r["file"])
            shutil.copyfile(os.path.join(src, r["file"]), os.path.join(out, "images", name))
            w.writerow([r["objid"], c, "images/" + name])
os.replace(os.path.join(out, "examples.csv.tmp"), os.path.join(out, "examples.csv"))
for name in sorted(os.listdir(os.path.join(out, "images"))):
    print(hashlib.sha256(open(os.path.join(out, "images", name), "rb").read()).hexdigest(), "images/" + name)
