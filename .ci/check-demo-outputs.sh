#!/usr/bin/env bash
# CI: after `make demo` (full or reduced), checks that every output the README promises for it exists and is not
# empty. Usage: .ci/check-demo-outputs.sh OUTDIR (the demo's OUT, default out).
set -euo pipefail
out=${1:-out}
missing=()
for f in gz1-annotated.fits \
         sim-context-dec/{catalog.csv,catalog.fits,cutouts.h5,simulation.json} \
         audit-context-dec/{audit.json,audit.md,audit.tex,audit.csv,report.md,audit.ipynb,test_annotations.csv}; do
  [ -s "$out/$f" ] || missing+=("$out/$f")
done
figures="$out/audit-context-dec/figures"
if [ -z "$(find "$figures" -name '*.png' -size +0 2>/dev/null | head -1)" ]; then missing+=("$figures/*.png"); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "demo outputs missing or empty (the README promises them):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "demo outputs: all $((12 + 1)) promised outputs present in $out ($(find "$figures" -name '*.png' | wc -l) figures)"
