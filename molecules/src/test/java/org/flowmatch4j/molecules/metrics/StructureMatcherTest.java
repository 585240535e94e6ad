package org.flowmatch4j.molecules.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.junit.jupiter.api.Test;

class StructureMatcherTest {

    static Crystal rutile() throws Exception {
        return CifReader.readOne(Path.of("src/test/resources/cif/rutile-TiO2.cif"));
    }

    @Test
    void translatedAndPermutedCopiesMatchExactly() throws Exception {
        Crystal c = rutile();
        int n = c.size();
        double[][] f = new double[n][];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            int j = (i + 2) % n;
            f[i] = new double[] {c.frac()[j][0] + 0.137, c.frac()[j][1] - 0.41, c.frac()[j][2] + 0.5};
            z[i] = c.numbers()[j];
        }
        Crystal moved = Crystal.wrapped("moved", c.lattice(), f, z);
        assertEquals(0, StructureMatcher.cdvae().rmsDistance(c, moved).orElseThrow().rms(), 1e-9);
    }

    /** One site moved by δ along c: displacements (δ(1 − 1/n) once, δ/n the rest) about their mean, over (V/n)^(1/3). */
    @Test
    void rmsOfOneDisplacedSiteHasClosedForm() throws Exception {
        Crystal c = rutile();
        int n = c.size();
        double delta = 0.2;
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) f[i] = c.frac()[i].clone();
        f[3][2] += delta / c.lattice().lengths()[2];
        Crystal moved = Crystal.wrapped("moved", c.lattice(), f, c.numbers());
        double expected = Math.sqrt((Math.pow(delta * (1 - 1.0 / n), 2) + (n - 1) * Math.pow(delta / n, 2)) / n)
                / Math.cbrt(c.lattice().volume() / n);
        StructureMatcher.Match m = StructureMatcher.cdvae().rmsDistance(c, moved).orElseThrow();
        assertEquals(expected, m.rms(), 1e-9);
        assertEquals(delta * (1 - 1.0 / n) / Math.cbrt(c.lattice().volume() / n), m.maxDistance(), 1e-9);
    }

    @Test
    void differentCompositionOrScrambledStructureDoesNotMatch() throws Exception {
        Crystal c = rutile();
        int[] z = c.numbers().clone();
        z[0] = 50;
        assertTrue(StructureMatcher.cdvae().rmsDistance(c, new Crystal("sn", c.lattice(), c.frac(), z)).isEmpty());
        Crystal squeezed = c.withLattice(Lattice.fromParameters(4.594, 9.0, 1.5, 90, 90, 90));
        assertTrue(StructureMatcher.strict().rmsDistance(c, squeezed).isEmpty(), "lattice beyond ltol");
    }

    @Test
    void scaleIsFactoredOut() throws Exception {
        Crystal c = rutile();
        assertEquals(0, StructureMatcher.cdvae().rmsDistance(c, c.withLattice(c.lattice().scaled(1.3))).orElseThrow().rms(), 1e-9);
    }
}
