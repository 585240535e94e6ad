package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.loss.FlowLoss;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Riemannian conditional flow matching loss (Chen &amp; Lipman 2024): L = (1/(B·D)) Σ_b ||P_{x_t}(v - u_t)||²_{x_t},
 * the squared norm in the manifold's metric at x_t of the tangent part of the residual. For manifolds whose tangent
 * projection is orthogonal in the ambient inner product and whose metric is c·(ambient) — Euclidean spaces, spheres,
 * flat tori, SO(3) (c = ½), and products of them — the gradient is 2 c P_{x_t}(v - u_t)/(B·D); the metric factor is
 * read off {@link Manifold#inner} with the residual itself.
 */
public final class RiemannianCfmLoss implements FlowLoss {
    private final Manifold manifold;

    public RiemannianCfmLoss(Manifold manifold) {
        Checks.require(!(manifold instanceof Simplex) && !(manifold instanceof PoincareBall),
                "RiemannianCfmLoss needs a metric that is a constant multiple of the ambient one; %s is not",
                manifold.getClass().getSimpleName());
        if (manifold instanceof ProductManifold p) {
            for (Manifold f : p.factors()) {
                Checks.require(!(f instanceof ProductManifold), "nested products are not supported; flatten the factors");
                new RiemannianCfmLoss(f);
            }
        }
        this.manifold = manifold;
    }

    @Override public double lossAndGradient(PathSample sample, INDArray prediction, INDArray gradOut) {
        Checks.sameShape("prediction", prediction, "target", sample.dxt());
        INDArray r = manifold.projectTangent(sample.xt(), prediction.sub(sample.dxt()).castTo(sample.xt().dataType()));
        long n = prediction.length();
        INDArray sq = manifold.inner(sample.xt(), r, r);            // c ⊙ |r|² per row
        double loss = sq.sumNumber().doubleValue() / n;
        gradOut.assign(metricGradient(sample.xt(), r).muli(2.0 / n));
        return loss;
    }

    /** G r for the metric G = c·I of each factor. */
    private INDArray metricGradient(INDArray x, INDArray r) {
        if (manifold instanceof ProductManifold p) {
            INDArray[] parts = new INDArray[p.factors().size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = p.part(r, i).muli(factorScale(p.factors().get(i)) * p.weight(i));
            }
            return org.nd4j.linalg.factory.Nd4j.hstack(parts);
        }
        return r.mul(factorScale(manifold));
    }

    private static double factorScale(Manifold m) { return m instanceof So3 ? 0.5 : 1.0; }
}
