package org.flowmatch4j.core.coupling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CouplingTest {
    private final Rng rng = new Rng(5);

    private static double pairedCost(INDArray x0, INDArray x1, Pairing p) {
        double d = p.sources(x0).distance2(p.targets(x1));
        return d * d / p.size();
    }

    @Test
    void exactOtRecoversAKnownPermutation() {
        // x1 is a shuffled translate of x0 by a small shift: the optimal pairing undoes the shuffle.
        INDArray x0 = rng.normal(64, 2).muli(10);
        int[] perm = rng.permutation(64);
        INDArray x1 = x0.getRows(perm).addi(0.01);
        Pairing p = new ExactOtCoupling().pair(x0, x1, rng);
        for (int k = 0; k < 64; k++) assertEquals(k, perm[p.target()[k]]);
    }

    @Test
    void exactOtIsCheaperThanIndependentAndLabelsFollowTheirRows() {
        INDArray x0 = rng.normal(256, 2), x1 = rng.normal(256, 2).addi(2);
        int[] labels = new int[256];
        for (int i = 0; i < 256; i++) labels[i] = i % 3;
        Pairing ot = new ExactOtCoupling().pair(x0, x1, rng);
        Pairing ind = new IndependentCoupling().pair(x0, x1, rng);
        assertTrue(pairedCost(x0, x1, ot) < 0.8 * pairedCost(x0, x1, ind));
        int[] y = ot.targetLabels(labels);
        for (int k = 0; k < 256; k++) assertEquals(labels[ot.target()[k]], y[k]);
        LinearAssignmentTest.assertPermutation(ot.target(), 256);
    }

    /** The sparse, certified path of large couplings gives the dense optimum (moons and Gaussians, 2-D and 8-D). */
    @Test
    void largeExactOtCouplingsEqualTheDenseOptimum() {
        for (int[] nd : new int[][] {{450, 2}, {700, 2}, {500, 8}}) {
            int n = nd[0], d = nd[1];
            INDArray x0 = rng.normal(n, d);
            INDArray x1 = d == 2 ? org.flowmatch4j.core.data.ToyDistribution.MOONS.sample(n, rng) : rng.normal(n, d).muli(0.5).addi(1.5);
            Pairing p = new ExactOtCoupling().pair(x0, x1, rng);
            LinearAssignmentTest.assertPermutation(p.target(), n);
            double[] c = SquaredEuclideanCost.of(x0, x1);
            assertEquals(LinearAssignment.totalCost(c, n, LinearAssignment.solveDense(c, n)), LinearAssignment.totalCost(c, n, p.target()),
                    1e-9, n + " points in " + d + "-D");
        }
    }

    @Test
    void sinkhornPlanHasUniformMarginalsAndApproachesExactOt() {
        INDArray x0 = rng.normal(128, 2), x1 = rng.normal(128, 2).addi(1);
        double[] c = SquaredEuclideanCost.of(x0, x1);
        SinkhornCoupling sk = new SinkhornCoupling(0.01);
        double[] plan = sk.plan(c, 128, 128);
        for (int i = 0; i < 128; i++) {
            double row = 0, col = 0;
            for (int j = 0; j < 128; j++) { row += plan[i * 128 + j]; col += plan[j * 128 + i]; }
            assertEquals(1.0 / 128, row, 1e-6);
            assertEquals(1.0 / 128, col, 1e-6);
        }
        double planCost = 0;
        for (int k = 0; k < c.length; k++) planCost += plan[k] * c[k];
        double exact = pairedCost(x0, x1, new ExactOtCoupling().pair(x0, x1, rng));
        assertTrue(planCost >= exact - 1e-9, "entropic plan cannot beat exact OT");
        assertTrue(planCost < exact * 1.1, "small epsilon stays near exact OT: " + planCost + " vs " + exact);
        double loose = 0;
        double[] wide = new SinkhornCoupling(100).plan(c, 128, 128);
        for (int k = 0; k < c.length; k++) loose += wide[k] * c[k];
        double independent = 0;
        for (double v : c) independent += v / c.length;
        assertEquals(independent, loose, 0.02 * independent, "large epsilon tends to the product coupling");
    }

    @Test
    void sinkhornSamplingKeepsEverySourceOnce() {
        INDArray x0 = rng.normal(32, 2), x1 = rng.normal(32, 2);
        Pairing p = new SinkhornCoupling(0.05).pair(x0, x1, rng);
        int[] expect = new int[32];
        for (int i = 0; i < 32; i++) expect[i] = i;
        assertArrayEquals(expect, p.source());
    }

    @Test
    void costMatrixIsSquaredEuclidean() {
        INDArray a = Nd4j.createFromArray(new float[][] {{0, 0}, {1, 2}});
        INDArray b = Nd4j.createFromArray(new float[][] {{3, 4}});
        assertArrayEquals(new double[] {25, 8}, SquaredEuclideanCost.of(a, b), 1e-12);
    }
}
