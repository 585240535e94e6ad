package org.flowmatch4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradient-explosion detection: spikes against the running median, reported with their numbers, rate-limited. */
class GradientWatchTest {
    @Test
    void spikesAboveTheFactorTimesTheMedianAreReportedOncePerWindow() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        GradientWatch w = new GradientWatch(new PrintStream(buf, true, StandardCharsets.UTF_8), 100, 20);
        SplittableRandom r = new SplittableRandom(3);
        // noisy but healthy norms around 1 (log-normal, sigma 0.5): never 20x the median
        for (int s = 1; s <= 500; s++) assertNull(w.observe(s, Math.exp(0.5 * r.nextGaussian())), "step " + s);
        assertEquals(0, w.spikes());
        String report = w.observe(501, 40.0);
        assertNotNull(report);
        assertTrue(report.startsWith("warning: gradient norm 40.0 at step 501 is "), report);
        assertTrue(report.contains("the median of the last 100 steps"), report);
        // two more spikes: both counted, only the one a window after the last report printed
        for (int s = 502; s <= 650; s++) w.observe(s, s == 560 || s == 610 ? 50.0 : Math.exp(0.5 * r.nextGaussian()));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, printed.lines().count(), printed);   // steps 501 and 610
        assertTrue(printed.lines().skip(1).findFirst().orElseThrow().contains("at step 610 "), printed);
        assertEquals(3, w.spikes());
    }

    @Test
    void quietUntilAQuarterWindowIsKnown() {
        GradientWatch w = new GradientWatch(new PrintStream(new ByteArrayOutputStream()), 40, 10);
        for (int s = 1; s <= 9; s++) w.observe(s, 1.0);
        assertNull(w.observe(10, 1e6), "9 norms < 40/4: no median yet");
        assertNotNull(w.observe(11, 1e9));
        assertNull(w.observe(12, Double.NaN), "NaN is NonFiniteException's business");
        assertThrows(IllegalArgumentException.class, () -> new GradientWatch(System.err, 2, 10));
    }
}
