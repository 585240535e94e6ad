#!/usr/bin/env bash
# Motif scaffolding on the 24 design25 benchmark problems (data/proteins/motifs/design25): training-free replacement
# with the unconditioned model (models/backbone-small) against amortised conditioning with the motif-conditioned
# model (models/backbone-motif), same layouts and noise (same seed). Prints one summary line per method.
# Usage: benchmarks/scaffold-compare.sh [NUM per problem] [OUT dir]   (4 per problem: about 10 minutes on one core)
# METHODS="replacement" (or "amortised") runs one half; the summary covers whatever is in OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
num=${1:-4}
out=${2:-runs/scaffold-compare}
for method in ${METHODS:-replacement amortised}; do
  model=models/backbone-small
  [ "$method" = amortised ] && model=models/backbone-motif
  for f in data/proteins/motifs/design25/*.pdb; do
    ./flowmatch backbone scaffold --model "$model" --method "$method" --motif "$f" --num "$num" --seed 0 \
      --out "$out/$method/$(basename "$f" .pdb)" --overwrite > /dev/null 2>&1
  done
done
# metrics.csv columns: 6 junction_ca_ca_valid, 7 junction_ca_ca_deviation, 8 motif_clashes, 9 ca_ca_valid,
# 11 strict_clashes, 13 helix, 14 strand
for method in replacement amortised; do
  [ -d "$out/$method" ] || continue
  tail -q -n +2 "$out/$method"/*/metrics.csv | awk -F, -v m="$method" '
    { n++; jv += $6; jd += $7; mc += $8; v += $9; sc += $11; free += ($11 == 0); mfree += ($8 == 0); h += $13; s += $14 }
    END { printf "%-11s samples %d  junction Ca-Ca valid %.3f (mean |d-3.8| %.3f A)  motif-scaffold clash-free %.3f (mean %.1f)  Ca-Ca valid %.3f  strict-clash-free %.3f (mean %.1f)  helix %.3f  strand %.3f\n",
          m, n, jv / n, jd / n, mfree / n, mc / n, v / n, free / n, sc / n, h / n, s / n }'
done
