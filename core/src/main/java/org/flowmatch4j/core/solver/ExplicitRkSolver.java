package org.flowmatch4j.core.solver;

import java.util.Arrays;
import org.flowmatch4j.core.train.NonFiniteException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fixed-step explicit Runge–Kutta solver for any {@link ButcherTableau}: one step per grid interval. After every step
 * the state is checked (one sum over it): a NaN or ±Inf stops the solve with a {@link NonFiniteException} naming the
 * step and time, instead of carrying NaN through to the samples.
 */
public final class ExplicitRkSolver implements OdeSolver {
    private final ButcherTableau tableau;

    public ExplicitRkSolver(ButcherTableau tableau) { this.tableau = tableau; }

    public ButcherTableau tableau() { return tableau; }

    @Override public OdeResult solve(VelocityField field, INDArray x0, TimeGrid grid, StepListener listener) {
        int s = tableau.stages();
        INDArray x = x0.dup();
        INDArray[] k = new INDArray[s];
        listener.onStep(grid.start(), x);
        int nfe = 0;
        for (int step = 0; step < grid.intervals(); step++) {
            double t = grid.at(step), h = grid.at(step + 1) - t;
            for (int i = 0; i < s; i++) {
                INDArray xi = x;
                if (i > 0) {
                    xi = x.dup();
                    double[] ai = tableau.a()[i];
                    for (int j = 0; j < i; j++) if (ai[j] != 0) axpy(h * ai[j], k[j], xi);
                }
                k[i] = field.velocity(xi, t + tableau.c()[i] * h);
                nfe++;
            }
            for (int i = 0; i < s; i++) if (tableau.b()[i] != 0) axpy(h * tableau.b()[i], k[i], x);
            double sum = x.sumNumber().doubleValue();
            if (!Double.isFinite(sum)) {
                throw new NonFiniteException(step + 1, String.format(java.util.Locale.ROOT, "ODE state at t = %.4g", grid.at(step + 1)), sum,
                        "the velocity field diverged: check the model and its inputs, or take more, smaller steps");
            }
            listener.onStep(grid.at(step + 1), x);
        }
        return new OdeResult(x, nfe, grid.intervals(), 0);
    }

    /**
     * y ← y + a·v: one BLAS call (no temporary a·v) where v and y have the same float or double type, shape and
     * dense layout, else through a temporary. Halves the solver's own cost per Euler step (JMH euler100Overhead:
     * 12.2 → 5.7 ms per 100 steps at N = 4096).
     */
    private static void axpy(double a, INDArray v, INDArray y) {
        boolean blasType = y.dataType() == DataType.FLOAT || y.dataType() == DataType.DOUBLE;
        if (blasType && v.dataType() == y.dataType() && Arrays.equals(v.shape(), y.shape()) && v.ordering() == y.ordering()
                && v.elementWiseStride() == 1 && y.elementWiseStride() == 1) {
            Nd4j.getBlasWrapper().level1().axpy(y.length(), a, v, y);
        } else {
            y.addi(v.mul(a));
        }
    }
}
