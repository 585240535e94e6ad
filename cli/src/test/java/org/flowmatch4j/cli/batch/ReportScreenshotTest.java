package org.flowmatch4j.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.flowmatch4j.cli.batch.registry.RunRecord;
import org.flowmatch4j.cli.batch.registry.RunRegistry;
import org.flowmatch4j.cli.batch.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep report as a browser shows it: headless Chromium renders the page to a PNG, which must show the table
 * (dark text) and the charts (the bars' blue). Skipped where Chromium is not installed (.ci/run installs it).
 */
class ReportScreenshotTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    @TempDir Path dir;

    @Test
    void sweepReportRendersTableAndCharts() throws Exception {
        try (RunRegistry reg = RunRegistry.open(dir)) {
            String[] methods = {"dirichlet", "discrete", "linear"};
            for (int i = 0; i < 3; i++) {
                String id = "abcdef00000" + i;
                reg.started(id, "s", Map.of("method", methods[i]), "stages: []", dir.resolve(id), "v", "b", "h");
                reg.addToSweep("s", id, i);
                reg.finished(id, true, 10 + i, Map.of("kmer3_js", 0.01 * (i + 1), "uniqueness", 1.0), List.of("samples.fasta"), null);
            }
            HtmlReport.writeTable("Sweep s", reg.list("s"), dir.resolve("sweep-s.html"), true);
            List<RunRecord> runs = reg.list("s");
            Files.createDirectories(dir.resolve(runs.get(0).id()));
            HtmlReport.writeRun(runs.get(0), dir.resolve(runs.get(0).id()));
        }
        String html = Files.readString(dir.resolve("sweep-s.html"));
        assertEquals(3, html.split("/report.html'>", -1).length - 1, "a linked row per run");
        assertTrue(html.contains("<img src='sweep-s-1.png'"), html);
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");

        Path png = dir.resolve("shot.png");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1200,1400", "--screenshot=" + png, dir.resolve("sweep-s.html").toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.exists(png), Files.readString(dir.resolve("chromium.log")));
        BufferedImage img = ImageIO.read(png.toFile());
        int dark = 0, blue = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                if (r + g + b < 150) dark++;
                if (Math.abs(r - 0x1F) < 20 && Math.abs(g - 0x77) < 20 && Math.abs(b - 0xB4) < 20) blue++;
            }
        }
        Files.copy(png, Path.of("target/sweep-report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(dark > 2000, "table and titles drawn: " + dark + " dark pixels");
        assertTrue(blue > 20000, "bar charts drawn: " + blue + " bar-blue pixels");
    }
}
