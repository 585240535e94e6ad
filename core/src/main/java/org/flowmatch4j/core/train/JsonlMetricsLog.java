package org.flowmatch4j.core.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowmatch4j.core.util.Json;

/**
 * Appends one JSON object per {@code every} steps to a file: {@code {"step":…, "loss":…, "grad_norm":…, "lr":…,
 * "seconds":…}}; loss is the mean over the steps since the last line. Appending keeps a resumed run's history.
 */
public final class JsonlMetricsLog implements TrainingListener, AutoCloseable {
    private final BufferedWriter out;
    private final int every;
    private double lossSum;
    private int count;

    public JsonlMetricsLog(Path file, int every) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.every = every;
    }

    @Override public void onStep(StepInfo s) {
        lossSum += s.loss();
        count++;
        if (s.step() % every != 0 && s.step() != s.totalSteps()) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put("loss", lossSum / count);
        m.put("grad_norm", s.gradNorm());
        m.put("lr", s.learningRate());
        m.put("seconds", s.elapsedSeconds());
        lossSum = 0;
        count = 0;
        try {
            out.write(Json.object(m));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() throws IOException { out.close(); }
}
