package org.flowmatch4j.molecules.fingerprint;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MagpieFingerprintTest {

    @Test
    void agreesWithMatminerOnAllReferenceCrystals() throws Exception {
        for (var e : MatminerReference.load().entrySet()) {
            double[] mine = MagpieFingerprint.of(e.getValue().crystal()), theirs = e.getValue().composition();
            assertEquals(132, mine.length);
            for (int k = 0; k < 132; k++)
                assertEquals(theirs[k], mine[k], 1e-8 * Math.max(1, Math.abs(theirs[k])), e.getKey() + " " + MagpieFingerprint.LABELS.get(k));
        }
    }

    /** Fe₂O₃ by hand: atomic numbers 26 and 8 with amounts 2 and 3. */
    @Test
    void statisticsByHand() {
        double[] f = MagpieFingerprint.of(Map.of(26, 2, 8, 3));
        int n = MagpieFingerprint.LABELS.indexOf("MagpieData minimum Number");
        assertEquals(8, f[n]);
        assertEquals(26, f[n + 1]);
        assertEquals(18, f[n + 2]);
        assertEquals((2 * 26 + 3 * 8) / 5.0, f[n + 3], 1e-12);
        double mean = 15.2;
        assertEquals((2 * Math.abs(26 - mean) + 3 * Math.abs(8 - mean)) / 5, f[n + 4], 1e-12);
        assertEquals(8, f[n + 5], "mode: the most abundant element");
        assertEquals(8, MagpieFingerprint.of(Map.of(26, 1, 8, 1))[n + 5], "ties: the smallest value");
    }

    @Test
    void standardizationUsesCdvaeScaler() {
        double[] x = new double[132];
        double[] z = MagpieFingerprint.standardized(x);
        assertEquals(-21.194441759304013 / 16.35781741152948, z[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MagpieFingerprint.standardized(new double[3]));
    }
}
