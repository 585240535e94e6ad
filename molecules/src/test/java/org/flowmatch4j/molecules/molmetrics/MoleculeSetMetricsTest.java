package org.flowmatch4j.molecules.molmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flowmatch4j.molecules.graph.AtomToken;
import org.flowmatch4j.molecules.graph.CdkGraphs;
import org.flowmatch4j.molecules.graph.MolecularGraph;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

class MoleculeSetMetricsTest {
    static MolecularGraph g(String smiles) throws Exception {
        return CdkGraphs.fromContainer(new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles(smiles));
    }

    /** Counted by hand: 6 samples, 4 valid (one with two fragments), 3 distinct, 1 of them in the reference. */
    @Test void validityUniquenessNoveltyByHand() throws Exception {
        byte[] five = new byte[36];
        for (int j = 1; j < 6; j++) five[j] = five[j * 6] = 1;        // carbon with five single bonds
        List<AtomToken> c6 = new ArrayList<>();
        for (int i = 0; i < 6; i++) c6.add(new AtomToken("C", 0));
        List<MolecularGraph> samples = List.of(g("CCO"), g("OCC"), g("c1ccccc1"), g("CC.O"), new MolecularGraph(c6, five),
                new MolecularGraph(List.of(), new byte[0]));
        MoleculeSetMetrics m = MoleculeSetMetrics.evaluate(samples, Set.of(CdkGraphs.canonicalSmiles(g("C(O)C"))));
        assertEquals(6, m.samples());
        assertEquals(4, m.valid());
        assertEquals(3, m.validConnected());
        assertEquals(3, m.unique());
        assertEquals(2, m.novel());
        assertEquals(4 / 6.0, m.validity(), 1e-12);
        assertEquals(3 / 4.0, m.uniqueness(), 1e-12);
        assertEquals(2 / 3.0, m.novelty(), 1e-12);
    }
}
