package org.flowmatch4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The collection policy: after every slow execution; after a fast one only when the resident set has grown. */
class NativeMemoryTest {
    @Test
    void collectsAfterSlowExecutionsOnly() {
        NativeMemory.afterExecution(0);                               // sets the low-water mark
        long before = NativeMemory.collections();
        NativeMemory.afterExecution(NativeMemory.SLOW_NANOS + 1);
        assertEquals(before + 1, NativeMemory.collections(), "a slow execution is followed by a collection");
        NativeMemory.afterExecution(1_000_000);                       // fast, and the resident set has not grown 512 MB
        assertEquals(before + 1, NativeMemory.collections(), "a fast execution without growth is not");
    }
}
