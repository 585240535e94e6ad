package org.flowmatch4j.molecules.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.fingerprint.MatminerReference;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.junit.jupiter.api.Test;

class CoverageTest {

    /**
     * Generated = MP-20 rows 0–29, perov-5 rows 0–19, carbon-24 rows 0–9 of the shipped test subsets; reference =
     * MP-20 rows 15–59, perov-5 10–39, carbon-24 5–29 (30 crystals in common). Expected values from CDVAE's
     * {@code compute_cov} formula (scipy cdist, its CompScaler) applied to matminer's fingerprints of the same crystals.
     */
    @Test
    void agreesWithCdvaeFormulaOnMatminerFingerprints() throws Exception {
        Map<String, MatminerReference.Row> ref = MatminerReference.load();
        List<Crystal> mp = new ArrayList<>(), perov = new ArrayList<>(), carbon = new ArrayList<>();
        int i = 0;
        for (MatminerReference.Row r : ref.values()) {
            if (i == 130) break;   // the benchmark crystals; edge cases follow
            (i < 40 ? perov : i < 100 ? mp : carbon).add(r.crystal());
            i++;
        }
        List<Crystal> generated = new ArrayList<>(mp.subList(0, 30)), reference = new ArrayList<>(mp.subList(15, 60));
        generated.addAll(perov.subList(0, 20));
        generated.addAll(carbon.subList(0, 10));
        reference.addAll(perov.subList(10, 40));
        reference.addAll(carbon.subList(5, 30));
        List<Coverage.Fingerprints> g = Coverage.fingerprints(generated), r = Coverage.fingerprints(reference);
        Coverage mp20 = Coverage.ofFingerprints(g, r, Coverage.Cutoffs.MP20);
        assertEquals(0.79, mp20.recall(), 1e-12);
        assertEquals(53 / 60.0, mp20.precision(), 1e-12);
        assertEquals(0.1806322657, mp20.amsdRecall(), 1e-5);
        assertEquals(0.1128694405, mp20.amsdPrecision(), 1e-5);
        assertEquals(4.3883439003, mp20.amcdRecall(), 1e-8);
        assertEquals(3.3699445705, mp20.amcdPrecision(), 1e-8);
        Coverage perov5 = Coverage.ofFingerprints(g, r, Coverage.Cutoffs.PEROV5);
        assertEquals(0.44, perov5.recall(), 1e-12);
        assertEquals(35 / 60.0, perov5.precision(), 1e-12);
    }

    @Test
    void unfingerprintableSamplesCountOnlyInThePrecisionDenominator() throws Exception {
        Crystal good = MatminerReference.load().values().iterator().next().crystal();
        Crystal clash = new Crystal("clash", Lattice.fromParameters(4, 4, 4, 90, 90, 90), new double[][] {{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}}, new int[] {6, 6});
        Coverage c = Coverage.evaluate(List.of(good, clash), List.of(good), Coverage.Cutoffs.PEROV5);
        assertEquals(1.0, c.recall());
        assertEquals(0.5, c.precision());
        assertEquals(1, c.fingerprinted());
        assertThrows(IllegalArgumentException.class, () -> Coverage.evaluate(List.of(clash), List.of(good), Coverage.Cutoffs.PEROV5));
    }

    @Test
    void cutoffPresetsAndNumbers() {
        assertEquals(Coverage.Cutoffs.MP20, Coverage.Cutoffs.parse("mp20"));
        assertEquals(new Coverage.Cutoffs(0.3, 5), Coverage.Cutoffs.parse("0.3,5"));
        assertThrows(IllegalArgumentException.class, () -> Coverage.Cutoffs.parse("0.3"));
        assertThrows(IllegalArgumentException.class, () -> Coverage.Cutoffs.parse("-1,4"));
    }
}
