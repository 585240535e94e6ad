package org.flowmatch4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyCommandTest {
    @TempDir Path dir;

    static double metric(Path metricsJson, String key) throws Exception {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(Files.readString(metricsJson));
        assertTrue(m.find(), key + " in " + metricsJson);
        return Double.parseDouble(m.group(1));
    }

    private CliRunner toy(Path out, String coupling, int steps, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("toy", "--coupling", coupling, "--steps", String.valueOf(steps),
                "--hidden", "64", "--samples", "300", "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(new String[0]));
    }

    @Test
    void writesEveryOutputAndResumes() throws Exception {
        Path out = dir.resolve("run");
        CliRunner first = toy(out, "ot", 100);
        assertEquals(0, first.exit(), first.err());
        List<String> csv = Files.readAllLines(out.resolve("samples.csv"));
        assertEquals("x,y", csv.get(0));
        assertEquals(301, csv.size());
        for (String key : new String[] {"w2", "nfe", "straightness", "train_seconds", "steps"}) metric(out.resolve("metrics.json"), key);
        assertEquals(100, metric(out.resolve("metrics.json"), "steps"));
        assertNotNull(ImageIO.read(out.resolve("samples.png").toFile()));
        assertTrue(Files.size(out.resolve("model")) > 1000);

        String before = Files.readString(out.resolve("samples.csv"));
        CliRunner again = toy(out, "ot", 100);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already holds results"), again.err());
        assertEquals(before, Files.readString(out.resolve("samples.csv")), "nothing overwritten without asking");

        CliRunner resumed = toy(out, "ot", 150, "--resume");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(150, metric(out.resolve("metrics.json"), "steps"));
        assertEquals(2, Files.readAllLines(out.resolve("metrics.jsonl")).size(), "steps 100 and 150 logged");

        CliRunner other = toy(out, "independent", 200, "--resume");
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("cannot resume a different run"), other.err());
    }

    @Test
    void otCouplingGivesStraighterPathsThanIndependentCoupling() throws Exception {
        Path ot = dir.resolve("ot"), ind = dir.resolve("ind");
        assertEquals(0, toy(ot, "ot", 1500).exit());
        assertEquals(0, toy(ind, "independent", 1500).exit());
        double sOt = metric(ot.resolve("metrics.json"), "straightness");
        double sInd = metric(ind.resolve("metrics.json"), "straightness");
        assertTrue(sOt < 0.5 * sInd, "straightness OT " + sOt + " vs independent " + sInd);
        assertTrue(metric(ot.resolve("metrics.json"), "nfe") <= metric(ind.resolve("metrics.json"), "nfe"));
    }

    @Test
    void reflowReportsStraightnessBeforeAndAfter() throws Exception {
        Path out = dir.resolve("reflow");
        CliRunner r = toy(out, "independent", 800, "--target", "8gaussians", "--reflow-steps", "800");
        assertEquals(0, r.exit(), r.err());
        double before = metric(out.resolve("metrics.json"), "straightness_before_reflow");
        double after = metric(out.resolve("metrics.json"), "straightness");
        assertTrue(after < 0.5 * before, "before " + before + " after " + after);
        assertTrue(Files.exists(out.resolve("model-reflow")));
        assertTrue(r.out().contains("reflow: straightness"), r.out());
    }
}
