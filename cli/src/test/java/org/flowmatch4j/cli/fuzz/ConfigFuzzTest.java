package org.flowmatch4j.cli.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.cli.Main;
import org.flowmatch4j.cli.batch.config.BatchConfig;
import org.flowmatch4j.cli.batch.config.ConfigException;
import org.flowmatch4j.cli.batch.config.RunPlan;

/**
 * Coverage-guided fuzzing (Jazzer) of batch config parsing and resolution: whatever the text, reading a config and
 * resolving its first runs through the CLI's commands either works or throws the documented {@link ConfigException}
 * naming the file; anything else (an unchecked exception from SnakeYAML or picocli, a hang, memory blow-up) fails.
 * Under {@code mvn test} the committed corpus is replayed; with {@code JAZZER_FUZZ=1} it fuzzes (benchmarks/fuzz.sh).
 */
class ConfigFuzzTest {
    private static final Path FILE = Path.of("fuzz.yaml");

    @FuzzTest(maxDuration = "10m")
    void config(FuzzedDataProvider data) {
        try {
            BatchConfig c = BatchConfig.parse(FILE, data.consumeRemainingAsString());
            List<Map<String, Object>> points = c.sweepPoints();
            for (Map<String, Object> p : points.subList(0, Math.min(3, points.size()))) RunPlan.of(c, p, Main::commandLine);
        } catch (ConfigException expected) {
            if (!expected.getMessage().startsWith(FILE.toString())) throw new AssertionError("message must name the file: " + expected.getMessage());
        }
    }
}
