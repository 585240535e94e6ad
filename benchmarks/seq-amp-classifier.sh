#!/usr/bin/env bash
# Classifier guidance for antimicrobial peptides (issue 6): the Dirichlet flow of benchmarks/seq-amp.sh (trained there when
# missing), a noisy-simplex classifier fitted on the flow's training split ('seq noisy-classifier'), and 1000 samples of
# the model's *unconditional* prediction steered toward AMP at scale gamma = 0 (no guidance), 1, 3 and 10, each judged by
# the independent k-mer classifier of seq-amp.sh. Usage: benchmarks/seq-amp-classifier.sh [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/amp}
pep=data/sequences/peptides
source benchmarks/seq-amp-setup.sh
[ -f "$runs/noisy-classifier" ] || ./flowmatch seq noisy-classifier --model "$runs/model" --labels $pep/amp_modlamp/labels.tsv \
  --out "$runs/noisy-classifier"
for g in 0 1 3 10; do
  ./flowmatch seq sample --model "$runs/model" --classifier "$runs/noisy-classifier" --class 1 --classifier-scale $g --num 1000 \
    --out "$runs/cg_$g.fasta" --overwrite
  ./flowmatch seq eval --samples "$runs/cg_$g.fasta" --reference "$runs/heldout_amp.fasta" --training "$runs/model/train.fasta" \
    --alphabet protein --classifier "$runs/judge" --class 1 --out "$runs/eval_cg_$g" --overwrite
done
