package org.flowmatch4j.core.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One-pass SIMD kernels of the optimiser on host float memory (JDK Vector API); loaded only when
 * {@link org.flowmatch4j.core.util.HostFloats#simd()} holds.
 */
final class VectorAdam {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorAdam() {}

    /**
     * m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², θ ← θ·decay - η_k m / (√v + ε), over n elements.
     */
    static void step(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, float beta1, float beta2,
                     float stepSize, float eps, float decay) {
        int i = 0, bound = S.loopBound(n);
        float c1 = 1 - beta1, c2 = 1 - beta2;
        for (; i < bound; i += S.length()) {
            int at = i * 4;
            FloatVector gv = FloatVector.fromByteBuffer(S, g, at, ORDER);
            FloatVector mv = FloatVector.fromByteBuffer(S, m, at, ORDER).mul(beta1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromByteBuffer(S, v, at, ORDER).mul(beta2).add(gv.mul(gv).mul(c2));
            FloatVector pv = FloatVector.fromByteBuffer(S, p, at, ORDER).mul(decay)
                    .sub(mv.mul(stepSize).div(vv.lanewise(VectorOperators.SQRT).add(eps)));
            mv.intoByteBuffer(m, at, ORDER);
            vv.intoByteBuffer(v, at, ORDER);
            pv.intoByteBuffer(p, at, ORDER);
        }
        for (; i < n; i++) {
            int at = i * 4;
            float gi = g.getFloat(at);
            float mi = beta1 * m.getFloat(at) + c1 * gi, vi = beta2 * v.getFloat(at) + c2 * gi * gi;
            m.putFloat(at, mi);
            v.putFloat(at, vi);
            p.putFloat(at, p.getFloat(at) * decay - stepSize * mi / ((float) Math.sqrt(vi) + eps));
        }
    }

    /** Σ x² over n elements, accumulated in double per block of lanes. */
    static double sumOfSquares(ByteBuffer x, int n) {
        double total = 0;
        int i = 0, bound = S.loopBound(n), block = 64 * S.length();
        while (i < bound) {
            FloatVector acc = FloatVector.zero(S);
            int end = Math.min(bound, i + block);
            for (; i < end; i += S.length()) {
                FloatVector xv = FloatVector.fromByteBuffer(S, x, i * 4, ORDER);
                acc = xv.fma(xv, acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float xi = x.getFloat(i * 4);
            total += (double) xi * xi;
        }
        return total;
    }
}
