package org.flowmatch4j.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.metrics.KmerClassifier;
import org.junit.jupiter.api.Test;

/**
 * The judge separates classes that differ in composition (A-rich vs G-rich DNA), classes with the same uniform base
 * composition that differ only in dinucleotides (Markov chains that repeat the last base with probability 0.1 or 0.9,
 * which only the 2-mer features see), and stays at chance on labels that carry no signal.
 */
class KmerClassifierTest {
    @Test
    void separatesCompositionAndDinucleotideClassesAndNotNoise() {
        Rng rng = new Rng(1);
        List<String> train = new ArrayList<>(), test = new ArrayList<>();
        int[] yTrain = new int[400], yTest = new int[400], noise = new int[400];
        for (int i = 0; i < 800; i++) {
            int y = i % 2;
            String s = y == 0 ? biased(rng, 'A') : biased(rng, 'G');
            if (i < 400) { train.add(s); yTrain[i] = y; } else { test.add(s); yTest[i - 400] = y; }
        }
        KmerClassifier c = KmerClassifier.fit(train, yTrain, 2, Alphabet.DNA, 0.03, 300);
        assertTrue(c.accuracy(test, yTest) > 0.95, "composition: " + c.accuracy(test, yTest));

        List<String> cg = new ArrayList<>();
        int[] yCg = new int[800];
        for (int i = 0; i < 800; i++) {
            yCg[i] = i % 2;
            cg.add(markov(rng, yCg[i] == 0 ? 0.1 : 0.9));
        }
        KmerClassifier d = KmerClassifier.fit(cg.subList(0, 400), java.util.Arrays.copyOf(yCg, 400), 2, Alphabet.DNA, 0.03, 300);
        assertTrue(d.accuracy(cg.subList(400, 800), java.util.Arrays.copyOfRange(yCg, 400, 800)) > 0.95, "dinucleotides");

        for (int i = 0; i < 400; i++) noise[i] = rng.nextInt(2);
        KmerClassifier e = KmerClassifier.fit(train, noise, 2, Alphabet.DNA, 0.03, 300);
        int[] noiseTest = new int[400];
        for (int i = 0; i < 400; i++) noiseTest[i] = rng.nextInt(2);
        double acc = e.accuracy(test, noiseTest);
        assertEquals(0.5, acc, 0.1, "random labels: chance accuracy, got " + acc);   // 4 sd of a binomial(400, ½) share
    }

    private static String biased(Rng rng, char rich) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) sb.append(rng.uniform() < 0.4 ? rich : "ACGT".charAt(rng.nextInt(4)));
        return sb.toString();
    }

    /** 60 bases; each repeats the previous one with probability {@code stay}, else is one of the other three. */
    private static String markov(Rng rng, double stay) {
        StringBuilder sb = new StringBuilder().append("ACGT".charAt(rng.nextInt(4)));
        for (int i = 1; i < 60; i++) {
            char last = sb.charAt(i - 1);
            if (rng.uniform() < stay) sb.append(last);
            else sb.append("ACGT".replace(String.valueOf(last), "").charAt(rng.nextInt(3)));
        }
        return sb.toString();
    }
}
