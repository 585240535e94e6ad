package org.flowmatch4j.modules;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C ← op(A)·op(B) (op = identity or transpose) for float matrices in host memory, handed straight to OpenBLAS's
 * {@code cblas_sgemm}, the library ND4J's CPU backend itself multiplies with.
 *
 * <p>Why: {@code Nd4j.gemm} builds an {@code Mmul} custom op (op object, context, shape checks) on every call, about
 * 20–40 µs before any arithmetic; a [256, 4]·[4, 256] product then takes 45 µs instead of 4 µs, and the eleven
 * products of a batch-256 MLP train step pay ~0.3 ms of such overhead (docs/performance.md). The direct call is a
 * single JNI crossing. It is taken for products of at most {@link #DIRECT_MAX_VOLUME} multiply-adds when the
 * backend is ND4J's CPU backend, OpenBLAS's JavaCPP binding is on the class path, and every matrix is a float,
 * row-major array with unit column stride (views of rows or of a flat parameter vector qualify); otherwise
 * {@code Nd4j.gemm} runs. The binding is looked up reflectively so this module
 * depends on ND4J's API only.
 */
final class HostGemm {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
    private static final MethodHandle SGEMM = lookup();
    /**
     * Largest m·n·k sent directly. Above it the op overhead is negligible and ND4J's own route was measured 5 %
     * faster for [4096, 257]·[257, 256] (and 100-step sampling at N = 4096 slower through the direct call).
     */
    static final long DIRECT_MAX_VOLUME = 1L << 25;

    private HostGemm() {}

    private static MethodHandle lookup() {
        if ("false".equals(System.getProperty("flowmatch.directBlas"))) return null;
        try {
            if (!Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend")) return null;
            Class<?> blas = Class.forName("org.bytedeco.openblas.global.openblas");
            return MethodHandles.publicLookup().findStatic(blas, "cblas_sgemm", MethodType.methodType(void.class,
                    int.class, int.class, int.class, int.class, int.class, int.class, float.class, FloatPointer.class,
                    int.class, FloatPointer.class, int.class, float.class, FloatPointer.class, int.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * Whether OpenBLAS runs its AVX-512 SGEMM kernels: OpenBLAS 0.3.19 does not report its choice, so this reads
     * {@code OPENBLAS_CORETYPE}, which the ./flowmatch launcher sets to SKYLAKEX on AVX-512 CPUs unless the user chose
     * one. With the AVX2 (Haswell) kernels a [256, 257]·[257, 256] product takes twice as long on a Zen 5 core as with
     * the AVX-512 ones, slower than ND4J's own route for the whole batch (docs/performance.md).
     */
    static boolean wideKernels() { return SGEMM != null && wideKernels(System.getenv("OPENBLAS_CORETYPE")); }

    /** Whether an {@code OPENBLAS_CORETYPE} value names an AVX-512 SGEMM kernel set. */
    static boolean wideKernels(String coreType) {
        return coreType != null && coreType.toLowerCase(java.util.Locale.ROOT)
                .matches("skylakex|cooperlake|sapphirerapids");
    }

    /** Whether products run through cblas_sgemm directly in this JVM. */
    static boolean direct() { return SGEMM != null; }

    /**
     * c ← op(a)·op(b) (β = 0). a: [m, k] (or [k, m] when {@code ta}), b: [k, n] (or [n, k] when {@code tb}),
     * c: [m, n]; shapes are the caller's contract (as for {@code Nd4j.gemm}).
     */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, boolean allowDirect) {
        gemm(a, b, c, ta, tb, allowDirect ? DIRECT_MAX_VOLUME : -1);
    }

    /**
     * c ← a·b through the direct call at any size where it is available: for the row blocks of
     * {@link BlockedInference}, whose outputs are views that {@code Nd4j.gemm} does not write into.
     */
    static void gemmAnySize(INDArray a, INDArray b, INDArray c) { gemm(a, b, c, false, false, Long.MAX_VALUE); }

    private static void gemm(INDArray a, INDArray b, INDArray c, boolean ta, boolean tb, long maxDirectVolume) {
        int m = (int) c.size(0), n = (int) c.size(1), k = (int) (ta ? a.size(0) : a.size(1));
        if (SGEMM == null || (long) m * n * k > maxDirectVolume || !rowMajor(a) || !rowMajor(b)
                || !rowMajor(c)) {
            Nd4j.gemm(a, b, c, ta, tb, 1.0, 0.0);
            return;
        }
        try {
            SGEMM.invokeExact(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, 1f, pointer(a),
                    (int) a.stride(0), pointer(b), (int) b.stride(0), 0f, pointer(c), (int) c.stride(0));
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    private static boolean rowMajor(INDArray x) {
        return x.dataType() == DataType.FLOAT && x.rank() == 2 && x.stride(1) == 1
                && x.stride(0) >= Math.max(1, x.size(1)) && !x.data().isConstant() && x.offset() == x.data().offset();
    }

    /** The address of x's first element (a buffer of a view already points at the view's offset). */
    private static FloatPointer pointer(INDArray x) {
        Pointer p = x.data().addressPointer();
        return p instanceof FloatPointer f ? f : new FloatPointer(p);
    }
}
