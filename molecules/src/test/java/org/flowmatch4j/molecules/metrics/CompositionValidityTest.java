package org.flowmatch4j.molecules.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.flowmatch4j.molecules.crystal.Composition;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CrystalCsv;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompositionValidityTest {

    static Crystal of(String formula) {
        int[] z = Composition.parse(formula);
        double[][] f = new double[z.length][];
        for (int i = 0; i < z.length; i++) f[i] = new double[] {i / (double) z.length, 0, 0};
        return new Crystal(formula, Lattice.fromParameters(5, 5, 5, 90, 90, 90), f, z);
    }

    @ParameterizedTest
    @CsvSource({"NaCl,true", "Fe2O3,true", "SrTiO3,true", "CuZn,true", "Si,true", "NaCl2,false", "Na3Cl,false",
        "ONa2,true", "FCl,true", "CsF3,false"})
    void chargeNeutralityElectronegativityAndAlloys(String formula, boolean expected) {
        assertEquals(expected, CompositionValidity.valid(of(formula)), formula);
    }

    /** Real inorganic crystals are compositionally valid (CDVAE reports ~98–100 % for its test sets). */
    @Test
    void realCrystalsAreValid() throws Exception {
        var mp = CrystalCsv.crystals(Path.of("../data/crystals/mp20/test.csv"));
        long valid = mp.stream().filter(CompositionValidity::valid).count();
        assertTrue(valid >= 0.85 * mp.size(), valid + " of " + mp.size());
        var perov = CrystalCsv.crystals(Path.of("../data/crystals/perov5/test.csv"));
        assertTrue(perov.stream().filter(CompositionValidity::valid).count() >= 0.95 * perov.size());
    }
}
