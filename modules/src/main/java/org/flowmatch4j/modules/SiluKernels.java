package org.flowmatch4j.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SiLU steps of {@link DenseMlp}: forward z ← z + b, s = σ(z), h = z s; backward δ ← δ ⊙ s(1 + z - h).
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

    /** z [rows, cols] ← z + b [1, cols]; s ← σ(z); h ← z ⊙ s. */
    static void biasSilu(INDArray z, INDArray b, INDArray s, INDArray h, boolean allowSimd) {
        if (allowSimd && simdFor(z, s, h) && b.dataType() == DataType.FLOAT) {
            VectorSilu.biasSilu(host(z), hostBias(b), host(s), host(h), (int) z.size(0), (int) z.size(1));
            return;
        }
        z.addiRowVector(b);
        Nd4j.exec(new Sigmoid(z, s));
        Nd4j.exec(new MulOp(z, s, h));
    }

    /** δ ← δ ⊙ s ⊙ (1 + z - h), using {@code scratch} for the ND4J path. */
    static void siluBackward(INDArray delta, INDArray z, INDArray s, INDArray h, INDArray scratch, boolean allowSimd) {
        if (allowSimd && simdFor(delta, z, s, h)) {
            VectorSilu.siluBackward(host(delta), host(z), host(s), host(h), (int) delta.length());
            return;
        }
        Nd4j.exec(new SubOp(z, h, scratch));
        delta.muli(scratch.addi(1).muli(s));
    }

    /** The bias row's host memory (a view into the flat parameter vector, so its own offset applies). */
    private static ByteBuffer hostBias(INDArray b) {
        ByteBuffer all = b.data().asNio().order(ByteOrder.nativeOrder());
        int off = (int) b.offset() * 4;
        ByteBuffer view = all.duplicate().order(ByteOrder.nativeOrder());
        view.position(off);
        return view.slice().order(ByteOrder.nativeOrder());
    }
}
