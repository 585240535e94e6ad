package org.flowmatch4j.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SiLU kernels on the JDK Vector API (SIMD exp), over the host memory of contiguous float buffers of shape
 * [rows, cols] (row-major). Loaded only when the {@code jdk.incubator.vector} module is present; see
 * {@link SiluKernels}.
 */
final class VectorSilu {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** One row of scratch per thread: the Vector API reads and writes heap arrays faster than direct buffers. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[256]);

    private VectorSilu() {}

    /** s ← σ(z), h ← z s for z, s of shape [rows, cols]; h rows start every {@code hStride} floats. */
    static void silu(ByteBuffer z, ByteBuffer s, ByteBuffer h, int rows, int cols, int hStride) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols, hBase = r * hStride;
            int c = 0;
            for (; c < bound; c += S.length()) {
                int at = (base + c) * 4;
                FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
                FloatVector sv = one.div(zv.neg().lanewise(VectorOperators.EXP).add(one));
                sv.intoByteBuffer(s, at, ORDER);
                zv.mul(sv).intoByteBuffer(h, (hBase + c) * 4, ORDER);
            }
            for (; c < cols; c++) {
                float zz = z.getFloat((base + c) * 4);
                float ss = (float) (1 / (1 + Math.exp(-zz)));
                s.putFloat((base + c) * 4, ss);
                h.putFloat((hBase + c) * 4, zz * ss);
            }
        }
    }

    /**
     * h ← h σ(h) in place over the first {@code cols} floats of {@code rows} rows that start every {@code stride}
     * floats. Each row is copied to a heap array, transformed there and copied back: on JDK 17 the SIMD loop over a
     * heap array runs ~1.4× faster than over the direct buffer, more than the two row copies cost (0.29 vs 0.40 ms
     * per 10⁶ elements in L2).
     */
    static void siluInPlace(ByteBuffer h, int rows, int cols, int stride) {
        FloatBuffer f = h.asFloatBuffer();
        float[] row = ROW.get();
        if (row.length < cols) ROW.set(row = new float[cols]);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * stride;
            f.get(base, row, 0, cols);
            int c = 0;
            for (; c < bound; c += S.length()) {
                FloatVector zv = FloatVector.fromArray(S, row, c);
                zv.div(zv.neg().lanewise(VectorOperators.EXP).add(one)).intoArray(row, c);
            }
            for (; c < cols; c++) row[c] = (float) (row[c] / (1 + Math.exp(-row[c])));
            f.put(base, row, 0, cols);
        }
    }

    /** δ ← δ ⊙ s ⊙ (1 + z (1 - s)), i.e. δ ⊙ SiLU'(z) with s = σ(z), for n elements. */
    static void siluBackward(ByteBuffer delta, ByteBuffer z, ByteBuffer s, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            int at = i * 4;
            FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
            FloatVector sv = FloatVector.fromByteBuffer(S, s, at, ORDER);
            FloatVector dv = FloatVector.fromByteBuffer(S, delta, at, ORDER);
            dv.mul(sv.mul(zv.mul(one.sub(sv)).add(one))).intoByteBuffer(delta, at, ORDER);
        }
        for (; i < n; i++) {
            int at = i * 4;
            float ss = s.getFloat(at);
            delta.putFloat(at, delta.getFloat(at) * ss * (1 + z.getFloat(at) * (1 - ss)));
        }
    }
}
