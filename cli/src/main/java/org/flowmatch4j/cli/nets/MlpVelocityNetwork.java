package org.flowmatch4j.cli.nets;

import org.flowmatch4j.core.model.VelocityNetwork;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.modules.DenseMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * v_θ(x, t, y) = MLP([φ(x), t, ψ(t), onehot(y)]) with the fused {@link DenseMlp}: TorchCFM's toy network (time as one
 * raw input feature) plus, for conditional models, a one-hot of the label with K+1 entries (the last is the null token),
 * optional fixed {@link InputFeatures} φ (random Fourier features, or harmonics for angles on a torus), and optional
 * time harmonics ψ(t) = [sin(ω_j t), cos(ω_j t)], ω_j = π 2^j, j = 0 … H−1 (H = 0: t alone), which let a small
 * network follow fields that sharpen quickly as t → 1.
 * The input buffer is reused across calls of the same batch size.
 */
public final class MlpVelocityNetwork implements VelocityNetwork {
    private final DenseMlp mlp;
    private final int dim, numClasses, hidden, depth, featureWidth, timeHarmonics;
    private final InputFeatures features;
    private INDArray input, inputX, inputT, inputTimeHarmonics, inputLabels;

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
        this(dim, hidden, depth, numClasses, features, 0, seed);
    }

    /** With input features φ applied to x and {@code timeHarmonics} sine–cosine pairs of t. */
    public MlpVelocityNetwork(int dim, int hidden, int depth, int numClasses, InputFeatures features,
                              int timeHarmonics, long seed) {
        Checks.positive("dim", dim);
        Checks.positive("hidden", hidden);
        Checks.positive("depth", depth);
        Checks.require(numClasses >= 0, "numClasses must be >= 0, got %d", numClasses);
        checkTimeHarmonics(timeHarmonics);
        this.dim = dim;
        this.timeHarmonics = timeHarmonics;
        this.hidden = hidden;
        this.depth = depth;
        this.numClasses = numClasses;
        this.features = features;
        this.featureWidth = features.width(dim);
        int[] widths = new int[depth + 2];
        widths[0] = featureWidth + 1 + 2 * timeHarmonics + (numClasses > 0 ? numClasses + 1 : 0);
        for (int i = 1; i <= depth; i++) widths[i] = hidden;
        widths[depth + 1] = dim;
        this.mlp = new DenseMlp(widths, seed);
    }

    /**
     * Parses {@link #spec()}: {@code mlp:d=2:h=256:l=3:k=0}, optionally followed by {@code :x=<features>} and
     * {@code :t=<time harmonics>} in that order.
     */
    public static MlpVelocityNetwork fromSpec(String spec, long seed) {
        String[] p = spec.split(":");
        Checks.require(p.length >= 5 && p.length <= 7 && p[0].equals("mlp"), "not an MLP network spec: '%s'", spec);
        InputFeatures f = new InputFeatures.Identity();
        int next = 5, harmonics = 0;
        if (next < p.length && p[next].startsWith("x=")) f = InputFeatures.parse(p[next++].substring(2));
        if (next < p.length) harmonics = value(p[next++], "t");
        Checks.require(next == p.length, "bad network spec '%s', expected optional :x=<features> then :t=<int>", spec);
        return new MlpVelocityNetwork(value(p[1], "d"), value(p[2], "h"), value(p[3], "l"), value(p[4], "k"), f,
                harmonics, seed);
    }

    private static int value(String part, String key) {
        Checks.require(part.matches(key + "=\\d{1,6}"), "bad network spec field '%s', expected %s=<int>", part, key);
        return Integer.parseInt(part.substring(key.length() + 1));
    }

    @Override public int dim() { return dim; }

    @Override public int numClasses() { return numClasses; }

    @Override public String spec() {
        return "mlp:d=" + dim + ":h=" + hidden + ":l=" + depth + ":k=" + numClasses
                + (features instanceof InputFeatures.Identity ? "" : ":x=" + features.spec())
                + (timeHarmonics == 0 ? "" : ":t=" + timeHarmonics);
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
            int tEnd = featureWidth + 1 + 2 * timeHarmonics;
            inputTimeHarmonics = timeHarmonics > 0
                    ? input.get(NDArrayIndex.all(), NDArrayIndex.interval(featureWidth + 1, tEnd)) : null;
            inputLabels = numClasses > 0 ? input.get(NDArrayIndex.all(), NDArrayIndex.interval(tEnd, mlp.inputSize())) : null;
        }
        features.applyInto(x.castTo(mlp.dataType()), inputX);
        inputT.assign(t.reshape(n));
        if (timeHarmonics > 0) inputTimeHarmonics.assign(timeHarmonics(t.reshape(n).toDoubleVector(), timeHarmonics));
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

    /** Refuses a count of time harmonics outside [0, 16] (2^16 π is already far above any useful frequency). */
    public static void checkTimeHarmonics(int timeHarmonics) {
        Checks.require(timeHarmonics >= 0 && timeHarmonics <= 16, "time harmonics must be in [0, 16], got %d", timeHarmonics);
    }

    /** ψ(t) per row: [sin(ω_0 t), …, sin(ω_{H−1} t), cos(ω_0 t), …, cos(ω_{H−1} t)], ω_j = π 2^j; shape [n, 2H]. */
    static INDArray timeHarmonics(double[] t, int harmonics) {
        float[] out = new float[t.length * 2 * harmonics];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < harmonics; j++) {
                double a = Math.PI * (1 << j) * t[i];
                out[i * 2 * harmonics + j] = (float) Math.sin(a);
                out[i * 2 * harmonics + harmonics + j] = (float) Math.cos(a);
            }
        }
        return Nd4j.createFromArray(out).reshape(t.length, 2L * harmonics);
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
