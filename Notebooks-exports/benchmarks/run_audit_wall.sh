#!/usr/bin/env bash
# The demo audit's wall time, old binary against new, in one session: simulate the context-dec sky once, then
# ROUNDS rounds (default 2) of {OLD, NEW} audits, each after the 1-minute load average is below 0.5 (at most 600 s
# of waiting). Prints one line per run with the wall time and audit.json's timings, then whether the audit.csv files
# are identical or, for engines that round differently, both verdicts.
#   OLD=/path/to/old/galmorph NEW=.build/release/galmorph OUT=/tmp/audit-wall bash run_audit_wall.sh
set -euo pipefail
OLD="${OLD:?path of the old galmorph}" NEW="${NEW:?path of the new galmorph}" OUT="${OUT:-/tmp/audit-wall}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$OUT"
[ -d "$OUT/sim" ] || "$NEW" simulate --config "$ROOT/Catalogs/simulations/context-dec.json" --out "$OUT/sim" >/dev/null
wait_idle() {
  local w=0
  while awk '{ exit !($1 >= 0.5) }' /proc/loadavg && [ $w -lt 600 ]; do sleep 10; w=$((w + 10)); done
  echo "waited $w s, load $(cut -d' ' -f1 /proc/loadavg)"
}
for round in $(seq 1 "${ROUNDS:-2}"); do
  for tag in old new; do
    bin=$OLD; [ $tag = new ] && bin=$NEW
    rm -rf "$OUT/audit-$tag"
    echo "round $round $tag: $(wait_idle)"
    s=$(date +%s.%N)
    GALMORPH_PROGRESS=plain "$bin" audit --images "$OUT/sim" --split dec:0 --input-size 32 --epochs 6 \
      --out "$OUT/audit-$tag" > "$OUT/audit-$tag.log" 2>&1
    e=$(date +%s.%N)
    echo "round $round $tag wall $(echo "$e - $s" | bc) s; $(python3 -c "import json; t = json.load(open('$OUT/audit-$tag/audit.json'))['timings']; print('total %.1f load %.1f train_and_annotate %.1f analyse %.2f' % (t['total'], t['load'], t['train_and_annotate'], t['analyse']))")"
  done
  if cmp -s "$OUT/audit-old/audit.csv" "$OUT/audit-new/audit.csv"; then
    echo "round $round: audit.csv identical"
  else  # engines that round differently: the verdicts (detected, direction, rank p) must still agree
    for tag in old new; do
      echo "round $round $tag verdict: $(python3 -c "import csv; r = next(csv.DictReader(open('$OUT/audit-$tag/audit.csv'))); d = r.get('D', r.get('D_sky', r.get('mean_D', 'nan'))); print('D %.4f detected %s direction %s p %s' % (float(d), r.get('detected'), r.get('direction'), r.get('p', r.get('p_value'))))")"
    done
  fi
done
