package org.flowmatch4j.cli.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.flowmatch4j.sequences.io.Alphabet;
import org.flowmatch4j.sequences.io.Fasta;
import org.flowmatch4j.sequences.io.SequenceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seq commands end to end at toy size, and their answers to bad input. */
class SeqCommandTest {
    static final Path DNA = Path.of("../data/sequences/dna");

    @Test
    void toyPrintsJsonWithAKlAboveZero() {
        String[] r = SphereCommandTest.run("seq", "toy", "--k", "3", "--method", "discrete", "--train-steps", "30", "--samples", "3000",
                "--sample-steps", "10", "--hidden", "32", "--json");
        assertEquals("0", r[0], r[1]);
        String json = r[1].lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        assertTrue(json.contains("\"k\": 3") && json.contains("\"method\": \"discrete\""), json);
        double kl = Double.parseDouble(json.replaceAll(".*\"kl\": ([-0-9.eE]+).*", "$1"));
        assertTrue(kl >= 0 && kl < 1, json);
        String[] tmax = SphereCommandTest.run("seq", "toy", "--k", "3", "--method", "discrete", "--t-max", "4");
        assertEquals("2", tmax[0]);
        assertTrue(tmax[1].contains("--t-max is for --method dirichlet"), tmax[1]);
        String[] bad = SphereCommandTest.run("seq", "toy", "--k", "3", "--method", "gaussian");
        assertEquals("2", bad[0]);
        assertTrue(bad[1].contains("unknown method 'gaussian'"), bad[1]);
    }

