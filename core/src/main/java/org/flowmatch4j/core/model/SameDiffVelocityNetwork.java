package org.flowmatch4j.core.model;

import java.util.HashMap;
import java.util.Map;
import org.flowmatch4j.core.util.Checks;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Any SameDiff graph as a trainable {@link VelocityNetwork}, with SameDiff's autodiff doing the gradients.
 *
 * <p>Graph contract: placeholders {@code x} [batch, dim] and {@code t} [batch, 1], for conditional models also
 * {@code y} [batch, K+1] (one-hot, last column the null token), and an output variable [batch, dim]. The adapter adds
 * a placeholder {@code gradOut} and the loss Σ output ⊙ gradOut, whose parameter gradient is the vector-Jacobian
 * product the trainer needs. The trainable variables are mirrored in one flat vector (sorted by name); it is copied
 * into the graph before each forward pass.
 *
 * <pre>{@code
 * SameDiff sd = SameDiff.create();
 * SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2), t = sd.placeHolder("t", DataType.FLOAT, -1, 1);
 * SDVariable v = Mlp.apply(sd, "mlp", sd.concat(1, x, t), new int[] {3, 64, 64, 2}, new SplittableRandom(0));
 * VelocityNetwork net = new SameDiffVelocityNetwork(sd, v.name(), 2, 0, "samediff-mlp");
 * }</pre>
 */
public final class SameDiffVelocityNetwork implements VelocityNetwork {
    private final SameDiff sd;
    private final String output, spec;
    private final int dim, numClasses;
    private final FlatParameters flat;
    private Map<String, INDArray> lastInputs;

    public SameDiffVelocityNetwork(SameDiff sd, String output, int dim, int numClasses, String spec) {
        Checks.require(sd.hasVariable("x") && sd.hasVariable("t"), "the graph needs placeholders 'x' and 't'");
        Checks.require(numClasses == 0 || sd.hasVariable("y"), "a conditional graph needs placeholder 'y'");
        Checks.require(sd.hasVariable(output), "the graph has no output variable '%s'", output);
        this.sd = sd;
        this.output = output;
        this.dim = dim;
        this.numClasses = numClasses;
        this.spec = spec;
        this.flat = new FlatParameters(sd);
        SDVariable out = sd.getVariable(output);
        SDVariable g = sd.placeHolder("gradOut", out.dataType(), -1, dim);
        sd.setLossVariables(out.mul(g).sum().rename("vjpLoss"));
    }

    private Map<String, INDArray> inputs(INDArray x, INDArray t, int[] labels) {
        Checks.matrix("x", x, -1, dim);
        int n = (int) x.size(0);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("x", x.castTo(flat.values().dataType()));
        ph.put("t", t.reshape(n, 1).castTo(flat.values().dataType()));
        if (numClasses > 0) {
            Checks.require(labels != null && labels.length == n, "a conditional network needs %d labels", n);
            INDArray y = Nd4j.zeros(flat.values().dataType(), n, numClasses + 1);
            for (int i = 0; i < n; i++) y.putScalar(i, labels[i], 1);
            ph.put("y", y);
        }
        return ph;
    }

    @Override public int dim() { return dim; }

    @Override public int numClasses() { return numClasses; }

    @Override public INDArray forward(INDArray x, INDArray t, int[] labels) {
        flat.push();
        lastInputs = inputs(x, t, labels);
        return sd.output(lastInputs, output).get(output);
    }

    @Override public void backward(INDArray gradOutput) {
        Checks.require(lastInputs != null, "backward needs a forward pass first");
        Map<String, INDArray> ph = new HashMap<>(lastInputs);
        ph.put("gradOut", gradOutput.castTo(flat.values().dataType()));
        flat.gradients(sd.calculateGradients(ph, flat.names()));
    }

    /** Not available: SameDiff 1.0.0-M2.1 computes no gradients for placeholders. Use a {@code DenseMlp}-based network for likelihoods. */
    @Override public INDArray vjp(INDArray x, INDArray t, int[] labels, INDArray w) {
        throw new UnsupportedOperationException("input gradients (for divergences) are not available for SameDiff graphs: "
                + "SameDiff computes no gradient for placeholders");
    }

    @Override public INDArray parameters() { return flat.values(); }

    @Override public INDArray gradients() { return flat.gradients(); }

    @Override public String spec() { return spec; }
}
