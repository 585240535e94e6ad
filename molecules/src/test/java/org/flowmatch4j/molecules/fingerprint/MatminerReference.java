package org.flowmatch4j.molecules.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CrystalCsv;

/**
 * matminer's fingerprints (test resource) of 130 test-split crystals and 103 edge cases (three perov-5 crystals whose
 * Voronoi cells have degenerate facets, 100 generated perov-5 samples), with the crystals themselves.
 */
public final class MatminerReference {
    private MatminerReference() {}

    public record Row(Crystal crystal, double[] structure, double[] composition) {}

    /** By material id, in file order: 40 perov-5, 60 MP-20, 30 carbon-24, then the 103 edge cases. */
    public static Map<String, Row> load() throws IOException {
        Map<String, Crystal> crystals = new HashMap<>();
        for (String d : List.of("perov5", "mp20", "carbon24"))
            for (Crystal c : CrystalCsv.crystals(Path.of("../data/crystals/" + d + "/test.csv"))) crystals.put(c.name(), c);
        try {
            for (Crystal c : CrystalCsv.crystals(Path.of(MatminerReference.class.getResource("edge-crystals.csv").toURI()))) crystals.put(c.name(), c);
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Map<String, Row> out = new LinkedHashMap<>();
        try (InputStream in = MatminerReference.class.getResourceAsStream("matminer-fingerprints.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(",");
                out.put(f[0], new Row(crystals.get(f[0]), numbers(f[1]), numbers(f[2])));
            }
        }
        return out;
    }

    private static double[] numbers(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