    @Test
    void trainSampleEvalOnPromotersWithLabelsAndGuidance(@TempDir Path dir) throws Exception {
        List<SequenceRecord> pos = Fasta.read(DNA.resolve("promoters_positive.fasta"), Alphabet.DNA).subList(0, 60);
        List<SequenceRecord> neg = Fasta.read(DNA.resolve("promoters_negative.fasta"), Alphabet.DNA).subList(0, 60);
        Path fasta = dir.resolve("mix.fasta"), labels = dir.resolve("labels.tsv");
        List<SequenceRecord> all = new java.util.ArrayList<>(pos);
        all.addAll(neg);
        Fasta.write(fasta, all);
        StringBuilder tsv = new StringBuilder("id\tlabel\n");
        for (SequenceRecord r : pos) tsv.append(r.id()).append("\tpromoter\n");
        for (SequenceRecord r : neg) tsv.append(r.id()).append("\tother\n");
        Files.writeString(labels, tsv);
        Path run = dir.resolve("run");
        String[] t = SphereCommandTest.run("seq", "train", "--fasta", fasta.toString(), "--labels", labels.toString(), "--alphabet", "dna",
                "--method", "dirichlet", "--out", run.toString(), "--steps", "20", "--batch", "16", "--hidden", "32", "--holdout", "0.2");
        assertEquals("0", t[0], t[1]);
        assertEquals(24, Fasta.read(run.resolve("heldout.fasta"), Alphabet.DNA).size());
        Path samples = dir.resolve("s.fasta");
        String[] s = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--num", "30", "--steps", "5", "--class", "promoter",
                "--guidance", "2", "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        List<SequenceRecord> got = Fasta.read(samples, Alphabet.DNA);
        assertEquals(30, got.size());
        for (SequenceRecord r : got) assertEquals(81, r.length());
        assertTrue(got.get(0).header().contains("class=promoter guidance=2.0"), got.get(0).header());
        String[] noCorrector = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--num", "3", "--corrector", "1",
                "--out", dir.resolve("c.fasta").toString());
        assertEquals("2", noCorrector[0]);
        assertTrue(noCorrector[1].contains("--corrector needs a discrete flow; this model is dirichlet"), noCorrector[1]);
        String[] noPurity = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--num", "3", "--purity",
                "--out", dir.resolve("c.fasta").toString());
        assertEquals("2", noPurity[0]);
        assertTrue(noPurity[1].contains("--purity needs a masked discrete flow; this model is dirichlet"), noPurity[1]);
        Path eval = dir.resolve("eval");
        String[] e = SphereCommandTest.run("seq", "eval", "--samples", samples.toString(), "--reference", run.resolve("heldout.fasta").toString(),
                "--training", run.resolve("train.fasta").toString(), "--alphabet", "dna", "--out", eval.toString());
        assertEquals("0", e[0], e[1]);
        for (String f : SeqEvalCommand.OUTPUTS) assertTrue(Files.size(eval.resolve(f)) > 0, f);
        double js1 = SphereCommandTest.number(eval.resolve("summary.json"), "kmer1_js");
        assertTrue(js1 >= 0 && js1 < Math.log(2), "JS " + js1);

        Path judge = dir.resolve("judge.ck");
        String[] c = SphereCommandTest.run("seq", "classifier", "--fasta", fasta.toString(), "--labels", labels.toString(), "--alphabet", "dna",
                "--exclude", run.resolve("train.fasta").toString(), "--holdout", "0.5", "--out", judge.toString());
        assertEquals("0", c[0], c[1]);
        assertTrue(c[1].contains("left out 96 of 120"), c[1]);
        Path eval2 = dir.resolve("eval2");
        String[] e2 = SphereCommandTest.run("seq", "eval", "--samples", samples.toString(), "--reference", run.resolve("heldout.fasta").toString(),
                "--alphabet", "dna", "--classifier", judge.toString(), "--class", "promoter", "--out", eval2.toString());
        assertEquals("0", e2[0], e2[1]);
        double share = SphereCommandTest.number(eval2.resolve("summary.json"), "classified_as_promoter_samples");
        assertTrue(share >= 0 && share <= 1, "share " + share);

        Path noisy = dir.resolve("noisy.ck");
        String[] nc = SphereCommandTest.run("seq", "noisy-classifier", "--model", run.toString(), "--labels", labels.toString(),
                "--steps", "30", "--batch", "16", "--hidden", "16", "--out", noisy.toString());
        assertEquals("0", nc[0], nc[1]);
        assertTrue(nc[1].contains("held-out accuracy") && nc[1].contains("(24 sequences)"), nc[1]);
        Path guided = dir.resolve("g.fasta");
        String[] g = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--num", "10", "--steps", "5", "--class", "promoter",
                "--classifier", noisy.toString(), "--classifier-scale", "2", "--out", guided.toString());
        assertEquals("0", g[0], g[1]);
        List<SequenceRecord> gs = Fasta.read(guided, Alphabet.DNA);
        assertEquals(10, gs.size());
        assertTrue(gs.get(0).header().contains("class=promoter classifier-scale=2.0"), gs.get(0).header());
        String[] both = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--class", "promoter", "--guidance", "1",
                "--classifier", noisy.toString(), "--out", dir.resolve("y.fasta").toString());
        assertEquals("2", both[0]);
        assertTrue(both[1].contains("--classifier guides the unconditional model; leave out --guidance"), both[1]);
        String[] noClass = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--classifier", noisy.toString(),
                "--out", dir.resolve("y.fasta").toString());
        assertEquals("2", noClass[0]);
        assertTrue(noClass[1].contains("--classifier needs --class"), noClass[1]);
        assertFalse(Files.exists(dir.resolve("y.fasta")));

        String[] unknown = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--class", "enhancer", "--out", dir.resolve("x.fasta").toString());
        assertEquals("2", unknown[0]);
        assertTrue(unknown[1].contains("'enhancer' is not one of the model's classes [other, promoter]"), unknown[1]);
        assertFalse(Files.exists(dir.resolve("x.fasta")));
    }

    @Test
    void discreteFlowWithGeneralisedKlAndAQuadraticSchedulerTrainsAndSamples(@TempDir Path dir) throws Exception {
        Path fasta = DNA.resolve("promoters_positive.fasta"), run = dir.resolve("run");
        String[] t = SphereCommandTest.run("seq", "train", "--fasta", fasta.toString(), "--alphabet", "dna", "--method", "discrete",
                "--loss", "gkl", "--kappa-exponent", "2", "--out", run.toString(), "--steps", "20", "--batch", "16", "--hidden", "32");
        assertEquals("0", t[0], t[1]);
        var meta = org.flowmatch4j.core.train.Checkpoint.load(run.resolve("model")).metadata();
        assertTrue(meta.get("command").contains("--method discrete --loss gkl --kappa-exponent 2"), meta.get("command"));
        assertEquals("2", meta.get("kappa_exponent"));
        assertTrue(meta.get("network").endsWith(":loss=gkl"), meta.get("network"));
        Path samples = dir.resolve("s.fasta");
        String[] s = SphereCommandTest.run("seq", "sample", "--model", run.toString(), "--num", "8", "--steps", "5", "--out", samples.toString());
        assertEquals("0", s[0], s[1]);
        assertEquals(8, Fasta.read(samples, Alphabet.DNA).size());
        String[] notDiscrete = SphereCommandTest.run("seq", "train", "--fasta", fasta.toString(), "--alphabet", "dna", "--method", "dirichlet",
                "--loss", "gkl", "--out", dir.resolve("r2").toString());
        assertEquals("2", notDiscrete[0]);
        assertTrue(notDiscrete[1].contains("--loss gkl (generalised KL) is for discrete flows, not --method dirichlet"), notDiscrete[1]);
        String[] badExponent = SphereCommandTest.run("seq", "train", "--fasta", fasta.toString(), "--alphabet", "dna", "--method", "linear",
                "--kappa-exponent", "3", "--out", dir.resolve("r3").toString());
        assertEquals("2", badExponent[0]);
        assertTrue(badExponent[1].contains("a kappa exponent (kappa = t^n) is for discrete flows, not linear"), badExponent[1]);
        assertFalse(Files.exists(dir.resolve("r2")) || Files.exists(dir.resolve("r3")));
    }

    @Test
    void malformedFastaStopsTrainingWithOneMessageAndNoOutput(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.fasta"), ">a\nACGT\n>b\nAC-T\n");
        Path run = dir.resolve("run");
        String[] r = SphereCommandTest.run("seq", "train", "--fasta", bad.toString(), "--alphabet", "dna", "--out", run.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("record 2 ('b', line 4) position 3: '-' is not in the DNA alphabet ACGT"), r[1]);
        assertFalse(Files.exists(run));
    }
}
