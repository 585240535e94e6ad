#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader and of config parsing with Jazzer, 10 minutes per target.
# Usage: benchmarks/fuzz.sh [cif|smiles|sdf|fasta|pdb|mmcif|config ...]   (default: all, one after the other)
#   cif smiles sdf -> molecules  .../molecules/fuzz/ReaderFuzzTest     fasta  -> sequences .../sequences/fuzz/FastaFuzzTest
#   pdb mmcif      -> proteins   .../proteins/fuzz/StructureFuzzTest   config -> cli       .../cli/fuzz/ConfigFuzzTest
# Findings (inputs that raise an undocumented exception) land in the module's
# src/test/resources/<package>/<Class>Inputs/<method>/ and then replay under `mvn test`; the generated corpus stays in
# <module>/.cifuzz-corpus (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o install -DskipTests
for t in ${@:-cif smiles sdf fasta pdb mmcif config}; do
  unset JAZZER_INSTRUMENTATION_INCLUDES JAZZER_INSTRUMENTATION_EXCLUDES
  case "$t" in
    cif|smiles|sdf) module=molecules; cls=ReaderFuzzTest ;;
    fasta) module=sequences; cls=FastaFuzzTest ;;
    # BioJava's parsers are instrumented too; not its util package, whose SoftHashMap cannot iterate its entries,
    # which Jazzer's Map.get hook does (an UnsupportedOperationException of the fuzzer's own making)
    pdb|mmcif) module=proteins; cls=StructureFuzzTest
      export JAZZER_INSTRUMENTATION_INCLUDES='org.flowmatch4j.**:org.biojava.**' JAZZER_INSTRUMENTATION_EXCLUDES='org.biojava.nbio.core.util.**' ;;
    # SnakeYAML and picocli instrumented too: their own exceptions are what this target looks for
    config) module=cli; cls=ConfigFuzzTest; export JAZZER_INSTRUMENTATION_INCLUDES='org.flowmatch4j.**:org.yaml.**:picocli.**' ;;
    *) echo "fuzz.sh: unknown target '$t' (cif, smiles, sdf, fasta, pdb, mmcif, config)" >&2; exit 2 ;;
  esac
  echo "== fuzzing $t (10 min)"
  JAZZER_FUZZ=1 mvn -o -pl "$module" test -Dtest="$cls#$t" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -a -v "org.openscience.cdk" | grep -a -E "#[0-9]+.*(DONE|pulse)|Tests run|FuzzTestFinding|BUILD" | tail -n 6
done
