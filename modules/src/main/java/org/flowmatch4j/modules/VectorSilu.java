package org.flowmatch4j.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /** h ← h σ(h) in place over the first {@code cols} floats of {@code rows} rows that start every {@code stride} floats. */
    static void siluInPlace(ByteBuffer h, int rows, int cols, int stride) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * stride;
            int c = 0;
            for (; c < bound; c += S.length()) {
                int at = (base + c) * 4;
                FloatVector zv = FloatVector.fromByteBuffer(S, h, at, ORDER);
                zv.div(zv.neg().lanewise(VectorOperators.EXP).add(one)).intoByteBuffer(h, at, ORDER);
            }
            for (; c < cols; c++) {
                int at = (base + c) * 4;
                float zz = h.getFloat(at);
                h.putFloat(at, (float) (zz / (1 + Math.exp(-zz))));
            }
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
