package org.flowmatch4j.molecules.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.flowmatch4j.molecules.molio.NamedMolecule;
import org.flowmatch4j.molecules.molmetrics.MoleculeValidity;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;

class CdkGraphsTest {
    static final Path MOSES = Path.of("../data/molecules/moses_train5k.smi");
    static final Path ZINC = Path.of("../data/molecules/zinc_test5k.smi");

    static MolecularGraph graph(String smiles) throws Exception {
        return CdkGraphs.fromContainer(new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles(smiles));
    }

    @Test void benzeneIsKekulisedAndCanonicalAromatic() throws Exception {
        MolecularGraph g = graph("c1ccccc1");
        assertEquals(6, g.size());
        int single = 0, dbl = 0;
        for (int i = 0; i < 6; i++) for (int j = i + 1; j < 6; j++) { if (g.bond(i, j) == 1) single++; if (g.bond(i, j) == 2) dbl++; }
        assertEquals(3, single);
        assertEquals(3, dbl);
        assertEquals("c1ccccc1", CdkGraphs.canonicalSmiles(g));
        // the other Kekulé structure and another atom order give the same string
        assertEquals(CdkGraphs.canonicalSmiles(g), CdkGraphs.canonicalSmiles(graph("C=1C=CC=CC1")));
    }

    @Test void implicitHydrogensFollowAllowedValences() throws Exception {
        assertEquals(List.of(1, 1, 1, 1, 1), hydrogens("[nH]1cccc1"));            // pyrrole N gets its H back
        assertEquals(List.of(3, 0, 0, 0, 3), hydrogens("CS(=O)(=O)C"));           // sulfone S at valence 6
        assertEquals(List.of(3, 0, 0, 0), hydrogens("C[N+](=O)[O-]"));            // N+ at valence 4, O- at 1
        assertEquals(List.of(3, 0, 0), hydrogens("CC#N"));
        assertEquals(1, new AtomToken("N", 0).implicitHydrogens(2));
        assertEquals(-1, new AtomToken("C", 0).implicitHydrogens(5));
        assertEquals(1, new AtomToken("S", 0).implicitHydrogens(3));   // next allowed valence is 4
    }

    @Test void overBondedAtomsAreInvalidWithTheAtomNamed() throws Exception {
        byte[] b = new byte[9];
        b[1] = b[3] = 3;   // C≡N and N=O on one N: sum 5
        b[5] = b[7] = 2;
        MolecularGraph g = new MolecularGraph(List.of(new AtomToken("C", 0), new AtomToken("N", 0), new AtomToken("O", 0)), b);
        String why = MoleculeValidity.problem(g).orElseThrow();
        assertTrue(why.contains("atom 2 (N)") && why.contains("5"), why);
        assertTrue(MoleculeValidity.valid(graph("CC(=O)O")));
        assertFalse(MoleculeValidity.valid(new MolecularGraph(List.of(), new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> new MolecularGraph(List.of(new AtomToken("C", 0), new AtomToken("C", 0)), new byte[] {0, 1, 2, 0}));
    }

    /** Every molecule of both data sets: a valid graph whose canonical SMILES is that of CDK's own parse of the input. */
    @Test void datasetsRoundTripThroughGraphs() throws Exception {
        for (Path file : List.of(MOSES, ZINC)) {
            List<NamedMolecule> mols = MoleculeFiles.read(file);
            assertEquals(5000, mols.size());
            int charged = 0;
            for (NamedMolecule m : mols) {
                MolecularGraph g = CdkGraphs.fromContainer(m.molecule());
                assertTrue(MoleculeValidity.valid(g), m.origin() + ": " + MoleculeValidity.problem(g));
                String direct = CdkGraphs.canonicalSmiles(org.openscience.cdk.tools.manipulator.AtomContainerManipulator.suppressHydrogens(stripStereo(m)));
                assertEquals(direct, CdkGraphs.canonicalSmiles(g), m.origin());
                if (g.atoms().stream().anyMatch(a -> a.charge() != 0)) charged++;
            }
            if (file == ZINC) assertTrue(charged > 100, "ZINC has charged atoms: " + charged);
        }
    }

    private static List<Integer> hydrogens(String smiles) throws Exception {
        var mol = CdkGraphs.toContainer(graph(smiles));
        List<Integer> h = new java.util.ArrayList<>();
        for (var a : mol.atoms()) h.add(a.getImplicitHydrogenCount());
        return h;
    }

    private static org.openscience.cdk.interfaces.IAtomContainer stripStereo(NamedMolecule m) {
        var mol = m.molecule();
        mol.setStereoElements(new java.util.ArrayList<>());
        return mol;
    }
}
