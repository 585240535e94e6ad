package org.flowmatch4j.core.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Access to the host memory of float arrays for SIMD loops on the JDK Vector API. SIMD is used only when the JVM
 * has the {@code jdk.incubator.vector} module (the ./flowmatch launcher and the tests add it), the backend keeps
 * arrays in host memory (CPU), and {@code -Dflowmatch.simd=false} is not set.
 */
public final class HostFloats {
    private static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("flowmatch.simd"));

    private HostFloats() {}

    /** Whether SIMD kernels may run at all in this JVM. */
    public static boolean simd() { return SIMD; }

    /** Whether every array is a float, c-ordered, non-view array in host memory, so SIMD kernels may touch it. */
    public static boolean accessible(INDArray... arrays) {
        if (!SIMD || !Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend")) return false;
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView() || a.data().isConstant()) return false;
        }
        return true;
    }

    /** A native-order byte view of the array's elements, starting at its first element. */
    public static ByteBuffer bytes(INDArray a) {
        ByteBuffer all = a.data().asNio().order(ByteOrder.nativeOrder());
        if (a.offset() == 0) return all;
        ByteBuffer v = all.duplicate();
        v.position((int) a.offset() * 4);
        return v.slice().order(ByteOrder.nativeOrder());
    }
}
