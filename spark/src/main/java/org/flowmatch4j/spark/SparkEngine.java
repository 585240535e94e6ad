package org.flowmatch4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.flowmatch4j.cli.batch.config.RunPlan;
import org.flowmatch4j.cli.batch.exec.StageRunner;
import org.flowmatch4j.cli.batch.exec.TaskEngine;

/**
 * Runs sweep runs as Apache Spark tasks, one task per run (one partition each). A task runs its run's stages with
 * {@link StageRunner} on its executor — child JVMs there, outputs in the run's directory, which on a cluster must
 * be on a file system every executor shares — and returns the result to the driver, which alone writes the
 * registry. Spark schedules and retries; nothing here is a scheduler.
 */
public final class SparkEngine implements TaskEngine {
    @Override public String name() { return "spark"; }

    /**
     * Runs {@code plans} on Spark: {@code master} as given (null: the one spark-submit set); results in plan order.
     */
    @Override public List<StageRunner.Result> run(List<RunPlan> plans, List<String> labels, Path runs, String master, String appName) {
        // Spark and Hadoop log through slf4j-simple here: their start-up notes (loopback host name, no native Hadoop) are noise
        for (String logger : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject"}) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
        }
        SparkConf conf = new SparkConf().setAppName(appName)
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                // a run is a long task: no speculative copies writing the same directory
                .set("spark.speculation", "false");
        if (master != null) conf.setMaster(master);
        if (master != null && master.startsWith("local")) conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) tasks.add(new Task(plans.get(i), labels.get(i), runs.toAbsolutePath().toString()));
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            return sc.parallelize(tasks, Math.max(1, tasks.size())).map(Task::run).collect();
        }
    }

    /** One run as a Spark task. */
    record Task(RunPlan plan, String label, String runs) implements Serializable {
        StageRunner.Result run() {
            Path dir = Path.of(runs).resolve(plan.id());
            try {
                return StageRunner.run(plan, dir, label + " (spark)", System.err);
            } catch (Exception e) {
                // the registry gets the reason; Spark is not asked to retry a run that failed on its own terms
                return new StageRunner.Result(plan.id(), false, 0, Map.of(), List.of(), String.format(Locale.ROOT, "spark task: %s", e), "spark", "unknown");
            }
        }
    }
}
