# Shared by seq-amp.sh and seq-amp-classifier.sh (sourced; expects $runs and $pep): the Dirichlet flow on the modlAMP set (AMP =
# label 1; 40 % held out), trained when missing; the independent k-mer judge fitted on the generator's held-out share
# (never seen by the generator); and the held-out real AMPs the samples are compared with.
mkdir -p "$runs"
[ -f "$runs/model/model" ] || ./flowmatch seq train --fasta $pep/amp_modlamp/seqs.fasta --labels $pep/amp_modlamp/labels.tsv \
  --alphabet protein --method dirichlet --steps 3000 --holdout 0.4 --out "$runs/model"
./flowmatch seq classifier --fasta "$runs/model/heldout.fasta" --labels $pep/amp_modlamp/labels.tsv --alphabet protein \
  --out "$runs/judge" --overwrite
awk -F'\t' 'NR == FNR { if ($2 == "1") amp[$1] = 1; next } /^>/ { keep = (substr($1, 2) in amp) } keep' \
  $pep/amp_modlamp/labels.tsv "$runs/model/heldout.fasta" > "$runs/heldout_amp.fasta"
