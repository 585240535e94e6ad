package org.flowmatch4j.cli.torus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.flowmatch4j.cli.density.DensityFlow;
import org.flowmatch4j.cli.density.DensityRun;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.cli.sphere.SphereCommandTest;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.FlatTorus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Ramachandran example end to end: (φ, ψ) of six bundled proteins by {@code proteins dihedrals}, a flow on T²
 * by {@code torus train}, {@code torus eval}; the learned density must beat the uniform one and integrate to one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorusCommandTest {
    Path angles, out;
    String[] train;

    @BeforeAll
    void run(@TempDir Path dir) {
        angles = dir.resolve("phipsi.csv");
        String[] r = SphereCommandTest.run("proteins", "dihedrals", "../data/proteins/scop_d1mbaa_.pdb", "../data/proteins/pdb_1aki_A.pdb",
                "../data/proteins/hs_1e79h.pdb", "../data/proteins/hs_1fs0e.pdb", "../data/proteins/pdb_1tim_A.pdb",
                "../data/proteins/hs_1qfpa.pdb", "--out", angles.toString());
        assertEquals("0", r[0], r[1]);
        out = dir.resolve("rama");
        train = SphereCommandTest.run("torus", "train", "--data", angles.toString(), "--out", out.toString(), "--seeds", "2",
                "--steps", "600", "--batch", "256", "--hidden", "64", "--depth", "2", "--val-every", "300", "--ode-steps", "40",
                "--jobs", "2");
    }

    @Test
    void dihedralsCsvHasOnePairPerInnerResidue() throws Exception {
        List<String> lines = Files.readAllLines(angles);
        assertEquals("phi,psi", lines.get(0));
        assertTrue(lines.size() > 800, "pairs: " + (lines.size() - 1));
        PointSet d = AngleData.read(angles);
        assertTrue(d.points().minNumber().doubleValue() >= 0 && d.points().maxNumber().doubleValue() < 2 * Math.PI);
    }

    @Test
    void ramachandranModelBeatsUniformAndEvalAgrees() throws Exception {
        assertEquals("0", train[0], train[1]);
        double nll = SphereCommandTest.number(out.resolve("metrics.json"), "test_nll");
        assertTrue(nll < 2 * Math.log(2 * Math.PI) - 0.5, "test NLL " + nll + " vs uniform " + 2 * Math.log(2 * Math.PI));
        assertTrue(ImageIO.read(out.resolve("angles.png").toFile()).getWidth() >= 800);
        String[] e = SphereCommandTest.run("torus", "eval", "--model", out.toString(), "--ode-steps", "40");
        assertEquals("0", e[0], e[1]);
        double[] a = SphereCommandTest.numbers(out.resolve("metrics.json"), "test_nll_per_seed");
        double[] b = SphereCommandTest.numbers(out.resolve("eval.json"), "test_nll_per_seed");
        for (int i = 0; i < 2; i++) assertEquals(a[i], b[i], 1e-9);
    }

    @Test
    void theLearnedDensityIntegratesToOneOverTheTorus() throws Exception {
        assertEquals("0", train[0], train[1]);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        FlatTorus t2 = new FlatTorus(2);
        DensityRun.Saved saved = DensityRun.Saved.load(out.resolve("seed-0.model"));
        int n = 4000;
        INDArray u = t2.sampleBase(n, new Rng(8));
        double[] lp = DensityFlow.logLikelihood(t2, org.flowmatch4j.manifolds.density.BaseDensity.uniform(t2), saved.net(), u, 40);
        double mean = 0, sq = 0, area = 4 * Math.PI * Math.PI;
        for (double v : lp) {
            double w = Math.exp(v) * area;
            mean += w / n;
            sq += w * w / n;
        }
        double se = Math.sqrt((sq - mean * mean) / n);
        assertEquals(1, mean, 4 * se + 0.01, "∫ p dθ ≈ " + mean + " ± " + se);
    }

    /** A von Mises kernel base on T²: recorded in the model, beats uniform, and eval rebuilds it and agrees. */
    @Test
    void kernelBaseTrainsAndEvalAgrees(@TempDir Path dir) throws Exception {
        Path kde = dir.resolve("kde");
        String[] r = SphereCommandTest.run("torus", "train", "--data", angles.toString(), "--out", kde.toString(), "--seeds", "1",
                "--steps", "400", "--batch", "256", "--hidden", "64", "--depth", "2", "--val-every", "200", "--ode-steps", "30",
                "--base", "kde");
        assertEquals("0", r[0], r[1]);
        double trained = SphereCommandTest.numbers(kde.resolve("metrics.json"), "test_nll_per_seed")[0];
        assertTrue(trained < 2 * Math.log(2 * Math.PI) - 1, "test NLL " + trained);
        assertTrue(DensityRun.Saved.load(kde.resolve("seed-0.model")).base().startsWith("vm-kde:"));
        String[] e = SphereCommandTest.run("torus", "eval", "--model", kde.toString(), "--ode-steps", "30");
        assertEquals("0", e[0], e[1]);
        assertEquals(trained, SphereCommandTest.numbers(kde.resolve("eval.json"), "test_nll_per_seed")[0], 1e-9);
    }
}
