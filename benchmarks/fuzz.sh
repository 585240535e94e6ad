#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with Jazzer (molecules/src/test/java/.../fuzz/ReaderFuzzTest.java).
# Usage: benchmarks/fuzz.sh [cif|smiles|sdf ...]   (default: all three, one after the other, 10 minutes each)
# Findings (inputs that raise an undocumented exception) land in
# molecules/src/test/resources/org/flowmatch4j/molecules/fuzz/ReaderFuzzTestInputs/<method>/ and then replay under
# `mvn test`; the generated corpus stays in molecules/.cifuzz-corpus (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o install -DskipTests -pl molecules -am
for target in "${@:-cif smiles sdf}"; do
  for t in $target; do
    echo "== fuzzing $t (10 min)"
    JAZZER_FUZZ=1 mvn -o -pl molecules test -Dtest="ReaderFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
      | grep -a -v "org.openscience.cdk" | grep -a -E "#[0-9]+.*(DONE|pulse)|Tests run|FuzzTestFinding|BUILD" | tail -n 6
  done
done
