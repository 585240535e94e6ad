package org.flowmatch4j.manifolds;

import java.util.List;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * M_1 × … × M_k with ambient coordinates concatenated in factor order and the weighted product metric
 * ⟨u, v⟩ = Σ_i w_i ⟨u_i, v_i⟩_{M_i}; exp, log and projections act factor by factor, so
 * d(x, y)² = Σ_i w_i d_i(x_i, y_i)². Example: SE(3) = SO(3) × R³ ({@link Se3}), or Se3ⁿ × Tᵐ for a backbone.
 */
public final class ProductManifold implements Manifold {
    private final List<Manifold> factors;
    private final double[] weights;
    private final int[] offsets;
    private final int dim, ambient;

    public ProductManifold(List<Manifold> factors, double[] weights) {
        Checks.require(!factors.isEmpty(), "a product needs at least one factor");
        Checks.require(weights.length == factors.size(), "need one weight per factor: %d factors, %d weights",
                factors.size(), weights.length);
        for (double w : weights) Checks.positive("factor weight", w);
        this.factors = List.copyOf(factors);
        this.weights = weights.clone();
        this.offsets = new int[factors.size() + 1];
        int d = 0;
        for (int i = 0; i < factors.size(); i++) {
            offsets[i + 1] = offsets[i] + factors.get(i).ambientDim();
            d += factors.get(i).dim();
        }
        this.dim = d;
        this.ambient = offsets[factors.size()];
    }

    /** Unweighted product. */
    public static ProductManifold of(Manifold... factors) {
        double[] w = new double[factors.length];
        java.util.Arrays.fill(w, 1);
        return new ProductManifold(List.of(factors), w);
    }

    public List<Manifold> factors() { return factors; }

    /** Metric weight of factor i. */
    public double weight(int i) { return weights[i]; }

    @Override public int dim() { return dim; }

    @Override public int ambientDim() { return ambient; }

    /** The columns of factor i. */
    public INDArray part(INDArray a, int i) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(offsets[i], offsets[i + 1])).dup();
    }

    private interface PartOp { INDArray apply(Manifold m, INDArray a, INDArray b); }

    private INDArray each(INDArray a, INDArray b, PartOp op) {
        INDArray[] parts = new INDArray[factors.size()];
        for (int i = 0; i < parts.length; i++) parts[i] = op.apply(factors.get(i), part(a, i), part(b, i));
        return Nd4j.hstack(parts);
    }

    @Override public INDArray expMap(INDArray x, INDArray u) { return each(x, u, Manifold::expMap); }

    @Override public INDArray logMap(INDArray x, INDArray y) { return each(x, y, Manifold::logMap); }

    @Override public INDArray projectPoint(INDArray x) { return each(x, x, (m, a, b) -> m.projectPoint(a)); }

    @Override public INDArray projectTangent(INDArray x, INDArray u) { return each(x, u, Manifold::projectTangent); }

    /** The factors' H side by side (a constant metric weight per factor leaves divergences unchanged). */
    @Override public INDArray meanCurvature(INDArray x) { return each(x, x, (m, a, b) -> m.meanCurvature(a)); }

    @Override public INDArray inner(INDArray x, INDArray u, INDArray v) {
        INDArray s = null;
        for (int i = 0; i < factors.size(); i++) {
            INDArray p = factors.get(i).inner(part(x, i), part(u, i), part(v, i)).muli(weights[i]);
            s = s == null ? p : s.addi(p);
        }
        return s;
    }

    @Override public INDArray sampleBase(int n, Rng rng) {
        INDArray[] parts = new INDArray[factors.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = factors.get(i).sampleBase(n, rng).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        }
        return Nd4j.hstack(parts);
    }

    /** Sum of the factors' log-densities (w.r.t. the unweighted product volume). */
    @Override public double[] baseLogDensity(INDArray x) {
        double[] out = new double[(int) x.size(0)];
        for (int i = 0; i < factors.size(); i++) {
            double[] p = factors.get(i).baseLogDensity(part(x, i));
            for (int k = 0; k < out.length; k++) out[k] += p[k];
        }
        return out;
    }
}
