package org.flowmatch4j.cli.molecule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.flowmatch4j.molecules.molio.MoleculeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The molecule commands end to end at toy size, and their answers to bad input. */
class MoleculeCommandTest {
    static final Path MOSES = Path.of("../data/molecules/moses_train5k.smi");

    @Test
    void trainSampleEval(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.smi");
        Files.write(data, Files.readAllLines(MOSES).subList(0, 40));
        Path run = dir.resolve("run");
        String[] t = SphereCommandTest.run("molecule", "train", "--data", data.toString(), "--out", run.toString(), "--steps", "5",
                "--batch", "4", "--hidden", "16", "--pair-hidden", "8", "--layers", "1");
        assertEquals("0", t[0], t[1]);
        String[] again = SphereCommandTest.run("molecule", "train", "--data", data.toString(), "--out", run.toString());
        assertEquals("2", again[0], "a model is never overwritten unasked");
        Path out = dir.resolve("samples");
        String[] s = SphereCommandTest.run("molecule", "sample", "--model", run.toString(), "--num", "8", "--steps", "3",
                "--reference", data.toString(), "--out", out.toString());
        assertEquals("0", s[0], s[1]);
        assertTrue(s[1].contains("raw samples: 8 samples, validity") && s[1].contains("after valence correction"), s[1]);
        List<String> smi = Files.readAllLines(out.resolve("samples.smi"));
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(8, smi.size());
        assertEquals(9, summary.size());
        long valid = summary.stream().skip(1).filter(l -> l.split(",")[3].equals("true")).count();
        assertEquals(valid, MoleculeFiles.read(out.resolve("molecules.sdf")).size(), "the SDF holds the valid samples");
        String[] e = SphereCommandTest.run("molecule", "eval", "--samples", out.toString(), "--reference", data.toString());
        assertEquals("0", e[0], e[1]);
        String rawLine = s[1].lines().filter(l -> l.startsWith("raw samples")).findFirst().orElseThrow();
        assertTrue(e[1].contains(rawLine.substring(rawLine.indexOf("8 samples"))), "eval of samples.smi reproduces sample's numbers:\n" + s[1] + "\n" + e[1]);
    }

    /** The shipped MOSES model loads and generates: 65.6 % of 1000 samples are valid (README); 64 here, ≥ 40 %. */
    @Test
    void shippedModelGeneratesMolecules(@TempDir Path dir) throws Exception {
        String[] s = SphereCommandTest.run("molecule", "sample", "--model", "../models/molecule-moses", "--num", "64", "--seed", "3",
                "--out", dir.resolve("s").toString());
        assertEquals("0", s[0], s[1]);
        double validity = Double.parseDouble(s[1].replaceAll("(?s).*raw samples: 64 samples, validity ([0-9.]+) %.*", "$1"));
        assertTrue(validity >= 40, s[1]);
    }

    @Test
    void badMoleculesAreNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("bad.smi"), "CCO\nCC(=O\n");
        String[] t = SphereCommandTest.run("molecule", "train", "--data", data.toString(), "--out", dir.resolve("run").toString(), "--steps", "2");
        assertEquals("2", t[0]);
        assertTrue(t[1].contains(data + ":2: cannot parse SMILES 'CC(=O'"), t[1]);
        assertFalse(Files.exists(dir.resolve("run")), "no partial output");
        String[] m = SphereCommandTest.run("molecule", "sample", "--model", dir.toString(), "--out", dir.resolve("s").toString());
        assertEquals("2", m[0]);
        assertFalse(Files.exists(dir.resolve("s")));
    }
}
