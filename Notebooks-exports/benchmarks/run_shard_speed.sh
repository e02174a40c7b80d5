#!/usr/bin/env bash
# Sharded annotation on one machine: the 4000-galaxy context-dec stack annotated in one run, as 4 row shards + merge
# and as 4 sky-patch shards (--shard-by healpix:8) + merge, one shard after the other; wall time and galaxies/s per
# shard, the merge's time, and whether each merge is identical to the one run.
#   G=.build/release/galmorph OUT=/tmp/shard-speed bash Notebooks-exports/benchmarks/run_shard_speed.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
G="${G:-$ROOT/.build/release/galmorph}" O="${OUT:-/tmp/shard-speed}"
mkdir -p "$O"
[ -d "$O/sim" ] || "$G" simulate --config "$ROOT/Catalogs/simulations/context-dec.json" --out "$O/sim" >/dev/null 2>&1
S="$O/sim/cutouts.h5"
export GALMORPH_PROGRESS=plain
t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
echo "load $(cut -d' ' -f1 /proc/loadavg); cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cpus"
echo "one run: $(t "$G" annotate --image-stack "$S" --output "$O/full.csv") s"
for by in rows healpix:8; do
  tot=0
  for k in 0 1 2 3; do
    w=$(t "$G" annotate --image-stack "$S" --shard $k/4 --shard-by $by --output "$O/$by-$k.csv")
    n=$(($(wc -l < "$O/$by-$k.csv") - 1))
    echo "  $by shard $k/4: $n rows, $w s, $(echo "$n / $w" | bc) gal/s"
    tot=$(echo "$tot + $w" | bc)
  done
  m=$(t "$G" merge --output "$O/$by-merged.csv" "$O/$by-0.csv" "$O/$by-1.csv" "$O/$by-2.csv" "$O/$by-3.csv")
  if cmp -s "$O/$by-merged.csv" "$O/full.csv"; then same=identical; else same=DIFFERS; fi
  echo "$by: shards $tot s in all, merge $m s, merged $same to the one run"
done
