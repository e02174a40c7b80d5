#!/usr/bin/env bash
# Issue 4's speed figures side by side with the peers' Net B inference: ROUNDS rounds (default 2), each = the
# TensorFlow and ONNX Runtime peers (venv of run_cnn_side_by_side.sh) and PyTorch (system python3, when it has
# torch) running ../shared/bench/py/cnn_bench.py on Net B, then `GalmorphBench annotate` (end-to-end annotation of
# COUNT GZ1 JPEG cutouts with the shipped model at --tta 1 and 8, and EPOCHS training epochs on the bundled stack).
# Writes annotate-peers.jsonl, annotate-galmorph.jsonl and annotate-machine.txt beside this script.
# Run from the package root after `swift build -c release --product GalmorphBench`:
#   bash Notebooks-exports/benchmarks/run_annotate_side_by_side.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/bench}"
PY="${BENCH_VENV:-$HOME/.cache/galmorph-peers-venv}/bin/python"
BENCH="${BENCH:-$ROOT/.build/release/GalmorphBench}"
: > "$HERE/annotate-peers.jsonl"; : > "$HERE/annotate-galmorph.jsonl"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cpus"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$HERE/annotate-machine.txt"
for r in $(seq 1 "${ROUNDS:-2}"); do
  for fw in tf ort; do
    (cd "$PEERS_DIR" && ROUND=$r THREADS=2 OMP_NUM_THREADS=2 TF_CPP_MIN_LOG_LEVEL=2 "$PY" py/cnn_bench.py "$fw" B \
      2> /dev/null >> "$HERE/annotate-peers.jsonl") || echo "{\"error\": \"$fw failed in round $r\"}" >> "$HERE/annotate-peers.jsonl"
  done
  if python3 -c "import torch" 2> /dev/null; then
    (cd "$PEERS_DIR" && ROUND=$r THREADS=2 OMP_NUM_THREADS=2 python3 py/cnn_bench.py torch B 2> /dev/null \
      >> "$HERE/annotate-peers.jsonl") || echo "{\"error\": \"torch failed in round $r\"}" >> "$HERE/annotate-peers.jsonl"
  fi
  (cd "$ROOT" && ROUND=$r "$BENCH" annotate --count "${COUNT:-300}" --repeats 1 --epochs "${EPOCHS:-2}" 2> /dev/null \
    >> "$HERE/annotate-galmorph.jsonl")
  echo "load average after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$HERE/annotate-machine.txt"
done
cat "$HERE/annotate-galmorph.jsonl"; grep '"B"' "$HERE/annotate-peers.jsonl" | grep infer || true
