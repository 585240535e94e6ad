package org.flowmatch4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {
    private final Rng rng = new Rng(21);

    @Test
    void w2OfATranslateIsTheShiftLength() {
        // For a translate y = x + s the identity pairing is optimal (Brenier), so W2 = |s| exactly.
        INDArray x = rng.normal(300, 2).castTo(DataType.DOUBLE);
        INDArray y = x.getRows(rng.permutation(300)).addiRowVector(Nd4j.createFromArray(3.0, 4.0));
        assertEquals(5.0, Wasserstein.w2(x, y), 1e-9);
        assertEquals(0.0, Wasserstein.w2(x, x.getRows(rng.permutation(300))), 1e-12);
    }

    @Test
    void mmdSeparatesDistributions() {
        INDArray a = rng.normal(400, 2), b = rng.normal(400, 2), c = rng.normal(400, 2).addi(1);
        double same = Mmd.mmd2(a, b), diff = Mmd.mmd2(a, c);
        assertTrue(Math.abs(same) < 0.02, "same-distribution MMD² " + same);
        assertTrue(diff > 10 * Math.abs(same) && diff > 0.1, "shifted MMD² " + diff);
    }

    @Test
    void straightnessIsZeroForConstantFieldsAndPositiveForRotations() {
        INDArray x0 = rng.normal(100, 2).castTo(DataType.DOUBLE);
        assertEquals(0.0, Straightness.of((x, t) -> x.like().assign(1.5), x0, 50), 1e-20);
        // Rotation by angle θ over [0, 1]: |X1 - X0|² = 2r²(1 - cos θ) and the speed is θ r, so
        // S = E[r²] (θ² - 2(1 - cos θ)); with E[r²] = 2 for N(0, I) in 2-D.
        double theta = 1.0;
        double s = Straightness.of((x, t) -> Nd4j.hstack(x.getColumn(1).neg().reshape(-1, 1), x.getColumn(0).reshape(-1, 1))
                .muli(theta), x0, 2000);
        double r2 = x0.mul(x0).sum(1).meanNumber().doubleValue();
        assertEquals(r2 * (theta * theta - 2 * (1 - Math.cos(theta))), s, 2e-3);
    }

    /** Closed forms: a shift by c costs c; hand-integrated CDF differences; and the mean-difference bound W1 ≥ |Δmean|. */
    @Test
    void oneDimensionalW1MatchesClosedForms() {
        assertEquals(5.0, Wasserstein.w1(new double[] {0, 1, 3}, new double[] {5, 6, 8}), 1e-12);
        assertEquals(1.0, Wasserstein.w1(new double[] {0, 1}, new double[] {0, 1, 2, 3}), 1e-12);   // ∫|F_a − F_b| = .25 + .5 + .25
        assertEquals(0.0, Wasserstein.w1(new double[] {2, 1, 2}, new double[] {1, 2, 2}), 1e-12);
        Rng rng = new Rng(3);
        double[] a = new double[200], b = new double[150];
        for (int i = 0; i < a.length; i++) a[i] = rng.gaussian();
        for (int i = 0; i < b.length; i++) b[i] = 2 * rng.gaussian() + 0.5;
        double w = Wasserstein.w1(a, b), ma = java.util.Arrays.stream(a).average().orElseThrow(), mb = java.util.Arrays.stream(b).average().orElseThrow();
        assertTrue(w >= Math.abs(ma - mb) - 1e-12, "W1 " + w + " below |Δmean| " + Math.abs(ma - mb));
        assertEquals(w, Wasserstein.w1(b, a), 1e-12);
        double[] shifted = java.util.Arrays.stream(a).map(x -> x + 0.7).toArray();
        assertEquals(0.7, Wasserstein.w1(a, shifted), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Wasserstein.w1(new double[] {0, Double.NaN}, new double[] {1}));
    }
}
