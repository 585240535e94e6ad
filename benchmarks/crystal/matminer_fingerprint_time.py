#!/usr/bin/env python3
"""Times matminer's coverage fingerprints (CDVAE's CrystalNNFingerprint "ops" + ElementProperty "magpie") on the 130
crystals FingerprintBenchmark times: the first 40 perov-5, 60 MP-20 and 30 carbon-24 rows of data/crystals/*/test.csv.

Needs pymatgen and matminer importable (e.g. Debian's python3-pymatgen and a matminer checkout on PYTHONPATH).
Run from the repository root: python3 benchmarks/crystal/matminer_fingerprint_time.py [repeats]
Prints the best wall time of the whole pass over `repeats` (default 3), in ms.
"""
import csv
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from matminer.featurizers.site.fingerprint import CrystalNNFingerprint
from matminer.featurizers.composition.composite import ElementProperty

csv.field_size_limit(10**9)
crystals = []
for name, n in (("perov5", 40), ("mp20", 60), ("carbon24", 30)):
    with open(f"data/crystals/{name}/test.csv") as f:
        rows = list(csv.DictReader(f))[:n]
    crystals += [Structure.from_str(r["cif"], fmt="cif") for r in rows]
structure_fp = CrystalNNFingerprint.from_preset("ops")
composition_fp = ElementProperty.from_preset("magpie")
best = float("inf")
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
    t = time.perf_counter()
    for s in crystals:
        [structure_fp.featurize(s, i) for i in range(len(s))]
        composition_fp.featurize(s.composition)
    best = min(best, time.perf_counter() - t)
print(f"matminer: {len(crystals)} crystals in {1000 * best:.0f} ms (best of repeats)")
