package org.flowmatch4j.core.reflow;

import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.train.FlowBatch;
import org.flowmatch4j.core.train.FlowBatchSource;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rectified flow ("reflow", Liu et al. 2023): integrate a trained flow from source samples x0 to get coupled pairs
 * (x0, x1 = ODE(x0)), then train a new flow on these fixed pairs with the identity coupling. The new flow's paths are
 * straighter, so it samples well in fewer steps ({@link org.flowmatch4j.core.metrics.Straightness} measures it).
 */
public final class Reflow {
    private Reflow() {}

    /**
     * @param x0 source samples, shape [n, dim]
     * @return the pairs (x0, x1) as a fixed dataset
     */
    public static PairedData generatePairs(VelocityField trained, INDArray x0, OdeSolver solver, TimeGrid grid) {
        INDArray x1 = solver.solve(trained, x0, grid, StepListener.NONE).x();
        return new PairedData(x0.dup(), x1);
    }

    /**
     * Fixed pairs; as a {@link FlowBatchSource} it draws random rows (with replacement), keeping each pair together.
     * Use it with the identity ({@code IndependentCoupling}) coupling.
     */
    public record PairedData(INDArray x0, INDArray x1) implements FlowBatchSource {
        public PairedData {
            Checks.sameShape("x0", x0, "x1", x1);
        }

        @Override public FlowBatch next(int batchSize, org.flowmatch4j.core.util.Rng rng) {
            int[] rows = new int[batchSize];
            for (int i = 0; i < batchSize; i++) rows[i] = rng.nextInt((int) x0.size(0));
            return new FlowBatch(x0.getRows(rows), x1.getRows(rows), null);
        }
    }
}
