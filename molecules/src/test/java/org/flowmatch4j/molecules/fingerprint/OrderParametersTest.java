package org.flowmatch4j.molecules.fingerprint;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderParametersTest {
    private static final double T = Math.acos(-1.0 / 3);   // tetrahedral angle

    private static List<double[]> of(double[]... v) {
        return new ArrayList<>(List.of(v));
    }

    private static List<double[]> cube() {
        List<double[]> out = new ArrayList<>();
        for (int a = -1; a <= 1; a += 2) for (int b = -1; b <= 1; b += 2) for (int c = -1; c <= 1; c += 2) out.add(new double[] {a, b, c});
        return out;
    }

    private static List<double[]> cuboctahedron() {
        List<double[]> out = new ArrayList<>();
        for (int a = -1; a <= 1; a += 2) for (int b = -1; b <= 1; b += 2) {
            out.add(new double[] {a, b, 0});
            out.add(new double[] {a, 0, b});
            out.add(new double[] {0, a, b});
        }
        return out;
    }

    private static final List<double[]> OCTAHEDRON = of(new double[] {2, 0, 0}, new double[] {-2, 0, 0}, new double[] {0, 2, 0},
            new double[] {0, -2, 0}, new double[] {0, 0, 2}, new double[] {0, 0, -2});
    private static final List<double[]> TETRAHEDRON = of(new double[] {1, 1, 1}, new double[] {1, -1, -1}, new double[] {-1, 1, -1},
            new double[] {-1, -1, 1});

    /** Steinhardt's values for the first shells of simple cubic, bcc and fcc (e.g. Mickel et al., JCP 138, 044501). */
    @Test
    void steinhardtParametersOfCubicShells() {
        assertEquals(0.76376, OrderParameters.value("q4", Map.of(), OCTAHEDRON), 1e-5);
        assertEquals(0.35355, OrderParameters.value("q6", Map.of(), OCTAHEDRON), 1e-5);
        assertEquals(0.50918, OrderParameters.value("q4", Map.of(), cube()), 1e-5);
        assertEquals(0.62854, OrderParameters.value("q6", Map.of(), cube()), 1e-5);
        assertEquals(0.19094, OrderParameters.value("q4", Map.of(), cuboctahedron()), 1e-5);
        assertEquals(0.57452, OrderParameters.value("q6", Map.of(), cuboctahedron()), 1e-5);
        assertEquals(0.0, OrderParameters.value("q2", Map.of(), cuboctahedron()), 1e-12, "cubic shells have no l = 2 moment");
    }

    @Test
    void idealPolyhedraScoreOne() {
        Map<String, Double> tet = Map.of("IGW_TA", 18.5, "TA", T / Math.PI, "fac_AA", 1.5, "exp_cos_AA", 2.0);
        assertEquals(1.0, OrderParameters.value("tet_max", tet, TETRAHEDRON), 1e-12);
        Map<String, Double> oct = Map.of("min_SPP", 2.356194490192345, "IGW_SPP", 15.0, "IGW_EP", 18.0, "w_SPP", 1.0, "fac_AA", 2.0, "exp_cos_AA", 2.0);
        assertEquals(1.0, OrderParameters.value("oct_max", oct, OCTAHEDRON), 1e-12);
        Map<String, Double> linear = Map.of("TA", 1.0, "IGW_TA", 8.667);
        assertEquals(1.0, OrderParameters.value("bent", linear, of(new double[] {0, 0, 1.5}, new double[] {0, 0, -2})), 1e-12);
        assertTrue(OrderParameters.value("oct_max", oct, TETRAHEDRON) < 0.2, "a tetrahedron is not an octahedron");
        assertTrue(OrderParameters.value("tet_max", tet, OCTAHEDRON) < 0.2, "nor the reverse");
        assertEquals(1 - 1.5 / 2, OrderParameters.value("sgl_bd", Map.of(), of(new double[] {0, 0, 1.5}, new double[] {0, 2, 0})), 1e-12);
    }

    /** Every parameter depends only on the neighbours' geometry: a rotation and a reordering leave it unchanged (bcc excepted for the order). */
    @Test
    void invariantUnderRotationAndRelabelling() {
        Random rng = new Random(3);
        for (SiteFingerprint.Motif m : SiteFingerprint.MOTIFS) {
            Map<String, Double> p = m.parameters();
            int cn = m.cn();
            List<double[]> r = new ArrayList<>();
            for (int i = 0; i < cn; i++) r.add(new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()});
            double v = OrderParameters.value(m.type(), p, r);
            double[][] rot = rotation(rng);
            List<double[]> turned = new ArrayList<>();
            for (double[] x : r) turned.add(new double[] {dot(rot[0], x), dot(rot[1], x), dot(rot[2], x)});
            assertEquals(v, OrderParameters.value(m.type(), p, turned), 1e-9, m.name() + " under rotation");
            if (m.type().equals("bcc")) continue;
            java.util.Collections.reverse(turned);
            assertEquals(v, OrderParameters.value(m.type(), p, turned), 1e-9, m.name() + " under relabelling");
        }
    }

    private static double[][] rotation(Random rng) {
        double[] q = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
        return new double[][] {{1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
