package org.flowmatch4j.modules;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fused multilayer perceptron with SiLU activations and hand-written back-propagation:
 * h_0 = input, z_l = h_{l-1} W_l + b_l, h_l = SiLU(z_l) = z_l σ(z_l) for hidden layers, output = z_L.
 * Backward: δ_L = ∂L/∂out, ∂L/∂W_l = h_{l-1}ᵀ δ_l, ∂L/∂b_l = 1ᵀ δ_l, δ_{l-1} = (δ_l W_lᵀ) ⊙ SiLU'(z_{l-1}),
 * SiLU'(z) = σ(z)(1 + z(1 - σ(z))) = σ(z)(1 + z - h).
 * The forward pass keeps σ(z), so the backward pass needs no transcendental function: libnd4j's fused
 * SwishDerivative cost 7.8 ms on a 4096×256 batch, the arithmetic form about 1.5 ms (docs/performance.md). Bias,
 * σ and SiLU run as one SIMD pass where the JVM allows it ({@link SiluKernels}).
 *
 * <p>All weights live in one flat float vector (and all gradients in another), so optimisers, clipping and EMA are
 * single operations. Activation buffers are allocated once per batch size and reused: steady-state training does
 * no allocation, and each layer costs one GEMM, one broadcast add and one activation op. Initialisation is
 * PyTorch's {@code nn.Linear} default: W, b ~ U(-1/√fan_in, 1/√fan_in).
 *
 * <pre>{@code
 * DenseMlp mlp = new DenseMlp(new int[] {3, 256, 256, 256, 2}, 42);   // TorchCFM's 3×256 toy MLP
 * INDArray out = mlp.forward(input);   // [batch, 2]
 * mlp.backward(dLoss, false);          // mlp.gradients() now holds dL/dθ
 * }</pre>
 */
public final class DenseMlp {
    private final int[] widths;
    private final DataType type;
    private final INDArray params, grads;
    private final INDArray[] w, b, gw, gb;
    private int batch = -1;
    private INDArray[] z, h, sig, delta, deriv;
    private INDArray ones;
    private boolean simd = true;

    /**
     * @param widths layer widths [in, hidden..., out], at least 2 entries
     * @param seed   initialisation seed
     */
    public DenseMlp(int[] widths, long seed) { this(widths, seed, DataType.FLOAT); }

