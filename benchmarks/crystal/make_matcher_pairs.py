"""Builds the StructureMatcher reference pairs (test data) with pymatgen (Debian python3-pymatgen).

Pairs: CDVAE-subset crystals (perov5, mp20, carbon24 test splits, ../../data/crystals) against perturbed, re-based,
supercell or element-swapped copies of themselves, and against other crystals of the same composition. For every pair
it records pymatgen's StructureMatcher.get_rms_dist with the CDVAE tolerances (ltol 0.3, stol 0.5, angle_tol 10) and
with pymatgen's defaults. Output: pairs_a.csv.gz, pairs_b.csv.gz (CDVAE-style tables, material_id = pair id) and
reference.csv. Run: /usr/bin/python3 make_matcher_pairs.py OUTDIR
"""
import csv, gzip, io, sys, random
import numpy as np
from pymatgen.core import Structure, Lattice
from pymatgen.io.cif import CifWriter
from pymatgen.analysis.structure_matcher import StructureMatcher

out = sys.argv[1]
rng = np.random.default_rng(7)
random.seed(7)
csv.field_size_limit(10**8)

def load(path, n):
    with open(path) as f:
        rows = list(csv.DictReader(f))[:n]
    return [(r["material_id"], Structure.from_str(r["cif"], fmt="cif")) for r in rows]

perov = load("../../data/crystals/perov5/test.csv", 300)
mp = load("../../data/crystals/mp20/test.csv", 142)
carbon = load("../../data/crystals/carbon24/test.csv", 300)

def perturb(s, sigma, strain):
    f = s.frac_coords + rng.normal(0, sigma, s.frac_coords.shape)
    m = s.lattice.matrix @ (np.eye(3) + rng.normal(0, strain, (3, 3)))
    return Structure(Lattice(m), s.species, f)

def rebase(s):
    while True:
        u = rng.integers(-1, 2, (3, 3))
        if round(abs(np.linalg.det(u))) == 1:
            break
    lat = Lattice(u @ s.lattice.matrix)
    return Structure(lat, s.species, s.cart_coords, coords_are_cartesian=True, to_unit_cell=True)

pairs = []
for mid, s in perov[:150]:
    sigma = rng.choice([0.005, 0.02, 0.05, 0.08, 0.12, 0.2])
    pairs.append((f"perov-noise-{mid}", s, perturb(s, sigma, rng.choice([0.0, 0.03, 0.1]))))
for mid, s in perov[150:200]:
    pairs.append((f"perov-rebase-{mid}", s, perturb(rebase(s), 0.02, 0.02)))
for (mid, s), (mid2, s2) in zip(perov[200:250], perov[250:300]):
    t = s2.copy()
    t.replace_species({a: b for a, b in zip(s2.composition.elements, s.composition.elements)}) if len(s.composition) == len(s2.composition) else None
    pairs.append((f"perov-other-{mid}-{mid2}", s, t))
for (mid, s) in perov[200:230]:
    els = [e for e in s.composition.elements]
    if len(els) >= 2:
        t = s.copy(); t.replace_species({els[0]: els[1], els[1]: els[0]})
        pairs.append((f"perov-swap-{mid}", s, t))
for mid, s in mp:
    sigma = rng.choice([0.005, 0.02, 0.05, 0.1, 0.2])
    pairs.append((f"mp-noise-{mid}", s, perturb(s, sigma, rng.choice([0.0, 0.05]))))
for mid, s in mp[:60]:
    sc = s.copy(); sc.make_supercell([1, 1, 2] if rng.random() < 0.5 else [2, 1, 1])
    if len(sc) <= 40:
        pairs.append((f"mp-super-{mid}", s, perturb(sc, 0.01, 0.0)))
by_n = {}
for mid, s in carbon:
    by_n.setdefault(len(s), []).append((mid, s))
count = 0
for n, lst in by_n.items():
    for (m1, s1), (m2, s2) in zip(lst[::2], lst[1::2]):
        if count < 80:
            pairs.append((f"carbon-other-{m1}-{m2}", s1, s2)); count += 1
for mid, s in carbon[:60]:
    pairs.append((f"carbon-noise-{mid}", s, perturb(rebase(s) if rng.random() < 0.5 else s, rng.choice([0.01, 0.03, 0.06]), 0.02)))

cdvae = StructureMatcher(stol=0.5, angle_tol=10, ltol=0.3)
strict = StructureMatcher()
def write_table(path, items):
    with gzip.open(path, "wt", newline="") as f:
        w = csv.writer(f)
        w.writerow(["", "material_id", "cif"])
        for i, (pid, s) in enumerate(items):
            w.writerow([i, pid, str(CifWriter(s))])
write_table(f"{out}/pairs_a.csv.gz", [(p[0], p[1]) for p in pairs])
write_table(f"{out}/pairs_b.csv.gz", [(p[0], p[2]) for p in pairs])
with open(f"{out}/reference.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["pair", "cdvae_match", "cdvae_rms", "strict_match", "strict_rms"])
    for pid, a, b in pairs:
        # read back what was written, so both sides see the same 8-decimal coordinates
        a = Structure.from_str(str(CifWriter(a)), fmt="cif"); b = Structure.from_str(str(CifWriter(b)), fmt="cif")
        r1 = cdvae.get_rms_dist(a, b); r2 = strict.get_rms_dist(a, b)
        w.writerow([pid, int(r1 is not None), "" if r1 is None else f"{r1[0]:.8f}", int(r2 is not None), "" if r2 is None else f"{r2[0]:.8f}"])
print(len(pairs), "pairs")
