#!/usr/bin/env bash
# Crystal structure prediction on perov-5 (CDVAE split): train on the full train split, predict one structure per
# composition of the shipped 300-row test subset, report match rate and RMSE (CDVAE tolerances) and validity.
# Usage: benchmarks/crystal/csp-perov5.sh [RUN_DIR] [STEPS]
set -euo pipefail
cd "$(dirname "$0")/../.."
run=${1:-runs/csp-perov5}
steps=${2:-6000}
./flowmatch crystal train --data data/crystals/perov5-full/train.csv.gz --steps "$steps" --batch 128 --hidden 64 --layers 4 \
  --seed 1 --out "$run"
./flowmatch crystal sample --model "$run" --reference data/crystals/perov5/test.csv --steps 100 --seed 2 \
  --out "$run/samples"
./flowmatch crystal eval --samples "$run/samples" --reference data/crystals/perov5/test.csv
./flowmatch crystal eval --samples "$run/samples" --reference data/crystals/perov5/test.csv --strict
