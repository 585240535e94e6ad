package org.flowmatch4j.cli.crystal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.io.CifReader;
import org.flowmatch4j.molecules.io.CifWriter;
import org.flowmatch4j.molecules.io.CrystalCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crystal commands end to end at toy size, and their answers to bad input. */
class CrystalCommandTest {
    static final Path PEROV = Path.of("../data/crystals/perov5");

    @Test
    void trainSampleEvalOnPerovskites(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String[] t = SphereCommandTest.run("crystal", "train", "--data", PEROV.toString(), "--out", run.toString(), "--steps", "10",
                "--batch", "8", "--hidden", "16", "--layers", "1");
        assertEquals("0", t[0], t[1]);
        assertTrue(Files.exists(run.resolve("model")));
        String[] again = SphereCommandTest.run("crystal", "train", "--data", PEROV.toString(), "--out", run.toString(), "--steps", "10");
        assertEquals("2", again[0], "a model is never overwritten unasked");
        Path samples = dir.resolve("samples");
        String[] s = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--reference", PEROV.toString(), "--limit", "6",
                "--steps", "4", "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        List<String> summary = Files.readAllLines(samples.resolve("summary.csv"));
        assertEquals(7, summary.size());
        List<Crystal> refs = CrystalCsv.crystals(PEROV.resolve("test.csv"));
        for (int i = 0; i < 6; i++) {
            Crystal c = CifReader.readOne(samples.resolve("cif").resolve("%04d.cif".formatted(i)));
            assertEquals(refs.get(i).counts(), c.counts(), "sample " + i + " has its reference's composition");
            assertTrue(summary.get(i + 1).contains(refs.get(i).name()));
        }
        String[] e = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString());
        assertEquals("0", e[0], e[1]);
        assertTrue(e[1].contains("6 predictions: match rate"), e[1]);
        Path comps = dir.resolve("comps.txt");
        Files.writeString(comps, "# two perovskites\nSrTiO3\nBa1 Zr1 O3\n");
        String[] c = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--compositions", comps.toString(), "--steps", "3",
                "--out", dir.resolve("c").toString());
        assertEquals("0", c[0], c[1]);
        assertEquals("SrTiO3", CifReader.readOne(dir.resolve("c/cif/0000.cif")).reducedFormula());
        Files.writeString(comps, "SrTiO3\nSrQq3\n");
        String[] bad = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--compositions", comps.toString(),
                "--out", dir.resolve("d").toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[1].contains("line 2") && bad[1].contains("'Qq' is not an element"), bad[1]);
        assertFalse(Files.exists(dir.resolve("d/summary.csv")), "no partial output");
        Files.writeString(comps, "Na20Cl20\n");
        String[] big = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--compositions", comps.toString(),
                "--out", dir.resolve("e").toString());
        assertEquals("2", big[0]);
        assertTrue(big[1].contains("40 atoms; the model takes at most 5"), big[1]);
    }

    @Test
    void deNovoTrainSampleEval(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String[] t = SphereCommandTest.run("crystal", "train", "--task", "dng", "--data", PEROV.toString(), "--out", run.toString(),
                "--steps", "5", "--batch", "8", "--hidden", "16", "--layers", "1");
        assertEquals("0", t[0], t[1]);
        Path samples = dir.resolve("samples");
        String[] wrong = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--reference", PEROV.toString(), "--out", samples.toString());
        assertEquals("2", wrong[0]);
        assertTrue(wrong[1].contains("de-novo (dng) model: use --num"), wrong[1]);
        String[] s = SphereCommandTest.run("crystal", "sample", "--model", run.toString(), "--num", "6", "--steps", "4", "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        assertTrue(s[1].contains("anneal s = 10)"), "a model that records no slope samples with FlowMM's s = 10: " + s[1]);
        assertEquals(7, Files.readAllLines(samples.resolve("summary.csv")).size());
        for (int i = 0; i < 6; i++) assertEquals(5, CifReader.readOne(samples.resolve("cif").resolve("%04d.cif".formatted(i))).size(), "perov-5 cells have 5 atoms");
        String[] e = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString(), "--train", PEROV.toString());
        assertEquals("0", e[0], e[1]);
        assertTrue(e[1].contains("6 generated crystals: valid") && e[1].contains("W1 density") && e[1].contains("novel"), e[1]);
        assertTrue(e[1].contains("coverage (cutoffs structure 0.20, composition 4.0): COV-R"), "perov5 cutoffs from the reference path: " + e[1]);
        String[] mp = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString(), "--train",
                PEROV.toString(), "--coverage", "0.4,10");
        assertTrue(mp[1].contains("coverage (cutoffs structure 0.40, composition 10.0)"), mp[1]);
        String[] off = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString(), "--train",
                PEROV.toString(), "--coverage", "off");
        assertFalse(off[1].contains("COV-R"), off[1]);
        String[] bad = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString(), "--train",
                PEROV.toString(), "--coverage", "tight");
        assertEquals("2", bad[0]);
        assertTrue(bad[1].contains("--coverage: coverage cutoffs 'tight'"), bad[1]);
    }

    /** The shipped de-novo model generates perovskites: 80 % of 10 000 are valid (README); 100 here, ≥ 60 %. */
    @Test
    void shippedDeNovoModelGeneratesValidCrystals(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("s");
        String[] s = SphereCommandTest.run("crystal", "sample", "--model", "../models/crystal-perov5-dng", "--num", "100", "--seed", "2",
                "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        assertTrue(s[1].contains("anneal s = 7)"), "the slope the model records: " + s[1]);
        String[] other = SphereCommandTest.run("crystal", "sample", "--model", "../models/crystal-perov5-dng", "--num", "2", "--anneal", "3",
                "--out", dir.resolve("o").toString());
        assertTrue(other[1].contains("anneal s = 3)"), "--anneal overrides it: " + other[1]);
        String[] e = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString(), "--train", PEROV.toString());
        assertEquals("0", e[0], e[1]);
        assertTrue(Double.parseDouble(e[1].replaceAll("(?s).*generated crystals: valid ([0-9.]+) %.*", "$1")) >= 60, e[1]);
    }

    /** The shipped perov-5 model loads and predicts: 48.7 % of the 300 test rows match at these settings (README). */
    @Test
    void shippedModelPredictsPerovskites(@TempDir Path dir) throws Exception {
        Path samples = dir.resolve("s");
        String[] s = SphereCommandTest.run("crystal", "sample", "--model", "../models/crystal-perov5", "--reference", PEROV.toString(),
                "--limit", "40", "--steps", "100", "--anneal", "10", "--seed", "2", "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        String[] e = SphereCommandTest.run("crystal", "eval", "--samples", samples.toString(), "--reference", PEROV.toString());
        assertEquals("0", e[0], e[1]);
        double rate = Double.parseDouble(e[1].replaceAll("(?s).*match rate ([0-9.]+) %.*", "$1"));
        assertTrue(rate >= 30, e[1]);
    }

    @Test
    void matchWritesOneRowPerPair(@TempDir Path dir) throws Exception {
        Crystal nacl = CifReader.readOne(Path.of("../molecules/src/test/resources/cif/NaCl.cif"));
        CifWriter.write(dir.resolve("a.cif"), nacl);
        CifWriter.write(dir.resolve("b.cif"), nacl.withLattice(nacl.lattice().scaled(1.1)));
        CifWriter.write(dir.resolve("c.cif"), CifReader.readOne(Path.of("../molecules/src/test/resources/cif/rutile-TiO2.cif")));
        Files.writeString(dir.resolve("pairs.csv"), "a,b\na.cif,b.cif\na.cif,c.cif\n");
        String[] r = SphereCommandTest.run("crystal", "match", "--pairs", dir.resolve("pairs.csv").toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("a.cif,b.cif,true,0.000000") && r[1].contains("a.cif,c.cif,false,"), r[1]);
        Files.writeString(dir.resolve("pairs.csv"), "a,b\na.cif,missing.cif\n");
        String[] bad = SphereCommandTest.run("crystal", "match", "--pairs", dir.resolve("pairs.csv").toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[1].contains("missing.cif"), bad[1]);
    }
}
