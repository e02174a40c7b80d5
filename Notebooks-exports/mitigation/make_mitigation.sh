#!/bin/bash
# Regenerates Notebooks-exports/mitigation/ (issue 19): the context-dec audit before and after each de-biasing
# method (3 training seeds, base seed 0, every other setting the README's), the labeling-bias metric L of the true
# labels and of the sky and control-1 models' calls, and `galmorph clean` on the bundled GZ1 stack with 0, 2 and 5 %
# injected label flips, and training through those 5 % flips: plain, VAT (ε chosen on validation), clean + retrain,
# VAT with the suspects unlabelled (3 seeds each). Run from the repository root after `make build`; WORK holds the
# simulated sky, the audits' models and the fold models (a few hundred MB). About 2 h 30 min on 2 cores.
set -euo pipefail
G=${G:-.build/release/galmorph}
WORK=${WORK:-/tmp/galmorph-mitigation}
E=Notebooks-exports/mitigation
mkdir -p "$WORK" "$E"
[ -f "$WORK/sim-cd/cutouts.h5" ] || $G simulate --config Catalogs/simulations/context-dec.json --out "$WORK/sim-cd"

audit() {  # name, options
  local name=$1; shift
  $G audit --images "$WORK/sim-cd" --split dec:0 --epochs 6 --input-size 32 --seeds 3 "$@" --out "$WORK/$name"
  mkdir -p "$E/$name"
  cp "$WORK/$name"/{audit.json,audit.md,audit.csv,audit_seeds.csv,audit_controls.csv,audit-config.json} "$E/$name/"
  # L of the true labels and of the sky and control-1 models' calls (p ≥ 0.5) across the Dec bins, within 2 × 2
  # cells of magnitude and half-light radius taken from the simulated catalog
  local cols=()
  for c in $(head -1 "$WORK/$name/test_annotations.csv" | tr ',' '\n' | grep -E '^p_(dec|control01)'); do
    cols+=(--label-column "$c")
  done
  $G bias-metric --catalog "$WORK/$name/test_annotations.csv" --label-column label "${cols[@]}" --threshold 0.5 \
    --columns-from "$WORK/sim-cd/catalog.csv" --join id:index --intrinsic magnitude,half_light_radius \
    --intrinsic-bins 2 --observable dec --observable-bins 2 --out "$E/$name" > "$E/$name/bias_metric.txt"
}
audit before
audit augment --context-augment
audit augment-p03 --context-augment --context-probability 0.3
audit balance --balance-by column:psf_fwhm:2
audit adversary --adversary column:psf_fwhm:2

for f in 0 0.02 0.05; do
  $G clean --image-stack Catalogs/gz1_cutouts_64.h5 --inject-flips $f --output "$WORK/clean-$f/clean.csv" \
    --contact-sheet "$WORK/clean-$f/suspects.png" | tee "$WORK/clean-$f.txt"
  mkdir -p "$E/clean-$f"
  cp "$WORK/clean-$f/clean.summary.json" "$WORK/clean-$f.txt" "$E/clean-$f/"
done
cp "$WORK/clean-0/suspects.png" "$E/clean-0/suspects.png"

# Training through 5 % injected flips (the flips `clean --inject-flips 0.05` made, seed 19); the held-out test part
# (15 %, recorded in each model) is scored on the stack's true labels. ε of VAT from the validation AUC of a grid.
S=Catalogs/gz1_cutouts_64.h5
V="$WORK/vat"
mkdir -p "$V" "$E/vat"
SUSPECTS="$WORK/clean-0.05/clean.csv"
$G train --image-stack $S --inject-flips 0.05 --vat --vat-epsilon 0.2,0.5,1,2,5 --output "$V/grid.h5" --resume \
  > "$E/vat/grid.txt"
EPS=$(sed -n 's/.*), VAT ε = \(.*\)$/\1/p' "$E/vat/grid.txt")
: > "$E/vat/grid-eval.txt"
for e in 0.2 0.5 1 2 5; do
  echo "eps $e $($G evaluate --image-stack $S --model "$V/grid.vat-eps$e.h5" --held-out)" >> "$E/vat/grid-eval.txt"
done
: > "$E/vat/eval.txt"
for seed in 0 1 2; do
  $G train --image-stack $S --inject-flips 0.05 --seed $seed --output "$V/plain-s$seed.h5"
  $G train --image-stack $S --inject-flips 0.05 --seed $seed --unlabel-suspects "$SUSPECTS" --output "$V/clean-s$seed.h5"
  $G train --image-stack $S --inject-flips 0.05 --seed $seed --vat --vat-epsilon "$EPS" --output "$V/vat-s$seed.h5"
  $G train --image-stack $S --inject-flips 0.05 --seed $seed --unlabel-suspects "$SUSPECTS" --vat --vat-epsilon "$EPS" \
    --output "$V/vatclean-s$seed.h5"
  for m in plain clean vat vatclean; do
    echo "$m seed $seed $($G evaluate --image-stack $S --model "$V/$m-s$seed.h5" --held-out)" >> "$E/vat/eval.txt"
  done
done

# L of the true labels and of every model of the presets' single-seed exports (Notebooks-exports/audit-*)
mkdir -p "$E/presets-L"
for p in context-dec null true-dipole; do
  [ -f "$WORK/sim-$p/catalog.csv" ] || $G simulate --config Catalogs/simulations/$p.json --out "$WORK/sim-$p"
  A=Notebooks-exports/audit-$p/test_annotations.csv
  cols=()
  for c in $(head -1 "$A" | tr ',' '\n' | grep -E '^p_'); do cols+=(--label-column "$c"); done
  $G bias-metric --catalog "$A" --label-column label "${cols[@]}" --threshold 0.5 \
    --columns-from "$WORK/sim-$p/catalog.csv" --join id:index --intrinsic magnitude,half_light_radius \
    --intrinsic-bins 2 --observable dec --observable-bins 2 --out "$WORK/L-$p" > "$E/presets-L/$p.txt"
  cp "$WORK/L-$p/bias_metric.json" "$E/presets-L/$p.json"
done
python3 "$E/summarise.py" "$E" > "$E/summary.md"
