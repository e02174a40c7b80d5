#!/usr/bin/env bash
# CNN throughput side by side: ROUNDS rounds (default 3), each = the TensorFlow and ONNX Runtime peers
# (../shared/bench/py/cnn_bench.py, exactly as ../shared/bench/run.sh's cnn part calls it) then GalmorphBench cnn,
# so every framework meets the same phases of the shared machine. Writes cnn-peers.jsonl and cnn-galmorph.jsonl
# beside this script and prints the table of cnn-side-by-side.md (summarize_cnn_side_by_side.py).
#
# Why not run.sh itself: its machine summary (`importlib.metadata.version('torch')`) aborts under `set -e` in a
# venv built from requirements-no-torch.txt, and its FMA probe is an AVX-512 binary (SIGILL on AVX2-only hosts).
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
  echo "flags: $(grep -m1 '^flags' /proc/cpuinfo | grep -o -w -E 'avx2|fma|avx512f' | tr '\n' ' ')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$PY" -c "import importlib.metadata as m; print(*[f'{p}=={m.version(p)}' for p in ('numpy','tensorflow-cpu','keras','onnxruntime','onnx')])"
} > "$HERE/cnn-machine$S.txt"
for r in $(seq 1 "${ROUNDS:-3}"); do
  for fw in tf ort; do
    (cd "$PEERS_DIR" && ROUND=$r THREADS=2 OMP_NUM_THREADS=2 TF_CPP_MIN_LOG_LEVEL=2 "$PY" py/cnn_bench.py "$fw" A B \
      2> "${TMPDIR:-/tmp}/cnn_${fw}_round$r.stderr" >> "$HERE/cnn-peers$S.jsonl") \
      || echo "{\"error\": \"$fw failed in round $r\"}" >> "$HERE/cnn-peers$S.jsonl"
  done
  ROUND=$r "$BENCH" cnn >> "$HERE/cnn-galmorph$S.jsonl"
  echo "load average after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$HERE/cnn-machine$S.txt"
done
python3 "$HERE/summarize_cnn_side_by_side.py" "$HERE" "$S"
