#!/usr/bin/env bash
# Two builds of GalmorphBench side by side (e.g. before/after a compiler-flag change): ROUNDS rounds (default 3), each
# running every case of CASES (default "cnn stats simulate annotate") with build A then build B, after waiting until
# the 1-minute load average is below 0.5 (at most IDLE_WAIT seconds, default 600; the wait and the load at the
# start of each run are recorded). Writes compare-<LABEL>.jsonl (every measurement, tagged with build and round)
# and compare-<LABEL>-machine.txt (CPU, flags, OpenBLAS core) beside this script, then prints the median ratio B/A
# per measurement (summarize_compare_builds.py).
#   bash Notebooks-exports/benchmarks/compare_builds.sh BENCH_A BENCH_B LABEL
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
A="$1" B="$2" LABEL="${3:-builds}"
OUT="$HERE/compare-$LABEL.jsonl" MACHINE="$HERE/compare-$LABEL-machine.txt"
: > "$OUT"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cpus"
  echo "flags: $(grep -m1 '^flags' /proc/cpuinfo | grep -o -w -E 'avx2|fma|avx512f|avx512bw|avx512vl' | tr '\n' ' ')"
  echo "A: $A"; echo "B: $B"
  echo "blas A: $("$A" blas-info)"; echo "blas B: $("$B" blas-info)"
} > "$MACHINE"
wait_idle() {
  local waited=0
  while awk '{ exit !($1 >= 0.5) }' /proc/loadavg && [ "$waited" -lt "${IDLE_WAIT:-600}" ]; do sleep 10; waited=$((waited + 10)); done
  echo "$waited"
}
for r in $(seq 1 "${ROUNDS:-3}"); do
  for c in ${CASES:-cnn stats simulate annotate}; do
    for build in A B; do
      bin="$A"; [ "$build" = B ] && bin="$B"
      waited=$(wait_idle); load=$(cut -d' ' -f1 /proc/loadavg)
      ROUND=$r "$bin" "$c" | while IFS= read -r line; do
        case "$line" in
          \{*) echo "{\"build\": \"$build\", \"round\": $r, \"case\": \"$c\", \"load_at_start\": $load, \"idle_wait_s\": $waited, \"m\": $line}" ;;
        esac
      done >> "$OUT"
    done
  done
done
python3 "$HERE/summarize_compare_builds.py" "$OUT"
