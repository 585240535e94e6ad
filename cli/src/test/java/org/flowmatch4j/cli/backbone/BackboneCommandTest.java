package org.flowmatch4j.cli.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneCommandTest {
    static final Path DATA = Path.of("../data/proteins");

    @Test
    void tmscorePrintsBothNormalisations() {
        String[] r = SphereCommandTest.run("backbone", "tmscore", DATA.resolve("hs_1d9ca.pdb").toString(), DATA.resolve("hs_1fyha1.pdb").toString());
        assertEquals("0", r[0], r[1]);
        String[] line = r[1].lines().filter(l -> l.matches("[0-9. ]+")).findFirst().orElseThrow().split(" ");
        assertEquals(0.91956, Double.parseDouble(line[0]), 0.02);     // TM-align program: 0.91956 / 0.89215
        assertEquals(0.89215, Double.parseDouble(line[1]), 0.02);
        String[] bad = SphereCommandTest.run("backbone", "tmscore", DATA.resolve("missing.pdb").toString(), DATA.resolve("hs_1fyha1.pdb").toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[1].contains("missing.pdb"), bad[1]);
    }

    /** A sample identical to a reference structure has novelty 1; the rest of the table is filled and plotted. */
    @Test
    void evalWritesPerSampleMetricsSummaryAndPlots(@TempDir Path dir) throws Exception {
        Path samples = Files.createDirectories(dir.resolve("samples")), ref = Files.createDirectories(dir.resolve("ref"));
        for (String f : List.of("hs_1bmr.pdb", "hs_1e79h.pdb")) Files.copy(DATA.resolve(f), samples.resolve(f));
        for (String f : List.of("hs_1vna.pdb", "hs_1e79h.pdb", "scop_d1mbaa_.pdb")) Files.copy(DATA.resolve(f), ref.resolve(f));
        Path out = dir.resolve("eval");
        String[] r = SphereCommandTest.run("backbone", "eval", "--samples", samples.toString(), "--reference", ref.toString(),
                "--out", out.toString());
        assertEquals("0", r[0], r[1]);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        String[] e79 = csv.stream().filter(l -> l.startsWith("hs_1e79h")).findFirst().orElseThrow().split(",");
        assertEquals(1.0, Double.parseDouble(e79[11]), 1e-6, "novelty of a reference structure");
        assertEquals(1.0, Double.parseDouble(e79[4]), 1e-6, "a crystal structure's Cα–Cα are all below 3.9 Å");
        String[] bmr = csv.stream().filter(l -> l.startsWith("hs_1bmr")).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(bmr[11]) > 0.5, "scorpion toxin 1bmr vs its homologue 1vna: " + bmr[11]);
        for (String f : BackboneEvalCommand.OUTPUTS) assertTrue(Files.size(out.resolve(f)) > 0, f);
        assertTrue(SphereCommandTest.number(out.resolve("summary.json"), "diversity_mean_pairwise_tm") < 0.5);
        assertEquals("2", SphereCommandTest.run("backbone", "eval", "--samples", samples.toString(), "--reference", ref.toString(),
                "--out", out.toString())[0]);
    }

    @Test
    void datasetKeepsChainsInRangeAndReportsTheRest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("train.bin");
        String[] r = SphereCommandTest.run("backbone", "dataset", "--data", DATA.toString(), "--out", out.toString(),
                "--min-length", "100", "--max-length", "150");
        assertEquals("0", r[0], r[1]);
        var d = org.flowmatch4j.proteins.data.BackboneDataset.load(out);
        assertTrue(d.chains().size() >= 10, "kept " + d.chains().size());
        for (var b : d.chains()) assertTrue(b.length() >= 100 && b.length() <= 150);
        List<String> skipped = Files.readAllLines(dir.resolve("train.bin.skipped.txt"));
        assertEquals(53 - d.chains().size(), skipped.size(), String.join("\n", skipped));
        assertEquals("2", SphereCommandTest.run("backbone", "dataset", "--data", DATA.toString(), "--out", out.toString())[0]);

        Path split = dir.resolve("split.bin");
        String[] rs = SphereCommandTest.run("backbone", "dataset", "--data", DATA.toString(), "--out", split.toString(),
                "--min-length", "100", "--max-length", "150", "--split-breaks");
        assertEquals("0", rs[0], rs[1]);
        var segments = org.flowmatch4j.proteins.data.BackboneDataset.load(split).chains();
        assertTrue(segments.size() > d.chains().size(), segments.size() + " segments vs " + d.chains().size() + " chains");
        for (var b : segments) {
            assertTrue(b.length() >= 100 && b.length() <= 150);
            for (int i = 0; i + 1 < b.length(); i++) assertTrue(b.bonded(i), b.name() + " " + b.residueNumbers()[i]);
        }
        String[] refused = SphereCommandTest.run("backbone", "train", "--data", split.toString(), "--split-breaks",
                "--out", dir.resolve("run").toString(), "--steps", "1");
        assertEquals("2", refused[0]);
        assertTrue(refused[1].contains("--split-breaks needs a directory") && !Files.exists(dir.resolve("run/model")), refused[1]);
    }

    /** The pipeline end to end at toy size: a model is written, sampled at two lengths, and the PDBs read back. */
    @Test
    void trainThenSampleWritesReadablePdbsAndMetrics(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run"), out = dir.resolve("samples");
        String[] t = SphereCommandTest.run("backbone", "train", "--data", DATA.toString(), "--out", run.toString(), "--steps", "3",
                "--lengths", "16,20", "--tokens", "32");
        assertEquals("0", t[0], t[1]);
        assertTrue(Files.readAllLines(run.resolve("losses.csv")).size() == 4);
        var trained = org.flowmatch4j.core.train.Checkpoint.load(run.resolve("model")).metadata();
        assertTrue(trained.get("command").contains("--clash-weight 0.0 --aux-weight 1.0 --t-power 1.0"), trained.get("command"));
        for (String[] bad : List.of(new String[] {"--t-power", "0"}, new String[] {"--clash-weight", "-1"}, new String[] {"--aux-weight", "NaN"},
                new String[] {"--size", "huge"})) {
            Path refusedRun = dir.resolve("refused-run");
            String[] r = SphereCommandTest.run("backbone", "train", "--data", DATA.toString(), "--out", refusedRun.toString(), "--steps", "3",
                    "--lengths", "16", bad[0], bad[1]);
            assertEquals("2", r[0], String.join(" ", bad));
            assertTrue(r[1].contains(bad[0]) && !Files.exists(refusedRun), r[1]);
        }
        Path full = dir.resolve("full");                 // FrameFlow's blocks at small widths, warm-started from the plain run
        String[] ff = SphereCommandTest.run("backbone", "train", "--data", DATA.toString(), "--out", full.toString(), "--steps", "2",
                "--lengths", "16", "--tokens", "32", "--size", "small-ff", "--init", run.toString(), "--split-breaks");
        assertEquals("0", ff[0], ff[1]);
        var fullMeta = org.flowmatch4j.core.train.Checkpoint.load(full.resolve("model")).metadata();
        assertTrue(fullMeta.get("network").endsWith(":tfmr=2:edges"));
        assertTrue(fullMeta.get("command").endsWith(" --split-breaks")
                && Integer.parseInt(fullMeta.get("chains")) > Integer.parseInt(trained.get("chains")), fullMeta.toString());
        String[] s = SphereCommandTest.run("backbone", "sample", "--model", run.toString(), "--lengths", "12,20", "--num", "2",
                "--steps", "4", "--out", out.toString());
        assertEquals("0", s[0], s[1]);
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(5, csv.size());
        for (String row : csv.subList(1, 5)) {
            assertEquals("0", row.split(",")[4], "the steric projection leaves no strict clash: " + row);
            double[][] ca = org.flowmatch4j.proteins.io.StructureReader.read(out.resolve(row.split(",")[0])).get(0).ca();
            for (int i = 0; i + 1 < ca.length; i++) {          // from the PDB: the CSV skips pairs this untrained model leaves unbonded
                double d = org.flowmatch4j.proteins.geometry.Vec3.dist(ca[i], ca[i + 1]);
                assertEquals(3.8, d, 0.05 + 0.002, "the bond projection holds Cα " + i + "–" + (i + 1) + " of " + row);
            }
        }
        String[] badBonds = SphereCommandTest.run("backbone", "sample", "--model", run.toString(), "--lengths", "12", "--bonds", "tight",
                "--out", dir.resolve("refused-samples").toString());
        assertEquals("2", badBonds[0]);
        assertTrue(badBonds[1].contains("--bonds") && !Files.exists(dir.resolve("refused-samples")), badBonds[1]);
        String[] noSteric = SphereCommandTest.run("backbone", "sample", "--model", run.toString(), "--lengths", "12", "--steric", "-1",
                "--out", dir.resolve("refused-samples").toString());
        assertEquals("2", noSteric[0]);
        assertTrue(noSteric[1].contains("--steric") && !Files.exists(dir.resolve("refused-samples")), noSteric[1]);
        var b = org.flowmatch4j.proteins.io.StructureReader.read(out.resolve("len20_1.pdb")).get(0);
        assertEquals(20, b.length());
        assertEquals("2", SphereCommandTest.run("backbone", "train", "--data", DATA.toString(), "--out", run.toString(), "--steps", "3")[0]);

        Path reflowed = dir.resolve("reflow"), few = dir.resolve("few");
        String[] rf = SphereCommandTest.run("backbone", "reflow", "--model", run.toString(), "--out", reflowed.toString(), "--lengths", "12",
                "--pairs", "3", "--pair-steps", "3", "--steps", "2", "--tokens", "24");
        assertEquals("0", rf[0], rf[1]);
        var meta = org.flowmatch4j.core.train.Checkpoint.load(reflowed.resolve("model")).metadata();
        assertEquals("0", meta.get("rotation_rate"));
        assertEquals("quaternion", meta.get("rotations"));
        String[] fs = SphereCommandTest.run("backbone", "sample", "--model", reflowed.toString(), "--lengths", "12", "--num", "2",
                "--steps", "2", "--out", few.toString());
        assertEquals("0", fs[0], fs[1]);
        assertEquals(3, Files.readAllLines(few.resolve("metrics.csv")).size());

        Path scaffolds = dir.resolve("scaffolds"), motif = DATA.resolve("motifs/design25/1prw.pdb");
        String[] sc = SphereCommandTest.run("backbone", "scaffold", "--model", run.toString(), "--motif", motif.toString(),
                "--contig", "2-4/A16-25/3-5", "--num", "2", "--steps", "3", "--out", scaffolds.toString());
        assertEquals("0", sc[0], sc[1]);
        List<String> rows = Files.readAllLines(scaffolds.resolve("metrics.csv"));
        assertEquals(3, rows.size());
        for (String row : rows.subList(1, 3)) {
            String[] f = row.split(",");
            assertTrue(f[2].contains("A16-25"), row);
            assertEquals("replacement", f[3], row);
            assertTrue(Double.parseDouble(f[4]) < 0.01, "motif RMSD " + row);
            assertEquals("0", f[7], "the steric projection moves the scaffold off the fixed motif: " + row);
            assertEquals("0", f[10], "and leaves no strict clash: " + row);
            var chain = org.flowmatch4j.proteins.io.StructureReader.read(scaffolds.resolve(f[0])).get(0);
            assertEquals(Integer.parseInt(f[1]), chain.length());
            assertTrue(chain.sequence().contains("FSLFDKDGDG"), chain.sequence());      // 1PRW A16-25 keeps its residues
            int motifStart = chain.sequence().indexOf("FSLFDKDGDG");
            double[][] ca = chain.ca();
            for (int i = 0; i + 1 < ca.length; i++) {
                if (i >= motifStart && i + 1 < motifStart + 10) continue;                  // inside the motif: the input's own bonds
                assertEquals(3.8, org.flowmatch4j.proteins.geometry.Vec3.dist(ca[i], ca[i + 1]), 0.05 + 0.002,
                        "the bond projection holds scaffold and junction Cα " + i + "–" + (i + 1) + " of " + row);
            }
        }
        Path conditioned = dir.resolve("motif-run"), amortised = dir.resolve("amortised");
        String[] mt = SphereCommandTest.run("backbone", "train", "--data", DATA.toString(), "--out", conditioned.toString(), "--steps", "2",
                "--lengths", "16", "--tokens", "32", "--motif-prob", "1", "--init", run.toString());
        assertEquals("0", mt[0], mt[1]);
        String[] am = SphereCommandTest.run("backbone", "scaffold", "--model", conditioned.toString(), "--motif", motif.toString(),
                "--contig", "2-4/A16-25/3-5", "--num", "1", "--steps", "3", "--out", amortised.toString());
        assertEquals("0", am[0], am[1]);
        String[] row = Files.readAllLines(amortised.resolve("metrics.csv")).get(1).split(",");
        assertEquals("amortised", row[3]);
        assertTrue(Double.parseDouble(row[4]) < 0.01, "motif RMSD " + row[4]);
        Path refused = dir.resolve("refused");
        String[] noMotif = SphereCommandTest.run("backbone", "scaffold", "--model", run.toString(), "--motif", motif.toString(),
                "--contig", "2-4/A16-25/3-5", "--method", "amortised", "--out", refused.toString());
        assertEquals("2", noMotif[0]);
        assertTrue(noMotif[1].contains("--motif-prob"), noMotif[1]);
        assertTrue(!Files.exists(refused), "no output for a refused method");
        Path bad = dir.resolve("bad");
        String[] wrongChain = SphereCommandTest.run("backbone", "scaffold", "--model", run.toString(), "--motif", motif.toString(),
                "--contig", "2-4/B16-25/3-5", "--out", bad.toString());
        assertEquals("2", wrongChain[0]);
        assertTrue(wrongChain[1].contains("B16-25") && wrongChain[1].contains("chain"), wrongChain[1]);
        assertTrue(!Files.exists(bad), "no output for bad input");
    }
}
