#!/usr/bin/env bash
# Unconditional E. coli promoter generation (issue 6): one model per method on the positive set (10 % held out),
# 1000 samples each, k-mer JS to the held-out promoters beside the half-vs-half floor, uniqueness, novelty.
# Usage: benchmarks/seq-promoters.sh [RUNS_DIR] [NETWORK]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/promoters}
network=${2:-mlp}
for method in dirichlet linear discrete; do
  dir="$runs/$method"
  [ -f "$dir/model" ] || ./flowmatch seq train --fasta data/sequences/dna/promoters_positive.fasta --alphabet dna \
    --method $method --network "$network" --steps 3000 --out "$dir"
  ./flowmatch seq sample --model "$dir" --num 1000 --out "$dir/samples.fasta" --overwrite
  ./flowmatch seq eval --samples "$dir/samples.fasta" --reference "$dir/heldout.fasta" --training "$dir/train.fasta" \
    --alphabet dna --out "$dir/eval" --overwrite
done
