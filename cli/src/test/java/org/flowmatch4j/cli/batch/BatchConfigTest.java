package org.flowmatch4j.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.cli.Main;
import org.flowmatch4j.cli.batch.config.BatchConfig;
import org.flowmatch4j.cli.batch.config.ConfigException;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.junit.jupiter.api.Test;

/** Config files: shape, sweep expansion, resolution through the CLI's own options, content addresses, and errors. */
class BatchConfigTest {
    static final Path FILE = Path.of("sweep.yaml");
    static final String TOY = """
            params: {coupling: ot, seed: 1}
            stages:
              - toy:
                  steps: 20
                  coupling: ${coupling}
                  seed: ${seed}
                  out: ${run}/toy
            sweep:
              grid: {coupling: [independent, ot], seed: [1, 2, 3]}
              list: [{coupling: sinkhorn, seed: 9}]
            """;

    private static BatchConfig parse(String text) {
        return BatchConfig.parse(FILE, text);
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> {
            BatchConfig c = parse(text);
            for (Map<String, Object> p : c.sweepPoints()) RunPlan.of(c, p, Main::commandLine);
        }).getMessage();
    }

    @Test
    void gridIsTheCartesianProductFirstKeySlowestThenTheList() {
        BatchConfig c = parse(TOY);
        assertEquals("sweep", c.name());
        List<Map<String, Object>> pts = c.sweepPoints();
        assertEquals(7, pts.size());
        assertEquals(Map.of("coupling", "independent", "seed", 1), pts.get(0));
        assertEquals(Map.of("coupling", "independent", "seed", 3), pts.get(2));
        assertEquals(Map.of("coupling", "ot", "seed", 1), pts.get(3));
        assertEquals(Map.of("coupling", "sinkhorn", "seed", 9), pts.get(6));
        assertEquals(List.of(Map.of("coupling", "ot", "seed", 1)), parse("stages: [{toy: {out: '${run}'}}]\nparams: {coupling: ot, seed: 1}").sweepPoints());
    }

    @Test
    void resolvedConfigHoldsEveryOptionWithDefaultsAndTheIdIsItsHash() {
        BatchConfig c = parse(TOY);
        RunPlan a = RunPlan.of(c, Map.of("coupling", "ot", "seed", 1), Main::commandLine);
        String yaml = a.resolvedYaml();
        // defaults of 'flowmatch toy' that the config did not name are in the resolved config
        assertTrue(yaml.contains("batch: '256'") || yaml.contains("batch: 256"), yaml);
        assertTrue(yaml.contains("out: RUN/toy"), yaml);
        assertEquals(List.of("toy"), a.stages().get(0).words());
        assertEquals(List.of("toy", "--steps", "20", "--coupling", "ot", "--seed", "1", "--out", "/x/r/toy"), a.stages().get(0).commandLine(Path.of("/x/r")));
        assertTrue(a.id().matches("[0-9a-f]{12}"));
        assertEquals(a.id(), RunPlan.of(c, Map.of("coupling", "ot", "seed", 1), Main::commandLine).id(), "same config, same run");
        assertNotEquals(a.id(), RunPlan.of(c, Map.of("coupling", "ot", "seed", 2), Main::commandLine).id());
        // a parameter no option uses does not make another run; writing a default out does not either
        assertEquals(a.id(), RunPlan.of(c, Map.of("coupling", "ot", "seed", 1, "note", "x"), Main::commandLine).id());
        BatchConfig explicit = parse(TOY.replace("steps: 20\n", "steps: 20\n      batch: 256\n"));
        assertEquals(a.id(), RunPlan.of(explicit, Map.of("coupling", "ot", "seed", 1), Main::commandLine).id());
        assertEquals(RunPlan.sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "FIPS 180-2 test vector");
    }

    @Test
    void badConfigsAreOneMessageNamingThePlace() {
        assertTrue(error("stages: [{toy: {out: '${run}'}}]\nbogus: 1").contains("unknown key 'bogus' at the top level"));
        String yaml = error("stages:\n  - toy: {out: [}\n");
        assertTrue(yaml.startsWith("sweep.yaml:2:") && yaml.contains("not valid YAML"), yaml);
        assertTrue(error("!x%20 y\n").contains("not valid YAML: Tag must not contain leading or trailing spaces"), "found by ConfigFuzzTest");
        String flow = error("stages:\n  - toy: {out: ${run}/x}\n");
        assertTrue(flow.contains("write '${name}' in quotes"), flow);
        assertTrue(error("stages: []").contains("'stages' must be a non-empty list"));
        assertTrue(error("stages: [{toy: {out: '${run}'}, seq train: {}}]").contains("stages[1] must be one command"));
        assertTrue(error("stages: [{toy: {out: /tmp/elsewhere}}]").contains("stages[1] (toy).out: '/tmp/elsewhere' must lie in the run directory"));
        assertTrue(error("stages: [{toy: {out: '${run}/../../elsewhere'}}]").contains("must lie in the run directory"), "no way out by '..'");
        String unknownParam = error("stages: [{toy: {out: '${run}', seed: '${sed}'}}]\nparams: {seed: 1}");
        assertTrue(unknownParam.contains("stages[1] (toy).seed: unknown parameter ${sed}; known: run, seed"), unknownParam);
        String unknownOption = error("stages: [{toy: {out: '${run}', stepz: 3}}]");
        assertTrue(unknownOption.contains("stages[1] (toy)") && unknownOption.contains("stepz"), unknownOption);
        String badValue = error("stages: [{toy: {out: '${run}', steps: many}}]");
        assertTrue(badValue.contains("stages[1] (toy)") && badValue.contains("many"), badValue);
        assertTrue(error("stages: [{seq: {out: '${run}'}}]").contains("'seq' needs a subcommand: one of"));
        assertTrue(error("stages: [{sweep: {}}]").contains("'sweep' cannot be a stage"));
        assertTrue(error("stages: [{toy: {out: '${run}', overwrite: true}}]").contains("'overwrite' is set by the batch runner"));
        assertTrue(error("stages: [{toy: {out: '${run}'}}]\nsweep: {grid: {seed: []}}").contains("sweep.grid.seed must be a non-empty list"));
        assertTrue(error("stages: [{toy: {out: '${run}'}}]\nparams: {run: 1}").contains("parameter name 'run'"));
        assertTrue(error("stages: [{toy: {out: '${run}', steps: {a: 1}}}]").contains("stages[1].steps must be a text, number or boolean"));
        String big = "stages: [{toy: {out: '${run}'}}]\nsweep: {grid: {a: [1,2,3,4,5,6,7,8,9,10], b: [1,2,3,4,5,6,7,8,9,10], c: [1,2,3,4,5,6,7,8,9,10], "
                + "d: [1,2,3,4,5,6,7,8,9,10], e: [1,2]}}";
        assertTrue(error(big).contains("more than 10000 runs"), error(big));
    }

    @Test
    void yamlIsReadSafely() {
        // no Java types from tags, no alias bombs
        String tag = error("stages: [{toy: {out: !!java.io.File '/tmp'}}]");
        assertTrue(tag.contains("not valid YAML"), tag);
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 30; i++) bomb.append((char) ('b' + i % 20)).append(i).append(": &").append((char) ('b' + i % 20)).append(i)
                .append(" [*").append(i == 0 ? "a" : "" + (char) ('b' + (i - 1) % 20) + (i - 1)).append(", *").append(i == 0 ? "a" : "" + (char) ('b' + (i - 1) % 20) + (i - 1)).append("]\n");
        assertTrue(error(bomb + "stages: [{toy: {out: '${run}'}}]").contains("not valid YAML"));
    }
}
