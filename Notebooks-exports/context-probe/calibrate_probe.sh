#!/bin/bash
# Null calibration of the context probe at its defaults (Net B at 32 px, 6 epochs, 30 % test part, 999 label
# permutations here): 30 training seeds on the bundled null sky (the same 4000 galaxies: the sky, the images and
# the galaxy-free stamps are shared, as in real use; the split into training and test parts, the training and the
# permutations change with the seed), three probes each (side of dec:0, side of ra:70,250, morphology label).
# Writes calibration.txt. About 15 min on 2 cores.
set -euo pipefail
G=${G:-.build/release/galmorph}
WORK=${WORK:-/tmp/galmorph-context-probe}
E=Notebooks-exports/context-probe
[ -f "$WORK/sim-null/cutouts.h5" ] || $G simulate --config Catalogs/simulations/null.json --out "$WORK/sim-null"
for s in $(seq 1 30); do
  [ -f "$WORK/cal-$s/probe.json" ] || $G probe-context --images "$WORK/sim-null/cutouts.h5" --split dec:0 \
    --split ra:70,250 --seed "$s" --permutations 999 --out "$WORK/cal-$s" 2> /dev/null
done
python3 "$E/summarise_calibration.py" "$WORK"/cal-*/probe.json > "$E/calibration.txt"
