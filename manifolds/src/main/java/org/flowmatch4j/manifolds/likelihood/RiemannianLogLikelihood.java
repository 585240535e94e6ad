package org.flowmatch4j.manifolds.likelihood;

import java.util.List;
import org.flowmatch4j.core.likelihood.Divergence;
import org.flowmatch4j.core.likelihood.DivergenceEstimator;
import org.flowmatch4j.core.likelihood.DivergenceField;
import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.solver.OdeResult;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.Euclidean;
import org.flowmatch4j.manifolds.Manifold;
import org.flowmatch4j.manifolds.ProductManifold;
import org.flowmatch4j.manifolds.density.BaseDensity;
import org.flowmatch4j.manifolds.solver.RiemannianOdeSolver;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Log-likelihood of a flow on a manifold whose metric is (a constant multiple of) the one induced by its embedding
 * in R^D — Euclidean spaces, spheres, flat tori, SO(3) and their products. With P_x the tangent projection and J the
 * ambient Jacobian of the field's extension, the Riemannian divergence is div_M u = tr(P_x J) (Rozen et al. 2021;
 * Chen &amp; Lipman 2024), exactly Σ_k (Jᵀ P_x e_k)_k, or by Hutchinson with tangent probes ε = P_x z,
 * E[εᵀ J ε] = tr(P J P) = tr(P J). The flow follows the projected field P v; where the network's v has a normal
 * component, div_M(P v) = tr(P J_v) + ⟨H, v⟩ with the embedding's mean curvature H ({@link Manifold#meanCurvature}). The augmented state (x, l) is integrated from t = 1 to 0 on M × R by the
 * projected solver with dl/dt = div_M u, and log p_1(x) = log p_0(x(0)) + l(0), p_0 the manifold's base density or
 * any other {@link BaseDensity} the flow was trained from.
 */
public final class RiemannianLogLikelihood {
    private final Manifold manifold;
    private final ButcherTableau tableau;
    private final int steps;
    private final DivergenceEstimator estimator;

    public RiemannianLogLikelihood(Manifold manifold, ButcherTableau tableau, int steps, DivergenceEstimator estimator) {
        manifold.meanCurvature(manifold.sampleBase(1, new Rng(0)));   // fails fast where the metric is not induced
        this.manifold = manifold;
        this.tableau = tableau;
        this.steps = Checks.positive("steps", steps);
        this.estimator = estimator;
    }

    /** log p_1 per row of x (points on the manifold, shape [batch, D]), the flow starting from the manifold's base. */
    public double[] logProbability(DivergenceField field, INDArray x, Rng rng) {
        return logProbability(field, x, rng, BaseDensity.uniform(manifold));
    }

    /** log p_1 per row of x for a flow that starts from {@code base}. */
    public double[] logProbability(DivergenceField field, INDArray x, Rng rng, BaseDensity base) {
        int n = (int) x.size(0), d = manifold.ambientDim();
        INDArray probe = Divergence.probes(estimator, n, d, x.dataType(), rng);
        ProductManifold augmentedSpace = new ProductManifold(List.of(manifold, new Euclidean(1)), new double[] {1, 1});
        VelocityField augmented = (state, t) -> {
            INDArray xs = state.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup();
            INDArray v = field.velocity(xs, t), u = manifold.projectTangent(xs, v);
            INDArray div = Divergence.of(field, xs, t, probe, dir -> manifold.projectTangent(xs, dir))
                    .addi(manifold.meanCurvature(xs).muli(v).sum(1).castTo(v.dataType()));
            return Nd4j.hstack(u, div.reshape(n, 1).castTo(u.dataType()));
        };
        INDArray start = Nd4j.hstack(manifold.projectPoint(x), Nd4j.zeros(x.dataType(), n, 1));
        OdeResult r = new RiemannianOdeSolver(augmentedSpace, tableau).solve(augmented, start, TimeGrid.uniform(1, 0, steps),
                StepListener.NONE);
        double[] lp0 = base.logDensity(r.x().get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).dup());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = lp0[i] + r.x().getDouble(i, d);
        return out;
    }
}
