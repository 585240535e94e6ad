package org.flowmatch4j.core.solver;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Integrates dx/dt = u_t(x) over a {@link TimeGrid}.
 *
 * <pre>{@code
 * OdeSolver solver = OdeSolver.dopri5(1e-4, 1e-4);
 * OdeResult r = solver.solve(model, noise, TimeGrid.uniform(0, 1, 1), StepListener.NONE);
 * System.out.println(r.nfe());
 * }</pre>
 */
public interface OdeSolver {
    /**
     * @param x0 initial state at {@code grid.start()}, shape [batch, dim]; not mutated
     */
    OdeResult solve(VelocityField field, INDArray x0, TimeGrid grid, StepListener listener);

    static OdeSolver euler() { return new ExplicitRkSolver(ButcherTableau.EULER); }

    static OdeSolver midpoint() { return new ExplicitRkSolver(ButcherTableau.MIDPOINT); }

    static OdeSolver heun() { return new ExplicitRkSolver(ButcherTableau.HEUN); }

    static OdeSolver rk4() { return new ExplicitRkSolver(ButcherTableau.RK4); }

    static OdeSolver dopri5(double atol, double rtol) { return new Dopri5Solver(atol, rtol, 100_000); }
}
