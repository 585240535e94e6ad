package org.flowmatch4j.molecules.graphflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.molecules.graph.AtomToken;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.molmetrics.MoleculeValidity;
import org.junit.jupiter.api.Test;

class ValenceCorrectionTest {
    @Test void validGraphsAreLeftAlone() throws Exception {
        for (MolecularGraph g : MoleculeFiles.readGraphs(Path.of("../data/molecules/moses_train5k.smi")).subList(0, 300))
            assertEquals(g, ValenceCorrection.apply(g));
    }

    /** O=C(=O)=O style over-bonding: the carbon (sum 6) loses double bonds until it is at 4, oxygens stay ≤ 2. */
    @Test void overBondedCarbonIsLoweredToItsValence() {
        byte[] b = new byte[16];
        for (int j = 1; j < 4; j++) b[j] = b[j * 4] = 2;
        MolecularGraph g = new MolecularGraph(List.of(new AtomToken("C", 0), new AtomToken("O", 0), new AtomToken("O", 0), new AtomToken("O", 0)), b);
        MolecularGraph fixed = ValenceCorrection.apply(g);
        assertEquals(4, fixed.bondOrderSum(0));
        assertTrue(MoleculeValidity.valid(fixed), MoleculeValidity.problem(fixed).orElse(""));
        assertEquals(List.of(1, 1, 2), List.of(fixed.bond(0, 1), fixed.bond(0, 2), fixed.bond(0, 3)), "lowest-index ties lowered first");
    }
}
