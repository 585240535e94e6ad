package org.flowmatch4j.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The SiLU steps of {@link DenseMlp}: forward s = σ(z), h = z s; backward δ ← δ ⊙ s(1 + z(1 - s)).
 *
 * <p>Float arrays in host memory go through SIMD kernels on the JDK Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the ./flowmatch launcher does): one pass, about 5× faster than
 * libnd4j's scalar {@code Sigmoid} on AVX-512. Otherwise (other types, GPU buffers, module absent, or
 * {@code -Dflowmatch.simd=false}) the same math runs as ND4J ops.
 */
final class SiluKernels {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("flowmatch.simd"));

    private SiluKernels() {}

    /** Whether SIMD kernels are in use for float host arrays. */
    static boolean simd() { return VECTOR; }

    private static boolean simdFor(INDArray... arrays) {
        if (!VECTOR) return false;
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.isView() || a.ordering() != 'c' || a.data().isConstant()
                    || !Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend")) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer host(INDArray a) { return a.data().asNio().order(ByteOrder.nativeOrder()); }

    /** s ← σ(z); the first {@code width} columns of hx ← z ⊙ s (z, s: [rows, width]; hx: [rows, width + 1]). */
    static void silu(INDArray z, INDArray s, INDArray hx, int width, boolean allowSimd) {
        if (allowSimd && simdFor(z, s, hx)) {
            VectorSilu.silu(host(z), host(s), host(hx), (int) z.size(0), width, (int) hx.size(1));
            return;
        }
        Nd4j.exec(new Sigmoid(z, s));
        Nd4j.exec(new MulOp(z, s, hx.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width))));
    }

    /**
     * h ← SiLU(h) in place over the first {@code cols} columns of the first {@code rows} rows of a [*, stride] float
     * host array (not a view); SIMD only: callers check {@link #simd()} ({@link BlockedInference} owns such arrays).
     */
    static void siluInPlace(INDArray h, int rows, int cols) {
        VectorSilu.siluInPlace(host(h), rows, cols, (int) h.size(1));
    }

    /** δ ← δ ⊙ s ⊙ (1 + z (1 - s)) (SiLU' from z and s = σ(z)), using {@code scratch} on the ND4J path. */
    static void siluBackward(INDArray delta, INDArray z, INDArray s, INDArray scratch, boolean allowSimd) {
        if (allowSimd && simdFor(delta, z, s)) {
            VectorSilu.siluBackward(host(delta), host(z), host(s), (int) delta.length());
            return;
        }
        scratch.assign(s).rsubi(1).muli(z).addi(1).muli(s);
        delta.muli(scratch);
    }
}
