package org.flowmatch4j.molecules.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.io.CrystalFormatException;
import java.util.List;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.molio.NamedMolecule;
import org.flowmatch4j.molecules.molmetrics.MoleculeValidity;
import org.flowmatch4j.molecules.molio.MoleculeFormatException;

/**
 * Coverage-guided fuzzing (Jazzer) of the CIF, SMILES and SDF readers: whatever the bytes, a reader returns or throws
 * its documented exception ({@link CrystalFormatException}, {@link MoleculeFormatException}; for molecules read, the
 * graph conversion's {@link IllegalArgumentException} naming what it cannot represent), and validity and canonical
 * SMILES of what converts never throw; anything else — an
 * unchecked exception, a hang past Jazzer's timeout — fails. Under {@code mvn test} each method replays its committed
 * corpus ({@code src/test/resources/org/flowmatch4j/molecules/fuzz/ReaderFuzzTestInputs/METHOD}); with
 * {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration} (see benchmarks/fuzz.sh).
 */
class ReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void cif(FuzzedDataProvider data) {
        try {
            CifReader.parse(data.consumeRemainingAsString(), "fuzz.cif");
        } catch (CrystalFormatException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "10m")
    void smiles(FuzzedDataProvider data) {
        try {
            toGraphs(MoleculeFiles.parseSmiles(data.consumeRemainingAsString(), "fuzz.smi"));
        } catch (MoleculeFormatException expected) {
            // documented
        }
    }

    @FuzzTest(maxDuration = "10m")
    void sdf(FuzzedDataProvider data) {
        try {
            toGraphs(MoleculeFiles.parseSdf(data.consumeRemainingAsString(), "fuzz.sdf"));
        } catch (MoleculeFormatException expected) {
            // documented
        }
    }

    private static void toGraphs(List<NamedMolecule> molecules) {
        for (NamedMolecule m : molecules) {
            MolecularGraph g;
            try {
                g = CdkGraphs.fromContainer(m.molecule());
            } catch (IllegalArgumentException expected) {
                continue;   // documented: not representable as a graph
            }
            try {
                if (MoleculeValidity.valid(g)) CdkGraphs.canonicalSmiles(g);
            } catch (IllegalArgumentException expected) {
                // documented: CDK cannot write this graph as SMILES
            }
        }
    }
}
