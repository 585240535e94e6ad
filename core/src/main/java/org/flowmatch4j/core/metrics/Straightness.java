package org.flowmatch4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.solver.OdeSolver;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Straightness of a flow (Liu et al. 2023, "Flow straight and fast"):
 * S = ∫₀¹ E ||(X₁ - X₀) - u_t(X_t)||² dt, zero exactly when every trajectory is a straight line traversed at constant
 * speed. Measured on an Euler trajectory of K steps, with u_t(X_t) = (X_{t+h} - X_t) / h:
 * S ≈ Σ_k h · mean_n ||(X₁ - X₀) - (X_{k+1} - X_k)/h||².
 */
public final class Straightness {
    private Straightness() {}

    /** S of the trajectories from the rows of x0 under an Euler solve with {@code steps} steps on [0, 1]. */
    public static double of(VelocityField field, INDArray x0, int steps) {
        List<INDArray> traj = new ArrayList<>();
        StepListener keep = (t, x) -> traj.add(x.dup());
        OdeSolver.euler().solve(field, x0, TimeGrid.uniform(0, 1, steps), keep);
        return ofTrajectory(traj);
    }

    /** S of a stored trajectory X_0, ..., X_K on a uniform grid of [0, 1], each [n, d]. */
    public static double ofTrajectory(List<INDArray> traj) {
        int k = traj.size() - 1;
        double h = 1.0 / k;
        INDArray chord = traj.get(k).sub(traj.get(0));
        long n = chord.size(0);
        double s = 0;
        for (int i = 0; i < k; i++) {
            INDArray r = chord.sub(traj.get(i + 1).sub(traj.get(i)).divi(h));
            double norm = r.norm2Number().doubleValue();
            s += h * norm * norm / n;
        }
        return s;
    }
}
