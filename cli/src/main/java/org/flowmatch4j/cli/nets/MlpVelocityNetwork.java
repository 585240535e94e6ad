package org.flowmatch4j.cli.nets;

import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.modules.DenseMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * v_θ(x, t, y) = MLP([φ(x), t, onehot(y)]) with the fused {@link DenseMlp}: TorchCFM's toy network (time as one raw
 * input feature) plus, for conditional models, a one-hot of the label with K+1 entries (the last is the null token),
 * and optional fixed {@link InputFeatures} φ (random Fourier features, or harmonics for angles on a torus).
 * The input buffer is reused across calls of the same batch size.
 */
public final class MlpVelocityNetwork implements VelocityNetwork {
    private final DenseMlp mlp;
    private final int dim, numClasses, hidden, depth, featureWidth;
    private final InputFeatures features;
    private INDArray input, inputX, inputT, inputLabels;

    /**
     * @param dim        data dimension
     * @param hidden     hidden width
     * @param depth      number of hidden layers
     * @param numClasses classes for conditioning (0: unconditional)
     */
    public MlpVelocityNetwork(int dim, int hidden, int depth, int numClasses, long seed) {
        this(dim, hidden, depth, numClasses, new InputFeatures.Identity(), seed);
    }

    /** With input features φ applied to x. */
    public MlpVelocityNetwork(int dim, int hidden, int depth, int numClasses, InputFeatures features, long seed) {
        Checks.positive("dim", dim);
        Checks.positive("hidden", hidden);
        Checks.positive("depth", depth);
        Checks.require(numClasses >= 0, "numClasses must be >= 0, got %d", numClasses);
        this.dim = dim;
        this.hidden = hidden;
        this.depth = depth;
        this.numClasses = numClasses;
        this.features = features;
        this.featureWidth = features.width(dim);
        int[] widths = new int[depth + 2];
        widths[0] = featureWidth + 1 + (numClasses > 0 ? numClasses + 1 : 0);
        for (int i = 1; i <= depth; i++) widths[i] = hidden;
        widths[depth + 1] = dim;
        this.mlp = new DenseMlp(widths, seed);
    }

    /** Parses {@link #spec()}: {@code mlp:d=2:h=256:l=3:k=0}, optionally {@code :x=<features>}. */
    public static MlpVelocityNetwork fromSpec(String spec, long seed) {
        String[] p = spec.split(":");
        Checks.require((p.length == 5 || p.length == 6) && p[0].equals("mlp"), "not an MLP network spec: '%s'", spec);
        InputFeatures f = new InputFeatures.Identity();
        if (p.length == 6) {
            Checks.require(p[5].startsWith("x="), "bad network spec field '%s', expected x=<features>", p[5]);
            f = InputFeatures.parse(p[5].substring(2));
        }
        return new MlpVelocityNetwork(value(p[1], "d"), value(p[2], "h"), value(p[3], "l"), value(p[4], "k"), f, seed);
    }

    private static int value(String part, String key) {
        Checks.require(part.matches(key + "=\\d{1,6}"), "bad network spec field '%s', expected %s=<int>", part, key);
        return Integer.parseInt(part.substring(key.length() + 1));
    }

    @Override public int dim() { return dim; }

    @Override public int numClasses() { return numClasses; }

    @Override public String spec() {
        return "mlp:d=" + dim + ":h=" + hidden + ":l=" + depth + ":k=" + numClasses
                + (features instanceof InputFeatures.Identity ? "" : ":x=" + features.spec());
    }

    public DenseMlp mlp() { return mlp; }

    private INDArray assemble(INDArray x, INDArray t, int[] labels) {
        Checks.matrix("x", x, -1, dim);
        int n = (int) x.size(0);
        Checks.require(t.length() == n, "t must have shape [batch=%d], got length %d", n, t.length());
        if (input == null || input.size(0) != n) {
            input = Nd4j.create(mlp.dataType(), n, mlp.inputSize());
            inputX = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, featureWidth));
            inputT = input.get(NDArrayIndex.all(), NDArrayIndex.point(featureWidth));
            inputLabels = numClasses > 0 ? input.get(NDArrayIndex.all(), NDArrayIndex.interval(featureWidth + 1, mlp.inputSize())) : null;
        }
        features.applyInto(x.castTo(mlp.dataType()), inputX);
        inputT.assign(t.reshape(n));
        if (numClasses > 0) {
            Checks.require(labels != null && labels.length == n, "a conditional network needs %d labels", n);
            INDArray onehot = inputLabels;
            float[] oh = new float[n * (numClasses + 1)];
            for (int i = 0; i < n; i++) {
                Checks.require(labels[i] >= 0 && labels[i] <= numClasses, "label[%d] must be in [0, %d], got %d",
                        i, numClasses, labels[i]);
                oh[i * (numClasses + 1) + labels[i]] = 1;
            }
            onehot.assign(Nd4j.createFromArray(oh).reshape(n, numClasses + 1));
        }
        return input;
    }

    @Override public INDArray forward(INDArray x, INDArray t, int[] labels) {
        return mlp.forward(assemble(x, t, labels));
    }

    @Override public INDArray predict(INDArray x, INDArray t, int[] labels) {
        return mlp.predict(assemble(x, t, labels));
    }

    @Override public void backward(INDArray gradOutput) { mlp.backward(gradOutput, false); }

    @Override public INDArray vjp(INDArray x, INDArray t, int[] labels, INDArray w) {
        INDArray g = mlp.vectorJacobian(assemble(x, t, labels), w.castTo(mlp.dataType()));
        INDArray gf = g.get(NDArrayIndex.all(), NDArrayIndex.interval(0, featureWidth));
        return features.pullback(x.castTo(mlp.dataType()), gf).dup();
    }

    @Override public INDArray parameters() { return mlp.parameters(); }

    @Override public INDArray gradients() { return mlp.gradients(); }
}
