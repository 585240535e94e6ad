package org.flowmatch4j.molecules.model;

/**
 * Host-side sinusoidal time features shared by the crystal and molecule networks: for k = 0…T/2 − 1,
 * sin(t·ω_k) and cos(t·ω_k) with ω_k = 100·1000^(−2k/T) (t ∈ [0, 1]).
 */
final class TimeFeatures {
    private TimeFeatures() {}

    static void write(float[] dst, int offset, int width, double t) {
        for (int k = 0; k < width / 2; k++) {
            double freq = Math.pow(1000, -2.0 * k / width) * 100;
            dst[offset + k] = (float) Math.sin(t * freq);
            dst[offset + width / 2 + k] = (float) Math.cos(t * freq);
        }
    }
}
