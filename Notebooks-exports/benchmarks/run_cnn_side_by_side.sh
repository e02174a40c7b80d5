#!/usr/bin/env bash
# CNN throughput side by side: ROUNDS rounds (default 3), each = the TensorFlow and ONNX Runtime peers
# (../shared/bench/py/cnn_bench.py, exactly as ../shared/bench/run.sh's cnn part calls it) then GalmorphBench cnn,
# so every framework meets the same phases of the shared machine. Writes cnn-peers.jsonl and cnn-galmorph.jsonl
# beside this script and prints the table of cnn-side-by-side.md (summarize_cnn_side_by_side.py).
#
# Why not run.sh itself: its machine summary (`importlib.metadata.version('torch')`) aborts under `set -e` in a
# venv built from requirements-no-torch.txt, and its FMA probe is an AVX-512 binary (SIGILL on AVX2-only hosts).
# Idle guard: before every framework's run the script waits until the 1-minute load average is below 0.5 (at most
# IDLE_WAIT seconds, default 600) and records the wait and the load in the machine file and in each JSON line
# ("load_at_start", "idle_wait_s"); contention distorts ratios. The machine file records the CPU's SIMD flags and
# the OpenBLAS core galmorph runs on.
# Run from the package root after `swift build -c release --product GalmorphBench`:
#   bash Notebooks-exports/benchmarks/run_cnn_side_by_side.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/bench}"
PY="${BENCH_VENV:-$HOME/.cache/galmorph-peers-venv}/bin/python"
BENCH="${BENCH:-$ROOT/.build/release/GalmorphBench}"
S="${SESSION:+-$SESSION}"   # SESSION=2 writes cnn-*-2.jsonl / cnn-machine-2.txt
: > "$HERE/cnn-peers$S.jsonl"; : > "$HERE/cnn-galmorph$S.jsonl"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cpus"
  echo "flags: $(grep -m1 '^flags' /proc/cpuinfo | grep -o -w -E 'avx2|fma|avx512f|avx512bw|avx512vl|avx512_vnni|avx512_bf16' | tr '\n' ' ')"
  echo "galmorph BLAS: $("$BENCH" blas-info)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$PY" -c "import importlib.metadata as m; print(*[f'{p}=={m.version(p)}' for p in ('numpy','tensorflow-cpu','keras','onnxruntime','onnx')])"
} > "$HERE/cnn-machine$S.txt"
wait_idle() {
  local waited=0
  while awk '{ exit !($1 >= 0.5) }' /proc/loadavg && [ "$waited" -lt "${IDLE_WAIT:-600}" ]; do sleep 10; waited=$((waited + 10)); done
  echo "$waited"
}
# Appends each JSON line of stdin to $1 with the load at start and the idle wait of this run.
tag() { sed -e "s/^{/{\"load_at_start\": $2, \"idle_wait_s\": $3, /" >> "$1"; }
for r in $(seq 1 "${ROUNDS:-3}"); do
  for fw in tf ort; do
    waited=$(wait_idle); load=$(cut -d' ' -f1 /proc/loadavg)
    echo "round $r $fw: load $load after waiting ${waited}s" >> "$HERE/cnn-machine$S.txt"
    (cd "$PEERS_DIR" && ROUND=$r THREADS=2 OMP_NUM_THREADS=2 TF_CPP_MIN_LOG_LEVEL=2 "$PY" py/cnn_bench.py "$fw" A B \
      2> "${TMPDIR:-/tmp}/cnn_${fw}_round$r.stderr" | tag "$HERE/cnn-peers$S.jsonl" "$load" "$waited") \
      || echo "{\"error\": \"$fw failed in round $r\"}" >> "$HERE/cnn-peers$S.jsonl"
  done
  waited=$(wait_idle); load=$(cut -d' ' -f1 /proc/loadavg)
  echo "round $r galmorph: load $load after waiting ${waited}s" >> "$HERE/cnn-machine$S.txt"
  ROUND=$r "$BENCH" cnn | tag "$HERE/cnn-galmorph$S.jsonl" "$load" "$waited"
  echo "load average after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$HERE/cnn-machine$S.txt"
done
python3 "$HERE/summarize_cnn_side_by_side.py" "$HERE" "$S"
