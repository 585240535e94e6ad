package org.flowmatch4j.molecules.lattice;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.crystal.PrimitiveCell;
import org.flowmatch4j.molecules.io.CifReader;
import org.junit.jupiter.api.Test;

class ReductionTest {

    /** A random unimodular integer matrix U (det ±1) with small entries. */
    static double[][] unimodular(SplittableRandom r) {
        while (true) {
            double[][] u = new double[3][3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) u[i][j] = r.nextInt(-2, 3);
            if (Math.abs(Math.abs(Mat3.det(u)) - 1) < 1e-9) return u;
        }
    }

    @Test
    void niggliUndoesAnyChangeOfBasis() {
        SplittableRandom r = new SplittableRandom(3);
        Lattice[] lattices = {Lattice.fromParameters(4, 4, 4, 90, 90, 90), Lattice.fromParameters(3.1, 4.7, 5.2, 77, 98, 104),
            Lattice.fromParameters(3, 3, 5, 90, 90, 120)};
        for (Lattice l : lattices) {
            double[] expected = Reduction.niggli(l, 1e-5).parameters();
            for (int k = 0; k < 50; k++) {
                Lattice skewed = new Lattice(Mat3.multiply(unimodular(r), l.matrix()));
                Lattice n = Reduction.niggli(skewed, 1e-5);
                assertArrayEquals(expected, n.parameters(), 1e-6, "from " + skewed);
                assertEquals(l.volume(), n.volume(), 1e-9 * l.volume());
            }
            double[] p = expected;
            assertTrue(p[0] <= p[1] + 1e-9 && p[1] <= p[2] + 1e-9, "a ≤ b ≤ c");
        }
        assertArrayEquals(new double[] {4, 4, 4, 90, 90, 90}, Reduction.niggli(lattices[0], 1e-5).parameters(), 1e-9);
    }

    @Test
    void lllGivesShortNearlyOrthogonalBasis() {
        SplittableRandom r = new SplittableRandom(5);
        Lattice cubic = Lattice.fromParameters(4, 4, 4, 90, 90, 90);
        for (int k = 0; k < 50; k++) {
            Lattice l = Reduction.lll(new Lattice(Mat3.multiply(unimodular(r), cubic.matrix())));
            assertArrayEquals(new double[] {4, 4, 4}, l.lengths(), 1e-9);
        }
    }

    /** Conventional fcc copper (4 atoms) has a one-atom primitive cell: a/√2 edges and 60° angles. */
    @Test
    void primitiveCellOfFcc() throws Exception {
        Crystal cu = CifReader.readOne(Path.of("src/test/resources/cif/Cu-fcc.cif"));
        Crystal p = PrimitiveCell.reduced(cu, 0.25);
        assertEquals(1, p.size());
        double a = 3.615 / Math.sqrt(2);
        assertArrayEquals(new double[] {a, a, a, 60, 60, 60}, p.lattice().parameters(), 1e-6);
        Crystal nacl = PrimitiveCell.reduced(CifReader.readOne(Path.of("src/test/resources/cif/NaCl.cif")), 0.25);
        assertEquals(2, nacl.size());
        assertEquals(5.64 * 5.64 * 5.64 / 4, nacl.lattice().volume(), 1e-6);
        Crystal rutile = PrimitiveCell.reduced(CifReader.readOne(Path.of("src/test/resources/cif/rutile-TiO2.cif")), 0.25);
        assertEquals(6, rutile.size(), "rutile's cell is primitive");
    }
}