    /** As {@link #DenseMlp(int[], long)} with a floating-point type (DOUBLE for gradient checks). */
    public DenseMlp(int[] widths, long seed, DataType type) {
        if (widths.length < 2 || Arrays.stream(widths).anyMatch(x -> x <= 0)) {
            throw new IllegalArgumentException("widths must hold >= 2 positive sizes, got " + Arrays.toString(widths));
        }
        this.widths = widths.clone();
        this.type = type;
        int layers = widths.length - 1;
        long total = 0;
        for (int l = 0; l < layers; l++) total += (long) widths[l] * widths[l + 1] + widths[l + 1];
        params = Nd4j.create(type, total);
        grads = Nd4j.create(type, total);
        w = new INDArray[layers]; b = new INDArray[layers]; gw = new INDArray[layers]; gb = new INDArray[layers];
        long off = 0;
        float[] init = new float[(int) total];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            double bound = 1 / Math.sqrt(in);
            for (long k = off; k < off + (long) in * out + out; k++) init[(int) k] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            w[l] = view(params, off, in, out);
            gw[l] = view(grads, off, in, out);
            off += (long) in * out;
            b[l] = view(params, off, 1, out);
            gb[l] = view(grads, off, 1, out);
            off += out;
        }
        params.assign(Nd4j.createFromArray(init).castTo(type));
    }

    private static INDArray view(INDArray flat, long offset, int rows, int cols) {
        return Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c');
    }

    public int[] widths() { return widths.clone(); }

    public DataType dataType() { return type; }

    public int inputSize() { return widths[0]; }

    public int outputSize() { return widths[widths.length - 1]; }

    /** Flat weights, shape [P] (live; optimisers update it in place). */
    public INDArray parameters() { return params; }

    /** Flat gradients of the last {@link #backward}, shape [P]. */
    public INDArray gradients() { return grads; }

    /** Weight matrix of layer l, shape [in, out] (a live view into {@link #parameters()}). */
    public INDArray weight(int l) { return w[l]; }

    /** Bias of layer l, shape [1, out] (a live view). */
    public INDArray bias(int l) { return b[l]; }

    private void ensureBuffers(int n) {
        if (n == batch) return;
        int layers = w.length;
        z = new INDArray[layers]; h = new INDArray[layers + 1]; delta = new INDArray[layers + 1]; deriv = new INDArray[layers];
        sig = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            z[l] = Nd4j.create(type, n, widths[l + 1]);
            deriv[l] = Nd4j.create(type, n, widths[l + 1]);
            sig[l] = Nd4j.create(type, n, widths[l + 1]);
            if (l < layers - 1) h[l + 1] = Nd4j.create(type, n, widths[l + 1]);
        }
        for (int l = 0; l < layers; l++) delta[l] = Nd4j.create(type, n, widths[l]);
        ones = Nd4j.ones(type, n, 1);
        batch = n;
    }

    /**
     * @param input shape [batch, in], of {@link #dataType()}; kept by reference until {@link #backward}
     * @return output, shape [batch, out]; a buffer overwritten by the next call
     */
    public INDArray forward(INDArray input) {
        if (input.rank() != 2 || input.size(1) != widths[0] || input.dataType() != type) {
            throw new IllegalArgumentException("input must have shape [batch, " + widths[0] + "] and type " + type
                    + ", got " + Arrays.toString(input.shape()) + " " + input.dataType());
        }
        ensureBuffers((int) input.size(0));
        h[0] = input;
        int layers = w.length;
        for (int l = 0; l < layers; l++) {
            Nd4j.gemm(h[l], w[l], z[l], false, false, 1.0, 0.0);
            if (l < layers - 1) SiluKernels.biasSilu(z[l], b[l], sig[l], h[l + 1], simd);
            else z[l].addiRowVector(b[l]);
        }
        return z[layers - 1];
    }

    /**
     * Back-propagates through the last forward pass, overwriting {@link #gradients()}.
     *
     * @param gradOutput ∂L/∂output, shape [batch, out]; not modified
     * @param inputGradient whether to compute ∂L/∂input
     * @return ∂L/∂input, shape [batch, in], a reused buffer, or null when not asked for
     */
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        int layers = w.length;
        INDArray d = gradOutput;
        for (int l = layers - 1; l >= 0; l--) {
            Nd4j.gemm(h[l], d, gw[l], true, false, 1.0, 0.0);
            Nd4j.gemm(ones, d, gb[l], true, false, 1.0, 0.0);
            if (l == 0 && !inputGradient) return null;
            Nd4j.gemm(d, w[l], delta[l], false, true, 1.0, 0.0);
            if (l > 0) siluBackward(delta[l], l - 1);
            d = delta[l];
        }
        return delta[0];
    }

    /** δ ← δ ⊙ SiLU'(z_l) with SiLU'(z_l) = σ(z_l) ⊙ (1 + z_l - h_{l+1}). */
    private void siluBackward(INDArray delta, int l) {
        SiluKernels.siluBackward(delta, z[l], sig[l], h[l + 1], deriv[l], simd);
    }

    /** Turns the SIMD kernels off (the ND4J-op path), to compare both in tests. */
    void useSimd(boolean on) { simd = on; }

    /**
     * Input gradient only (no parameter gradients): rᵀ ∂out/∂input per row, shape [batch, in]; runs its own forward.
     */
    public INDArray vectorJacobian(INDArray input, INDArray r) {
        forward(input);
        int layers = w.length;
        INDArray d = r;
        for (int l = layers - 1; l >= 0; l--) {
            Nd4j.gemm(d, w[l], delta[l], false, true, 1.0, 0.0);
            if (l > 0) siluBackward(delta[l], l - 1);
            d = delta[l];
        }
        return delta[0];
    }
}
