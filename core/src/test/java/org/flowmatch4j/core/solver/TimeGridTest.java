package org.flowmatch4j.core.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeGridTest {
    @Test
    void uniformGridHitsBothEnds() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, TimeGrid.uniform(0, 1, 4).points(), 1e-15);
        assertArrayEquals(new double[] {1, 0.5, 0}, TimeGrid.uniform(1, 0, 2).points(), 1e-15);
    }

    @Test
    void nonMonotoneGridsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeGrid(new double[] {0, 0.5, 0.4, 1}));
        assertEquals("time grid must be strictly monotone, broken at index 2 (0.4 after 0.5)", e.getMessage());
    }
}
