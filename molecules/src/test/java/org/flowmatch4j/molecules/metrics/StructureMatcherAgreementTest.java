package org.flowmatch4j.molecules.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CrystalCsv;
import org.junit.jupiter.api.Test;

/**
 * Agreement with pymatgen's StructureMatcher.get_rms_dist on 622 stored pairs (made by
 * benchmarks/crystal/make_matcher_pairs.py with Debian python3-pymatgen 2022.11.7): perturbed, re-based, supercell and
 * element-swapped copies of CDVAE test crystals and different carbon polymorphs with equal atom counts.
 */
class StructureMatcherAgreementTest {

    static final Path DIR = Path.of("src/test/resources/matcher");

    record Agreement(int pairs, int sameDecision, int bothMatched, double maxRmsDifference, String firstDisagreement) {}

    static Agreement agreement(StructureMatcher matcher, int matchColumn) throws Exception {
        List<Crystal> a = CrystalCsv.crystals(DIR.resolve("pairs_a.csv.gz"));
        List<Crystal> b = CrystalCsv.crystals(DIR.resolve("pairs_b.csv.gz"));
        List<String> ref = Files.readAllLines(DIR.resolve("reference.csv"));
        int same = 0, both = 0;
        double maxDiff = 0;
        String first = null;
        for (int i = 0; i < a.size(); i++) {
            String[] r = ref.get(i + 1).split(",", -1);
            assertEquals(a.get(i).name(), r[0]);
            boolean expected = r[matchColumn].equals("1");
            Optional<StructureMatcher.Match> m = matcher.rmsDistance(a.get(i), b.get(i));
            if (m.isPresent() == expected) same++;
            else if (first == null) first = r[0] + " pymatgen=" + expected + " ours=" + m;
            if (expected && m.isPresent()) {
                both++;
                maxDiff = Math.max(maxDiff, Math.abs(m.get().rms() - Double.parseDouble(r[matchColumn + 1])));
            }
        }
        return new Agreement(a.size(), same, both, maxDiff, first);
    }

    @Test
    void agreesWithPymatgenAtCdvaeTolerances() throws Exception {
        Agreement g = agreement(StructureMatcher.cdvae(), 1);
        System.out.println("CDVAE tolerances: " + g);
        assertTrue(g.pairs() >= 500);
        assertTrue(g.sameDecision() >= 0.99 * g.pairs(), g.toString());
        assertTrue(g.maxRmsDifference() < 1e-3, g.toString());
    }

    @Test
    void agreesWithPymatgenAtItsDefaults() throws Exception {
        Agreement g = agreement(StructureMatcher.strict(), 3);
        System.out.println("pymatgen defaults: " + g);
        assertTrue(g.sameDecision() >= 0.99 * g.pairs(), g.toString());
        assertTrue(g.maxRmsDifference() < 1e-3, g.toString());
    }
}
