package org.flowmatch4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.fingerprint.MagpieFingerprint;
import org.flowmatch4j.molecules.fingerprint.SiteFingerprint;
import org.flowmatch4j.molecules.io.CrystalCsv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The coverage fingerprints of the 130 crystals that {@code benchmarks/crystal/matminer_fingerprint_time.py} times with
 * matminer (the first 40 perov-5, 60 MP-20 and 30 carbon-24 rows of data/crystals/&lt;set&gt;/test.csv), one thread:
 * the mean CrystalNN order-parameter fingerprint and the Magpie fingerprint of each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FingerprintBenchmark {
    private final List<Crystal> crystals = new ArrayList<>();

    @Setup
    public void setUp() throws IOException {
        crystals.addAll(CrystalCsv.crystals(Path.of("data/crystals/perov5/test.csv")).subList(0, 40));
        crystals.addAll(CrystalCsv.crystals(Path.of("data/crystals/mp20/test.csv")).subList(0, 60));
        crystals.addAll(CrystalCsv.crystals(Path.of("data/crystals/carbon24/test.csv")).subList(0, 30));
    }

    /** All 130 crystals, both fingerprints. */
    @Benchmark
    public double fingerprints130() {
        double s = 0;
        for (Crystal c : crystals) s += SiteFingerprint.mean(c)[0] + MagpieFingerprint.of(c)[0];
        return s;
    }
}
