package org.flowmatch4j.manifolds.solver;

import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.solver.OdeResult;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.manifolds.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Explicit Runge–Kutta on a manifold with projection: each stage velocity is projected onto T_x M at the step's
 * base point x, stage points are y_i = exp_x(h Σ_j a_ij k_j), and the step is x' = exp_x(h Σ_i b_i k_i). Points stay
 * on the manifold by construction (exp map plus point projection), whatever the field returns. Euler, midpoint and
 * RK4 are the core's {@link ButcherTableau}s. Since stage velocities are projected rather than parallel-transported,
 * the scheme keeps the tableau's order in flat spaces but is second order on curved ones (tested on S²), as with
 * facebookresearch/flow_matching's projected solver.
 */
public final class RiemannianOdeSolver implements OdeSolver {
    private final Manifold manifold;
    private final ButcherTableau tableau;

    public RiemannianOdeSolver(Manifold manifold, ButcherTableau tableau) {
        this.manifold = manifold;
        this.tableau = tableau;
    }

    @Override public OdeResult solve(VelocityField field, INDArray x0, TimeGrid grid, StepListener listener) {
        int s = tableau.stages();
        INDArray x = manifold.projectPoint(x0);
        double[] pts = grid.points();
        listener.onStep(pts[0], x);
        INDArray[] k = new INDArray[s];
        int nfe = 0;
        for (int step = 0; step + 1 < pts.length; step++) {
            double t = pts[step], h = pts[step + 1] - t;
            for (int i = 0; i < s; i++) {
                INDArray yi = x;
                if (i > 0) {
                    INDArray move = x.like();
                    for (int j = 0; j < i; j++) if (tableau.a()[i][j] != 0) move.addi(k[j].mul(h * tableau.a()[i][j]));
                    yi = manifold.expMap(x, move);
                }
                k[i] = manifold.projectTangent(x, field.velocity(yi, t + tableau.c()[i] * h));
                nfe++;
            }
            INDArray move = x.like();
            for (int i = 0; i < s; i++) if (tableau.b()[i] != 0) move.addi(k[i].mul(h * tableau.b()[i]));
            x = manifold.projectPoint(manifold.expMap(x, move));
            listener.onStep(pts[step + 1], x);
        }
        return new OdeResult(x, nfe, pts.length - 1, 0);
    }
}
