package org.flowmatch4j.cli.batch.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.flowmatch4j.cli.batch.config.RunPlan;

/**
 * An engine that runs sweep runs elsewhere (Spark: module {@code spark}), found through {@link ServiceLoader} so that
 * the CLI does not carry the engine's dependencies. Each run's stages go through {@link StageRunner} on the machine
 * that executes it; the results come back to the caller, which alone writes the registry.
 */
public interface TaskEngine {
    /** The name {@code --engine} selects. */
    String name();

    /**
     * Runs {@code plans} (progress lines prefixed by {@code labels}) with their directories under {@code runs};
     * {@code master} as the engine understands it (null: its default). Results in plan order.
     */
    List<StageRunner.Result> run(List<RunPlan> plans, List<String> labels, Path runs, String master, String appName);

    /** The engine called {@code name} on the class path, if any. */
    static Optional<TaskEngine> named(String name) {
        for (TaskEngine e : ServiceLoader.load(TaskEngine.class)) if (e.name().equals(name)) return Optional.of(e);
        return Optional.empty();
    }
}
