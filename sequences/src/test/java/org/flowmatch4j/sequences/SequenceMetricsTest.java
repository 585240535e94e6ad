package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flowmatch4j.sequences.metrics.KmerSpectrum;
import org.flowmatch4j.sequences.metrics.SequenceSetMetrics;
import org.junit.jupiter.api.Test;

/** k-mer JS divergence, uniqueness, edit distance and novelty against hand-computed values. */
class SequenceMetricsTest {
    @Test
    void jensenShannonOfSpectra() {
        assertEquals(0, KmerSpectrum.jensenShannon(List.of("ACGTAC"), List.of("ACGTAC"), 2), 1e-12);
        assertEquals(Math.log(2), KmerSpectrum.jensenShannon(List.of("AAAA"), List.of("CCCC"), 1), 1e-12);
        // P = {A: 1}, Q = {A: ½, C: ½}: M = {A: ¾, C: ¼}; JS = ½ ln(4/3) + ½ (½ ln(2/3) + ½ ln 2)
        double expected = 0.5 * Math.log(4.0 / 3) + 0.5 * (0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2));
        assertEquals(expected, KmerSpectrum.jensenShannon(List.of("AA"), List.of("AC"), 1), 1e-12);
        assertEquals(2.0 / 3, KmerSpectrum.of(List.of("AAAC"), 2).get("AA"), 1e-12);
    }

    @Test
    void uniquenessEditDistanceAndNovelty() {
        assertEquals(0.75, SequenceSetMetrics.uniqueness(List.of("A", "B", "C", "A")), 1e-12);
        assertEquals(3, SequenceSetMetrics.editDistance("KITTEN", "SITTING", 100));
        assertEquals(2, SequenceSetMetrics.editDistance("KITTEN", "SITTING", 2), "stops at the bound");
        var n = SequenceSetMetrics.novelty(List.of("ACGT", "ACGA", "TTTT"), List.of("ACGT", "CCCC"));
        assertEquals(1.0 / 3, n.copiedFraction(), 1e-12);
        assertEquals((0 + 1 + 3) / 3.0, n.meanMinDistance(), 1e-12);            // TTTT is 3 edits from ACGT
        assertEquals(0, SequenceSetMetrics.positionalJensenShannon(List.of("AC", "CA"), List.of("CA", "AC")), 1e-12);
    }
}
