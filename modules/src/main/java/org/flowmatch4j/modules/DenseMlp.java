package org.flowmatch4j.modules;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fused multilayer perceptron with SiLU activations and hand-written back-propagation:
 * h_0 = input, z_l = h_{l-1} W_l + b_l, h_l = SiLU(z_l) = z_l σ(z_l) for hidden layers, output = z_L.
 * Backward: δ_L = ∂L/∂out, ∂L/∂W_l = h_{l-1}ᵀ δ_l, ∂L/∂b_l = 1ᵀ δ_l, δ_{l-1} = (δ_l W_lᵀ) ⊙ SiLU'(z_{l-1}),
 * SiLU'(z) = σ(z)(1 + z(1 - σ(z))).
 * The forward pass keeps σ(z), so the backward pass needs no transcendental function: libnd4j's fused
 * SwishDerivative cost 7.8 ms on a 4096×256 batch, the arithmetic form about 1.5 ms (docs/performance.md). σ and
 * SiLU run as one SIMD pass where the JVM allows it ({@link SiluKernels}).
 *
 * <p>All weights live in one flat float vector (and all gradients in another), so optimisers, clipping and EMA are
 * single operations. Each layer's b is stored right after its W, so [W; b] is one contiguous (in+1)×out matrix;
 * activations carry a trailing column of ones, and z = [h, 1]·[W; b] adds the bias inside the GEMM, while
 * [h, 1]ᵀ·δ yields the weight and bias gradients in one GEMM. Activation buffers are allocated once per batch size
 * and reused: steady-state training does no allocation, and each layer costs one GEMM and one activation pass
 * forward, two GEMMs and one pass backward. Initialisation is PyTorch's {@code nn.Linear} default:
 * W, b ~ U(-1/√fan_in, 1/√fan_in).
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
    /** Per layer: [W; b] as one (in+1)×out view, W alone as in×out, b as 1×out, and the gradient of [W; b]. */
    private final INDArray[] wb, w, b, gwb;
    private int batch = -1;
    /** hx[l] = [h_l, 1] of shape [batch, width_l + 1]; h[l] its first width_l columns (a view). */
    private INDArray[] z, hx, h, sig, delta, deriv;
    private boolean simd = true;
    private BlockedInference inference;

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
        for (int l = 0; l < layers; l++) total += (long) (widths[l] + 1) * widths[l + 1];
        params = Nd4j.create(type, total);
        grads = Nd4j.create(type, total);
        wb = new INDArray[layers]; w = new INDArray[layers]; b = new INDArray[layers]; gwb = new INDArray[layers];
        long off = 0;
        float[] init = new float[(int) total];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            double bound = 1 / Math.sqrt(in);
            for (long k = off; k < off + (long) (in + 1) * out; k++) init[(int) k] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            wb[l] = view(params, off, in + 1, out);
            gwb[l] = view(grads, off, in + 1, out);
            w[l] = view(params, off, in, out);
            b[l] = view(params, off + (long) in * out, 1, out);
            off += (long) (in + 1) * out;
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
        z = new INDArray[layers]; hx = new INDArray[layers]; h = new INDArray[layers]; sig = new INDArray[layers];
        delta = new INDArray[layers]; deriv = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            z[l] = Nd4j.create(type, n, widths[l + 1]);
            deriv[l] = Nd4j.create(type, n, widths[l + 1]);
            sig[l] = Nd4j.create(type, n, widths[l + 1]);
            hx[l] = Nd4j.create(type, n, widths[l] + 1);
            hx[l].getColumn(widths[l]).assign(1);
            h[l] = hx[l].get(NDArrayIndex.all(), NDArrayIndex.interval(0, widths[l]));
            delta[l] = Nd4j.create(type, n, widths[l]);
        }
        batch = n;
    }

    /**
     * @param input shape [batch, in], of {@link #dataType()}; copied
     * @return output, shape [batch, out]; a buffer overwritten by the next call
     */
    public INDArray forward(INDArray input) {
        checkInput(input);
        ensureBuffers((int) input.size(0));
        h[0].assign(input);
        int layers = w.length;
        for (int l = 0; l < layers; l++) {
            HostGemm.gemm(hx[l], wb[l], z[l], false, false, simd);
            if (l < layers - 1) SiluKernels.silu(z[l], sig[l], hx[l + 1], widths[l + 1], simd);
        }
        return z[layers - 1];
    }

    private void checkInput(INDArray input) {
        if (input.rank() != 2 || input.size(1) != widths[0] || input.dataType() != type) {
            throw new IllegalArgumentException("input must have shape [batch, " + widths[0] + "] and type " + type
                    + ", got " + Arrays.toString(input.shape()) + " " + input.dataType());
        }
    }

    /**
     * The same output as {@link #forward} for inference, where no backward pass follows: float networks run in
     * cache-sized row blocks without storing σ(z) where that is faster ({@link BlockedInference}); equal to
     * {@link #forward} up to float
     * rounding. It prepares no {@link #backward}: call {@link #forward} before back-propagating.
     *
     * @param input shape [batch, in], of {@link #dataType()}; copied
     * @return output, shape [batch, out]; a buffer overwritten by the next call of this method
     */
    public INDArray predict(INDArray input) {
        return simd && BlockedInference.preferred(type) ? predictBlocked(input) : forward(input);
    }

    /** The blocked inference pass wherever it can run (tests compare it with {@link #forward}). */
    INDArray predictBlocked(INDArray input) {
        if (!BlockedInference.available(type)) return forward(input);
        checkInput(input);
        if (inference == null) inference = new BlockedInference(widths, wb);
        return inference.run(input);
    }

    /**
     * Back-propagates through the last forward pass, overwriting {@link #gradients()}.
     *
     * @param gradOutput ∂L/∂output, shape [batch, out]; not modified
     * @param inputGradient whether to compute ∂L/∂input
     * @return ∂L/∂input, shape [batch, in], a reused buffer, or null when not asked for
     */
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        return propagate(gradOutput, true, inputGradient);
    }

    /**
     * Input gradient only (no parameter gradients): rᵀ ∂out/∂input per row, shape [batch, in]; runs its own forward.
     */
    public INDArray vectorJacobian(INDArray input, INDArray r) {
        forward(input);
        return propagate(r, false, true);
    }

    private INDArray propagate(INDArray d, boolean parameterGradients, boolean inputGradient) {
        for (int l = w.length - 1; l >= 0; l--) {
            if (parameterGradients) HostGemm.gemm(hx[l], d, gwb[l], true, false, simd);
            if (l == 0 && !inputGradient) return null;
            HostGemm.gemm(d, w[l], delta[l], false, true, simd);
            if (l > 0) SiluKernels.siluBackward(delta[l], z[l - 1], sig[l - 1], deriv[l - 1], simd);
            d = delta[l];
        }
        return delta[0];
    }

    /** Turns the SIMD kernels and direct BLAS calls off (the ND4J-op path), to compare both in tests. */
    void useSimd(boolean on) { simd = on; }
}
