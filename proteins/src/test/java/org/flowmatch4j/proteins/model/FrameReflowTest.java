package org.flowmatch4j.proteins.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reflow batches keep each noise protein with the backbone it was sampled into, residue by residue. */
class FrameReflowTest {
    @Test
    void pairSourceKeepsPairsTogether() {
        int n = 5, count = 7;
        INDArray x0 = Nd4j.create(DataType.FLOAT, count * n, 12), x1 = x0.ulike();
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < n; r++) {
                x0.putScalar(new long[] {i * n + r, 0}, 100 * i + r);
                x1.putScalar(new long[] {i * n + r, 0}, -(100 * i + r));
            }
        }
        var source = new FrameReflow.PairSource(List.of(new FrameReflow.Pairs(n, x0, x1)), 20);
        Rng rng = new Rng(3);
        for (int draw = 0; draw < 10; draw++) {
            FrameTrainer.Batch b = source.next(rng);
            assertEquals(4, b.proteins());
            for (int k = 0; k < b.proteins(); k++) {
                double first = b.x0().getDouble(k * n, 0);
                assertEquals(0, first % 100, 1e-9, "a protein starts at its first residue");
                for (int r = 0; r < n; r++) {
                    assertEquals(first + r, b.x0().getDouble(k * n + r, 0), 1e-9);
                    assertEquals(-(first + r), b.x1().getDouble(k * n + r, 0), 1e-9);
                }
            }
        }
    }
}
