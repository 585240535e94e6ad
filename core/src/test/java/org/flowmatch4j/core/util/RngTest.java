package org.flowmatch4j.core.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    /**
     * Seed 0's 16 484 197th double rounds to 1f; the float uniforms must still lie in [0, 1) (a t of exactly 1 made
     * geodesic paths reject the batch in the middle of a 30 000-step run).
     */
    @Test
    void floatUniformsStayBelowOne() {
        Rng rng = new Rng(0);
        int chunk = 1 << 20;
        float max = 0;
        for (int drawn = 0; drawn < 16_484_197 + chunk; drawn += chunk) {
            float[] v = rng.uniform(chunk).toFloatVector();
            for (float x : v) max = Math.max(max, x);
        }
        assertTrue(max < 1f, "max " + max);
    }
}
