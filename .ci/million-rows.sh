#!/bin/bash
# `make million-rows` (issue 21): a generated catalog of $ROWS rows (default 10^6) whose image column cycles over the
# 12 real GZ1 SDSS cutouts bundled in Catalogs/examples/images (RA/Dec uniform on the sphere, seeded), annotated by
# the shipped model with `galmorph annotate` as a user runs it (CSV in, CSV out, --tta 1, batch 256). Measures the
# peak resident memory (GNU time's maximum RSS) and the rate over the first and the last tenth of the rows, from the
# annotator's own progress file (<output>.partial.json, rows done after each flushed batch) sampled every second.
# Writes $OUT/million-rows/summary.txt; fails when the peak RSS exceeds 1 GiB or the last tenth's rate is below 90 %
# of the first's. MILLION_CPU pins the run to one CPU (taskset; e.g. 1), GALMORPH_THREADS sets its workers.
set -euo pipefail
ROWS=${ROWS:-1000000}
OUT=${OUT:-out}
dir="$OUT/million-rows"
bin=${GALMORPH:-.build/release/galmorph}
mkdir -p "$dir"
images="$PWD/Catalogs/examples/images"
catalog="$dir/catalog-$ROWS.csv"
if [ ! -s "$catalog" ]; then
  ls "$images" | awk -v n="$ROWS" -v d="$images" 'BEGIN { srand(21) } { f[k++] = $0 } END {
    print "objid,ra,dec,label,file"
    for (i = 0; i < n; i++) { z = 2 * rand() - 1
      printf "%d,%.5f,%.5f,%d,%s/%s\n", i, 360 * rand(), atan2(z, sqrt(1 - z * z)) * 57.29577951308232, i % 2, d, f[i % k] } }' \
    > "$catalog.tmp" && mv "$catalog.tmp" "$catalog"
fi
output="$dir/annotated-$ROWS.csv"
rm -f "$output" "$output.partial" "$output.partial.json" "$output.meta.json"
pin=()
[ -n "${MILLION_CPU:-}" ] && pin=(taskset -c "$MILLION_CPU")
samples="$dir/samples-$ROWS.tsv"
: > "$samples"
start=$(date +%s.%N)
GALMORPH_PROGRESS=plain "${pin[@]}" /usr/bin/time -v -o "$dir/time-$ROWS.txt" \
  "$bin" annotate --catalog "$catalog" --output "$output" > "$dir/annotate-$ROWS.log" 2>&1 &
pid=$!
while kill -0 "$pid" 2> /dev/null; do
  rows=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['rowsDone'])" "$output.partial.json" 2> /dev/null || true)
  [ -n "$rows" ] && printf '%s\t%s\n' "$(date +%s.%N)" "$rows" >> "$samples"
  sleep 1
done
wait "$pid"
end=$(date +%s.%N)
printf '%s\t%s\n' "$end" "$ROWS" >> "$samples"
python3 - "$samples" "$dir/time-$ROWS.txt" "$ROWS" "$start" "$end" "$dir/summary.txt" <<'PY'
import sys
samples, timefile, n, start, end, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
s = [tuple(map(float, l.split())) for l in open(samples) if l.strip()]
rss_kb = next(int(l.split(':')[1]) for l in open(timefile) if 'Maximum resident set size' in l)
def first_time(r):  # first sample at or beyond r rows
    return next(t for t, k in s if k >= r)
def rate(a, b):
    ta, tb = first_time(a), first_time(b)
    ka = next(k for t, k in s if t == ta); kb = next(k for t, k in s if t == tb)
    return (kb - ka) / (tb - ta)
t0 = s[0][0]  # the progress file appears just before the first batch (after the catalog's checksum and row count)
first = rate(s[0][1], n // 10)
last = rate(9 * n // 10, n)
deciles = [rate(i * n // 10, (i + 1) * n // 10) for i in range(10)]
lines = [
  f"rows {n}, wall {end - start:.0f} s (first batch after {t0 - start:.1f} s: checksum and row count of the catalog)",
  f"peak RSS {rss_kb / 1024:.0f} MiB (limit 1024 MiB)",
  f"rows/s first tenth {first:.0f}, last tenth {last:.0f} (ratio {last / first:.3f})",
  "rows/s by tenth: " + " ".join(f"{r:.0f}" for r in deciles),
]
ok = rss_kb <= 1024 * 1024 and last >= 0.9 * first
lines.append("bounded memory and a constant rate: " + ("yes" if ok else "NO"))
open(out, 'w').write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if ok else 1)
PY
