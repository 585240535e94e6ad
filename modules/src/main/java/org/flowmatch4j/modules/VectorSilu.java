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

    /** z ← z + b (b broadcast over rows), s ← σ(z), h ← z s. */
    static void biasSilu(ByteBuffer z, ByteBuffer b, ByteBuffer s, ByteBuffer h, int rows, int cols) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int c = 0;
            for (; c < bound; c += S.length()) {
                int at = (base + c) * 4;
                FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER).add(FloatVector.fromByteBuffer(S, b, c * 4, ORDER));
                FloatVector sv = one.div(zv.neg().lanewise(VectorOperators.EXP).add(one));
                zv.intoByteBuffer(z, at, ORDER);
                sv.intoByteBuffer(s, at, ORDER);
                zv.mul(sv).intoByteBuffer(h, at, ORDER);
            }
            for (; c < cols; c++) {
                int at = (base + c) * 4;
                float zz = z.getFloat(at) + b.getFloat(c * 4);
                float ss = (float) (1 / (1 + Math.exp(-zz)));
                z.putFloat(at, zz);
                s.putFloat(at, ss);
                h.putFloat(at, zz * ss);
            }
        }
    }

    /** δ ← δ ⊙ s ⊙ (1 + z - h), i.e. δ ⊙ SiLU'(z), for n elements. */
    static void siluBackward(ByteBuffer delta, ByteBuffer z, ByteBuffer s, ByteBuffer h, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            int at = i * 4;
            FloatVector zv = FloatVector.fromByteBuffer(S, z, at, ORDER);
            FloatVector hv = FloatVector.fromByteBuffer(S, h, at, ORDER);
            FloatVector sv = FloatVector.fromByteBuffer(S, s, at, ORDER);
            FloatVector dv = FloatVector.fromByteBuffer(S, delta, at, ORDER);
            dv.mul(sv.mul(zv.sub(hv).add(1f))).intoByteBuffer(delta, at, ORDER);
        }
        for (; i < n; i++) {
            int at = i * 4;
            delta.putFloat(at, delta.getFloat(at) * s.getFloat(at) * (1 + z.getFloat(at) - h.getFloat(at)));
        }
    }
}
