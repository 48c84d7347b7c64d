#!/usr/bin/env bash
# On a GPU server (the device machine; see README "Benchmark"): GPU name, the PyTorch reference on the
# same GPU, then the packed Node benchmark (npm run bench:gpu-pack) with the beyond-parity section.
# Everything lands in $OUT (default bench/out); the Node figures are rewritten after each workload.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/out}
mkdir -p "$OUT"
nvidia-smi -L 2>&1 | tee "$OUT/gpu.txt"
[ "${TORCH:-1}" = 0 ] || PYTHONUNBUFFERED=1 timeout "${TORCH_TIMEOUT:-150}" python3 bench/pytorch_reference.py --out "$OUT/pytorch.json" 2>&1 | tee "$OUT/pytorch.log"
beyond=--beyond; [ "${BEYOND:-1}" = 0 ] && beyond=  # BEYOND=0: the parity comparisons only; TORCH=0: no PyTorch
timeout "${BENCH_TIMEOUT:-400}" bash gpu-pack/bench/run.sh --plan=full $beyond --out="$OUT/results.json" "$@" 2>&1 | tee "$OUT/node.log"
