package org.flowmatch4j.cli.batch.registry;

import java.util.Map;

/**
 * One row of the run registry.
 *
 * @param id       content address: first 12 hex digits of the SHA-256 of the resolved config
 * @param status   {@code running}, {@code done} or {@code failed} (a run killed while running stays {@code running}
 *                 until it is run again)
 * @param metrics  numbers read from the run's summary.json / metrics.json files
 * @param artifacts files the run wrote, relative to its directory
 */
public record RunRecord(String id, String sweep, String status, Map<String, String> params, String config, String runDir,
                        String started, String finished, double seconds, int attempts, Map<String, Double> metrics,
                        java.util.List<String> artifacts, String error, String version, String backend, String host) {}
