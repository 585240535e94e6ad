package org.flowmatch4j.core.solver;

import org.flowmatch4j.core.train.NonFiniteException;
import org.nd4j.linalg.api.ndarray.INDArray;

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
                    for (int j = 0; j < i; j++) if (ai[j] != 0) xi.addi(k[j].mul(h * ai[j]));
                }
                k[i] = field.velocity(xi, t + tableau.c()[i] * h);
                nfe++;
            }
            for (int i = 0; i < s; i++) if (tableau.b()[i] != 0) x.addi(k[i].mul(h * tableau.b()[i]));
            double sum = x.sumNumber().doubleValue();
            if (!Double.isFinite(sum)) {
                throw new NonFiniteException(step + 1, String.format(java.util.Locale.ROOT, "ODE state at t = %.4g", grid.at(step + 1)), sum,
                        "the velocity field diverged: check the model and its inputs, or take more, smaller steps");
            }
            listener.onStep(grid.at(step + 1), x);
        }
        return new OdeResult(x, nfe, grid.intervals(), 0);
    }
}
