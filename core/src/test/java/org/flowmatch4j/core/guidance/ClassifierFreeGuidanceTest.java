package org.flowmatch4j.core.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassifierFreeGuidanceTest {
    /** u(x | y) = y (a constant per label); the null token 3 gives 10. */
    private final ConditionalField field = (x, t, y) -> {
        INDArray u = x.like();
        for (int i = 0; i < y.length; i++) u.getRow(i).assign(y[i] == 3 ? 10 : y[i]);
        return u;
    };

    @Test
    void guidedFieldExtrapolatesAwayFromTheUnconditionalField() {
        INDArray x = Nd4j.zeros(2, 2);
        VelocityField g = ClassifierFreeGuidance.guided(field, 1, 3, 2.0);
        // (1 + w) * 1 - w * 10 with w = 2
        assertArrayEquals(new double[] {-17, -17}, g.velocity(x, 0.5).getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, 1},
                ClassifierFreeGuidance.guided(field, 1, 3, 0).velocity(x, 0.5).getRow(1).toDoubleVector(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ClassifierFreeGuidance.guided(field, 1, 3, -1));
    }

    @Test
    void dropoutReplacesLabelsAtTheGivenRate() {
        int[] labels = new int[20000];
        int[] dropped = ClassifierFreeGuidance.dropLabels(labels, 0.2, 3, new Rng(1));
        int nulls = 0;
        for (int y : dropped) if (y == 3) nulls++;
        double sd = Math.sqrt(20000 * 0.2 * 0.8);
        assertEquals(4000, nulls, 4 * sd);
        assertArrayEquals(labels, ClassifierFreeGuidance.dropLabels(labels, 0, 3, new Rng(1)));
    }
}
