#!/bin/bash
# Regenerates Notebooks-exports/context-probe/ (issue 20): the background-only context probe on the simulated presets
# and the GZ1 cutouts, `audit --probe` on the context-dec and context-galactic skies, and `galmorph systematics` of
# the context-galactic audit's models and of the null audit export against the Galactic condition maps.
# Run from the repository root after `make build` (about 20 min on 2 cores; the calibration: calibrate_probe.sh).
set -euo pipefail
G=${G:-.build/release/galmorph}
WORK=${WORK:-/tmp/galmorph-context-probe}
E=Notebooks-exports/context-probe
mkdir -p "$WORK" "$E"/{probe,systematics,audit-context-dec,audit-context-galactic}
for p in null context-dec context-galactic; do
  [ -f "$WORK/sim-$p/cutouts.h5" ] || $G simulate --config Catalogs/simulations/$p.json --out "$WORK/sim-$p"
done

# 1. probe-context: the simulator's galaxy-free stamps (the default on a simulated stack), and the segmentation
#    fill on the null sky and on the GZ1 cutouts (label only: the GZ1 stack has no sky positions of its own).
probe() { name=$1; shift; $G probe-context "$@" --out "$WORK/probe-$name"; mkdir -p "$E/probe/$name"
  cp "$WORK/probe-$name"/{probe.json,masked.png} "$E/probe/$name/"; }
probe null --images "$WORK/sim-null/cutouts.h5" --split dec:0
probe context-dec --images "$WORK/sim-context-dec/cutouts.h5" --split dec:0
probe null-seg --images "$WORK/sim-null/cutouts.h5" --split dec:0 --background segmentation
probe gz1 --images Catalogs/gz1_cutouts_64.h5

# 2. audit --probe: probe rows and outside-galaxy shares (truth footprints) in the report.
$G audit --images "$WORK/sim-context-dec" --split dec:0 --epochs 6 --input-size 32 --probe --probe-galaxies 200 \
  --out "$WORK/audit-context-dec"
$G audit --images "$WORK/sim-context-galactic" --split galactic-b:20 --epochs 6 --input-size 32 --probe \
  --probe-galaxies 200 --out "$WORK/audit-context-galactic"
for a in context-dec context-galactic; do cp "$WORK/audit-$a"/{audit.md,audit_probe.csv} "$E/audit-$a/"; done
cp "$WORK/audit-context-galactic/test_annotations.csv" "$E/audit-context-galactic/"

# 3. systematics against E(B−V) and star density: the context-galactic audit's models, and the null audit export's
#    models against the same condition maps at the same positions (same seed), where they were not applied.
syst() { out=$1 annotations=$2; shift 2; : > "$E/systematics/$out.txt"
  for m in "$@"; do echo "== $m" >> "$E/systematics/$out.txt"
    $G systematics --catalog "$annotations" --annotation "$m" --threshold 0.5 --truth-column label \
      --column extinction,star_density --columns-from "$WORK/sim-context-galactic/catalog.csv" --join id:index \
      --out "$WORK/syst-$out-$m" >> "$E/systematics/$out.txt"; done; }
syst context-galactic "$E/audit-context-galactic/test_annotations.csv" \
  p_galactic-b_20-seed1-A p_galactic-b_20-seed1-B p_control01-seed1-A
syst null Notebooks-exports/audit-null/test_annotations.csv p_dec_0-seed1-A p_dec_0-seed1-B p_control01-seed1-A
cp "$WORK/syst-context-galactic-p_control01-seed1-A/systematics-star_density.png" \
  "$E/systematics/context-galactic-control01-A-star_density.png"
cp "$WORK/syst-null-p_control01-seed1-A/systematics-star_density.png" "$E/systematics/null-control01-A-star_density.png"
