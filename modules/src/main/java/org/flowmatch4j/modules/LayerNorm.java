package org.flowmatch4j.modules;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer normalisation over the last axis (Ba et al. 2016): y = γ ⊙ (x - μ) / √(σ² + ε) + β, μ and σ² the mean and
 * (biased) variance of the last axis.
 *
 * <p>Built from matrix products on the [rows, F] view: centring is x (I - 11ᵀ/F), the variance is (c ⊙ c) 1/F and
 * its inverse square root is spread back over the row by a product with 1ᵀ, and γ acts as the product with diag(γ). SameDiff's fused {@code layerNorm} has
 * no ε, and a composition with keep-dims means and broadcasting gave wrong gradients once two norms were chained
 * (found by the finite-difference tests); this form uses no broadcasting of reduced axes.
 */
public final class LayerNorm {
    private LayerNorm() {}

    /**
     * @param x shape [rows, F] or [batch, tokens, F] (tokens fixed); variables {@code prefix/gamma} (ones) and
     *          {@code prefix/beta} (zeros), shape [1, F]
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, int features, double eps) {
        long[] shape = x.getShape();
        SDVariable flat = x.reshape(-1, features);
        INDArray centre = Nd4j.eye(features).castTo(x.dataType()).subi(1.0 / features);
        SDVariable c = flat.mmul(sd.constant(prefix + "/centre", centre));
        SDVariable var = c.mul(c).mmul(sd.constant(prefix + "/mean", Nd4j.valueArrayOf(new long[] {features, 1},
                1.0 / features, x.dataType())));
        SDVariable inv = sd.math().pow(var.add(eps), -0.5);
        SDVariable spread = inv.mmul(sd.constant(prefix + "/ones", Nd4j.ones(x.dataType(), 1, features)));
        SDVariable gamma = sd.var(prefix + "/gamma", Nd4j.ones(x.dataType(), 1, features));
        SDVariable beta = sd.var(prefix + "/beta", Nd4j.zeros(x.dataType(), 1, features));
        // γ as a diagonal product: ND4J's backward of a row-broadcast multiply costs ~10× a matrix product on tall inputs
        SDVariable y = c.mul(spread).mmul(sd.math().diag(gamma.reshape(features))).add(beta);
        return shape != null && shape.length == 3 ? y.reshape(-1, shape[1], features) : y;
    }

    public static SDVariable apply(SameDiff sd, String prefix, SDVariable x, int features) {
        return apply(sd, prefix, x, features, 1e-5);
    }
}
