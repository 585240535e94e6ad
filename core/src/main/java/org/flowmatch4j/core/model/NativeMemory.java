package org.flowmatch4j.core.model;

import org.bytedeco.javacpp.Pointer;

/**
 * Prompt release of the native buffers a SameDiff execution leaves behind. SameDiff's intermediates are freed only when
 * the garbage collector finalises their small Java objects, which with a little Java allocation can take many steps;
 * meanwhile every step allocates and zero-fills fresh native memory. On the project's VM a 3-block convolutional
 * denoiser step took 5–8 s, of which the ops were 0.8 s and the rest first-touch page faults (5.1 million in 12
 * steps); with a collection after each step it took 0.6–1.0 s (docs/performance.md).
 *
 * <p>{@link #afterExecution(long)} asks for a collection after every execution that took longer than
 * {@link #SLOW_NANOS} (a collection costs tens of milliseconds, and the buffers it releases are free for the next
 * step only if it runs every step: triggered by growth alone, every other step of that denoiser still took 5–6 s),
 * and after faster ones when the process's resident set (JavaCPP's {@code Pointer.physicalBytes()}, from /proc; ND4J's
 * CPU buffers are not in JavaCPP's own byte count) has grown by more than {@link #THRESHOLD} above its lowest level
 * since the last collection.
 */
public final class NativeMemory {
    /** Executions slower than this are followed by a collection. */
    public static final long SLOW_NANOS = 250_000_000L;
    /** Growth of the resident set (bytes) that triggers a collection. */
    public static final long THRESHOLD = 512L << 20;
    private static long low = Long.MAX_VALUE;
    private static long collections;

    private NativeMemory() {}

    /**
     * Call after a graph execution (a training step, a batch of predictions).
     *
     * @param elapsedNanos how long the execution took
     */
    public static synchronized void afterExecution(long elapsedNanos) {
        long now = Pointer.physicalBytes();
        low = Math.min(low, now);
        if (elapsedNanos > SLOW_NANOS || now - low > THRESHOLD) {
            System.gc();
            collections++;
            low = Pointer.physicalBytes();
        }
    }

    /** Collections requested so far in this JVM. */
    public static synchronized long collections() { return collections; }
}
