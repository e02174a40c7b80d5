#!/bin/bash
# Regenerates Notebooks-exports/explain/ (issue 20): attribution maps of the shipped GZ1 model for 16 spirals and 16
# ellipticals of the bundled GZ1 stack that the model never trained on (its recorded test rows), with every method,
# and the systematics test of the context-dec preset's audit annotations against the simulated observing conditions.
# Run from the repository root after `make build` (about 2 min on 2 cores).
set -euo pipefail
G=${G:-.build/release/galmorph}
WORK=${WORK:-/tmp/galmorph-explain}
E=Notebooks-exports/explain
mkdir -p "$WORK" "$E"
$G explain --image-stack Catalogs/gz1_cutouts_64.h5 --held-out --per-class 16 --method all --out "$WORK/gz1" \
  | tee "$E/gz1.txt"  # on an idle machine: speeds are measured
cp "$WORK/gz1"/{attribution.csv,explain.json,sheet-occlusion.png,sheet-integrated-gradients.png,sheet-smoothgrad.png} "$E/"

# Systematics: the context-dec sky's north is the crowded, worse-seeing side; every model of the audit export,
# thresholded at 0.5, against the truth columns of the simulated catalog (regenerated from its configuration).
[ -f "$WORK/sim-context-dec/catalog.csv" ] || $G simulate --config Catalogs/simulations/context-dec.json --out "$WORK/sim-context-dec"
A=Notebooks-exports/audit-context-dec/test_annotations.csv
: > "$E/systematics-context-dec.txt"
for m in $(head -1 "$A" | tr ',' '\n' | grep -E '^p_(dec_0|control01)'); do
  echo "== $m" >> "$E/systematics-context-dec.txt"
  $G systematics --catalog "$A" --annotation "$m" --threshold 0.5 --truth-column label \
    --column psf_fwhm,star_density --columns-from "$WORK/sim-context-dec/catalog.csv" --join id:index \
    --out "$WORK/syst-$m" >> "$E/systematics-context-dec.txt"
done
cp "$WORK/syst-p_control01-seed1-A/systematics-psf_fwhm.png" "$E/systematics-context-dec-control01-A-psf_fwhm.png"
