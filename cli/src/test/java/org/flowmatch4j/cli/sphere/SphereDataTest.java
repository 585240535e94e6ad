package org.flowmatch4j.cli.sphere;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.cli.density.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SphereDataTest {
    @TempDir Path dir;

    @Test
    void readsTheEarthFilesOntoTheUnitSphere() throws Exception {
        PointSet d = EarthData.read(Path.of("../data/sphere/volcano.csv"));
        assertEquals(827, d.size());
        double maxErr = 0;
        for (double[] p : d.points().toDoubleMatrix()) maxErr = Math.max(maxErr, Math.abs(Math.hypot(Math.hypot(p[0], p[1]), p[2]) - 1));
        assertTrue(maxErr < 1e-12);
        double[][] lonLat = EarthData.toLonLat(d.points().getRow(0, true));
        assertEquals(-30.2, lonLat[0][1], 1e-9);      // first row: -30.2,-178.47
        assertEquals(-178.47, lonLat[0][0], 1e-9);
    }

    @Test
    void badFilesNameTheLineAndWhatWasExpected() throws Exception {
        Path header = dir.resolve("h.csv"), number = dir.resolve("n.csv"), range = dir.resolve("r.csv");
        Files.writeString(header, "lat;lon\n1,2\n");
        Files.writeString(number, "latitude,longitude\n1,2\n3,abc\n");
        Files.writeString(range, "latitude,longitude\n1,2\n95,2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EarthData.read(header)).getMessage().contains("h.csv:1: expected the header"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EarthData.read(number)).getMessage()
                .contains("n.csv:3: longitude is not a number: 'abc'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EarthData.read(range)).getMessage()
                .contains("r.csv:3: latitude must be in [-90.0, 90.0], got 95.0"));
    }

    @Test
    void splitIsASeededPartitionEightyTenTen() {
        Split s = Split.of(827, 3);
        assertEquals(83, s.val().length);
        assertEquals(83, s.test().length);
        assertEquals(661, s.train().length);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.val())), Arrays.stream(s.test()))
                .sorted().toArray();
        assertArrayEquals(IntStream.range(0, 827).toArray(), all);
        assertArrayEquals(s.test(), Split.of(827, 3).test());
        assertFalse(Arrays.equals(s.test(), Split.of(827, 4).test()));
    }
}
