package org.flowmatch4j.core.coupling;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The product coupling q = p0 ⊗ p1: independently drawn minibatches are paired row by row. */
public record IndependentCoupling() implements Coupling {
    @Override public Pairing pair(INDArray x0, INDArray x1, Rng rng) {
        Checks.require(x0.size(0) == x1.size(0), "x0 and x1 must have the same number of rows, got %d and %d",
                x0.size(0), x1.size(0));
        return Pairing.identity((int) x0.size(0));
    }
}
