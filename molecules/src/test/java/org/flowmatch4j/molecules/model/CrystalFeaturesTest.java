package org.flowmatch4j.molecules.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.flowmatch4j.molecules.metrics.CspMetrics;
import org.junit.jupiter.api.Test;

class CrystalFeaturesTest {

    static CrystalFeatures features(Crystal c, double[] shift) {
        double[][] f = new double[c.size()][];
        for (int i = 0; i < c.size(); i++) f[i] = Mat3.wrapUnit(new double[] {c.frac()[i][0] + shift[0], c.frac()[i][1] + shift[1], c.frac()[i][2] + shift[2]});
        return CrystalFeatures.of(c.size(), 4, new int[][] {c.numbers()}, new double[][][] {f}, new double[][] {new double[6]},
                new Lattice[] {c.lattice()}, new double[] {0.3});
    }

    /** Edge features depend on fractional differences only: a common shift of all atoms leaves them unchanged. */
    @Test
    void edgeFeaturesAreTranslationInvariant() throws Exception {
        Crystal c = CifReader.readOne(Path.of("src/test/resources/cif/wurtzite-ZnO.cif"));
        float[] a = features(c, new double[3]).edges(), b = features(c, new double[] {0.37, -0.81, 0.55}).edges();
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 2e-5, "edge feature " + i);
    }

    /** The RBF centre nearest to each pair's distance is the one the minimum-image distance gives. */
    @Test
    void radialFeaturesUseMinimumImageDistances() throws Exception {
        Crystal c = CifReader.readOne(Path.of("src/test/resources/cif/NaCl.cif"));
        double d = CrystalFeatures.minimumImage(Mat3.wrapCentered(new double[] {0.5, 0, 0}), c.lattice().matrix());
        assertEquals(2.82, d, 1e-9);
        assertEquals(CspMetrics.minimumDistance(c), 2.82, 1e-9);
    }
}
