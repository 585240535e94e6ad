#!/usr/bin/env bash
# The Dirichlet-FM simplex-dimension table: KL(empirical || target) for K = 5..160 and three methods, one JSON line per run.
# Usage: benchmarks/seq-toy.sh [SAMPLES] [OUT.jsonl]   (the paper and issue 6 use 512000 samples; about 2 h on one core)
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${1:-512000}
out=${2:-benchmarks/results/seq-toy.jsonl}
mkdir -p "$(dirname "$out")"
: > "$out"
for k in 5 20 40 80 160; do
  for method in dirichlet linear discrete; do
    ./flowmatch seq toy --k "$k" --method "$method" --samples "$samples" --hidden 128 --seed 0 --json 2>/dev/null | tee -a "$out"
  done
done
