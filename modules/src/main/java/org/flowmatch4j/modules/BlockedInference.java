package org.flowmatch4j.modules;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The inference-only forward pass of a {@link DenseMlp}, run in blocks of {@link #BLOCK} rows: for each block,
 * h_l = SiLU([h_{l-1}, 1]·[W_l; b_l]) layer by layer, written in place into one [BLOCK, width + 1] buffer per layer,
 * so the activations of a block stay in cache, and σ(z) is neither stored nor needed (no backward follows).
 *
 * <p>Why: the training forward stores z, σ(z) and h for the whole batch; at N = 4096 each of the three SiLU passes
 * then reads 4 MB and writes 8 MB beyond L2 and costs ~0.65 ms, a quarter of a forward (docs/performance.md). Here a
 * block's products go through the direct BLAS call ({@link HostGemm}) and its SiLU runs on cached data.
 * Measured on a Zen 5 core at N = 4096 (3×256 MLP): 7.3–7.8 ms per pass against 8.2–9.0 ms for the training forward
 * with OpenBLAS's AVX-512 kernels; with its AVX2 kernels the block products alone take 12 ms, so {@link DenseMlp}
 * takes this path only where {@link #preferred} holds.
 */
final class BlockedInference {
    /**
     * Rows per block. Measured per pass at N = 4096 on a Zen 5 core (median of 8 alternating rounds of 100 passes):
     * 7.71 / 7.41 / 7.33 / 7.70 ms with blocks of 256 / 512 / 1024 / 2048 rows; at 1024 a [1024, 257] buffer (1 MB)
     * leaves L2 for L3, but OpenBLAS packs each weight matrix four times instead of sixteen.
     */
    static final int BLOCK = 1024;
    private final int[] widths;
    private final INDArray[] wb;
    private int batch = -1;
    /** Full input [batch, in + 1] with a ones column; out [batch, out]; per hidden layer a [BLOCK, w + 1] buffer. */
    private INDArray hx0, h0, out;
    private INDArray[] hidden;
    /** Per block: rows of hx0 and out; per hidden layer its first `rows` rows, all columns and only the first w. */
    private INDArray[] inBlock, outBlock;
    private INDArray[][] hxRows, hRows;
    private int[] blockRows;

    BlockedInference(int[] widths, INDArray[] wb) {
        this.widths = widths;
        this.wb = wb;
    }

    /** Whether this path can run for float arrays here (SIMD SiLU and direct BLAS available). */
    static boolean available(DataType type) {
        return type == DataType.FLOAT && SiluKernels.simd() && HostGemm.direct();
    }

    /**
     * Whether this path is the faster one here: OpenBLAS must run its AVX-512 kernels ({@link HostGemm#wideKernels});
     * {@code -Dflowmatch.blockedInference=false} turns it off.
     */
    static boolean preferred(DataType type) {
        return available(type) && HostGemm.wideKernels()
                && !"false".equals(System.getProperty("flowmatch.blockedInference"));
    }

    private void ensureBuffers(int n) {
        if (n == batch) return;
        int layers = wb.length, blocks = (n + BLOCK - 1) / BLOCK;
        hx0 = Nd4j.create(DataType.FLOAT, n, widths[0] + 1);
        hx0.getColumn(widths[0]).assign(1);
        h0 = hx0.get(NDArrayIndex.all(), NDArrayIndex.interval(0, widths[0]));
        out = Nd4j.create(DataType.FLOAT, n, widths[layers]);
        hidden = new INDArray[layers - 1];
        for (int l = 1; l < layers; l++) {
            hidden[l - 1] = Nd4j.create(DataType.FLOAT, Math.min(BLOCK, n), widths[l] + 1);
            hidden[l - 1].getColumn(widths[l]).assign(1);
        }
        inBlock = new INDArray[blocks]; outBlock = new INDArray[blocks];
        hxRows = new INDArray[blocks][]; hRows = new INDArray[blocks][];
        blockRows = new int[blocks];
        for (int k = 0; k < blocks; k++) {
            int r0 = k * BLOCK, r1 = Math.min(n, r0 + BLOCK);
            blockRows[k] = r1 - r0;
            inBlock[k] = hx0.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
            outBlock[k] = out.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
            hxRows[k] = new INDArray[layers - 1];
            hRows[k] = new INDArray[layers - 1];
            for (int l = 1; l < layers; l++) {
                INDArray buf = hidden[l - 1];
                hxRows[k][l - 1] = buf.get(NDArrayIndex.interval(0, r1 - r0), NDArrayIndex.all());
                hRows[k][l - 1] = buf.get(NDArrayIndex.interval(0, r1 - r0), NDArrayIndex.interval(0, widths[l]));
            }
        }
        batch = n;
    }

    /** The network's output for {@code input} [batch, in] (float); a buffer overwritten by the next call. */
    INDArray run(INDArray input) {
        ensureBuffers((int) input.size(0));
        h0.assign(input);
        int layers = wb.length;
        for (int k = 0; k < blockRows.length; k++) {
            INDArray prev = inBlock[k];
            for (int l = 0; l < layers - 1; l++) {
                HostGemm.gemmAnySize(prev, wb[l], hRows[k][l]);
                SiluKernels.siluInPlace(hidden[l], blockRows[k], widths[l + 1]);
                prev = hxRows[k][l];
            }
            HostGemm.gemmAnySize(prev, wb[layers - 1], outBlock[k]);
        }
        return out;
    }
}
