package org.flowmatch4j.core;

import org.nd4j.linalg.factory.Nd4j;

/** Library-wide facts: version and the ND4J backend in use. */
public final class FlowMatch4j {
    /** The library version. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private FlowMatch4j() {}

    /** The ND4J backend class name, e.g. {@code CpuBackend}. */
    public static String backendName() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }
}
