#!/usr/bin/env bash
# Class-conditional antimicrobial peptides with classifier-free guidance (issue 6): a Dirichlet flow trained on the
# modlAMP set (AMP = label 1; 40 % held out), sampled for class 1 at guidance w = 0, 1, 3, judged by an independent
# k-mer classifier fitted on the generator's held-out share (never seen by the generator), which also gives the real
# AMPs the samples are compared with. Usage: benchmarks/seq-amp.sh [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-runs/amp}
pep=data/sequences/peptides
mkdir -p "$runs"
[ -f "$runs/model/model" ] || ./flowmatch seq train --fasta $pep/amp_modlamp/seqs.fasta --labels $pep/amp_modlamp/labels.tsv \
  --alphabet protein --method dirichlet --steps 3000 --holdout 0.4 --out "$runs/model"
./flowmatch seq classifier --fasta "$runs/model/heldout.fasta" --labels $pep/amp_modlamp/labels.tsv --alphabet protein \
  --out "$runs/judge" --overwrite
# held-out real AMPs (label 1) of the generator's split, as the reference the samples are compared with
awk -F'\t' 'NR == FNR { if ($2 == "1") amp[$1] = 1; next } /^>/ { keep = (substr($1, 2) in amp) } keep' \
  $pep/amp_modlamp/labels.tsv "$runs/model/heldout.fasta" > "$runs/heldout_amp.fasta"
for w in 0 1 3; do
  ./flowmatch seq sample --model "$runs/model" --class 1 --guidance $w --num 1000 --out "$runs/amp_w$w.fasta" --overwrite
  ./flowmatch seq eval --samples "$runs/amp_w$w.fasta" --reference "$runs/heldout_amp.fasta" --training "$runs/model/train.fasta" \
    --alphabet protein --classifier "$runs/judge" --class 1 --out "$runs/eval_w$w" --overwrite
done
