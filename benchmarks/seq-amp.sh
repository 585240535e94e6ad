#!/usr/bin/env bash
# Class-conditional antimicrobial peptides with classifier-free guidance (issue 6): a Dirichlet flow trained on the
# modlAMP set (AMP = label 1; 40 % held out), sampled for class 1 at guidance w = 0, 1, 3, judged by an independent
# k-mer classifier fitted on the generator's held-out share (never seen by the generator), which also gives the real
# AMPs the samples are compared with. Usage: benchmarks/seq-amp.sh [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/amp}
pep=data/sequences/peptides
source benchmarks/seq-amp-setup.sh
for w in 0 1 3; do
  ./flowmatch seq sample --model "$runs/model" --class 1 --guidance $w --num 1000 --out "$runs/amp_w$w.fasta" --overwrite
  ./flowmatch seq eval --samples "$runs/amp_w$w.fasta" --reference "$runs/heldout_amp.fasta" --training "$runs/model/train.fasta" \
    --alphabet protein --classifier "$runs/judge" --class 1 --out "$runs/eval_w$w" --overwrite
done
