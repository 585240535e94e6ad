package org.flowmatch4j.core.likelihood;

import java.util.function.UnaryOperator;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Divergences from vector-Jacobian products, optionally restricted to tangent spaces by a projection P (identity in
 * R^d): div u = tr(P J) exactly as Σ_k (Jᵀ P e_k)_k, or by Hutchinson εᵀ J ε with probes ε = P z held fixed along a
 * trajectory, E[εᵀ J ε] = tr(P J P) = tr(P J).
 */
public final class Divergence {
    private Divergence() {}

    /** The probes z for an estimator, shape [n, d], or null for {@link DivergenceEstimator#EXACT}. */
    public static INDArray probes(DivergenceEstimator estimator, int n, int d, DataType type, Rng rng) {
        return switch (estimator) {
            case EXACT -> null;
            case HUTCHINSON_RADEMACHER -> rng.rademacher(n, d).castTo(type);
            case HUTCHINSON_GAUSSIAN -> rng.normal(n, d).castTo(type);
        };
    }

    /**
     * @param probe   probes from {@link #probes}, or null for the exact trace
     * @param project P: maps directions at x (rows) to their tangent parts
     * @return the divergence per row, shape [n]
     */
    public static INDArray of(DivergenceField field, INDArray x, double t, INDArray probe, UnaryOperator<INDArray> project) {
        if (probe != null) {
            INDArray eps = project.apply(probe);
            return field.vjp(x, t, eps).mul(eps).sum(1);
        }
        int n = (int) x.size(0), d = (int) x.size(1);
        INDArray div = Nd4j.zeros(x.dataType(), n);
        for (int k = 0; k < d; k++) {
            INDArray e = Nd4j.zeros(x.dataType(), n, d);
            e.getColumn(k).assign(1);
            div.addi(field.vjp(x, t, project.apply(e)).getColumn(k));
        }
        return div;
    }
}
