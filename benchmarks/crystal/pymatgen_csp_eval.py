"""Independent check of `flowmatch crystal eval`: pymatgen's StructureMatcher (CDVAE tolerances) on the same samples.
Run: /usr/bin/python3 benchmarks/crystal/pymatgen_csp_eval.py SAMPLES_DIR REFERENCE_CSV"""
import csv, sys, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from pymatgen.analysis.structure_matcher import StructureMatcher
csv.field_size_limit(10**8)
samples, ref = sys.argv[1], sys.argv[2]
refs = [Structure.from_str(r["cif"], fmt="cif") for r in csv.DictReader(open(ref))]
rows = list(csv.DictReader(open(f"{samples}/summary.csv")))
m = StructureMatcher(stol=0.5, angle_tol=10, ltol=0.3)
rms = []
for i, r in enumerate(rows):
    # invalid samples (atoms closer than 0.5 A) count as unmatched, as in CDVAE; pymatgen cannot read overlapping sites
    d = m.get_rms_dist(Structure.from_file(f"{samples}/{r['file']}"), refs[i]) if r["valid"] == "true" else None
    rms.append(None if d is None else d[0])
hits = [x for x in rms if x is not None]
print(f"pymatgen: {len(rows)} predictions: match rate {100*len(hits)/len(rows):.2f} % ({len(hits)}), RMSE {sum(hits)/max(1,len(hits)):.4f}")
