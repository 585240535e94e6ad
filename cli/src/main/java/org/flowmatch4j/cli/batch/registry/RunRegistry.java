package org.flowmatch4j.cli.batch.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.core.util.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The run registry: one SQLite file ({@value #FILE}) beside the runs, one row per run keyed by its content address,
 * and which sweeps listed it. SQLite in WAL mode keeps the file consistent when the process is killed at any point;
 * every update is its own transaction, so a row is either before or after a change.
 */
public final class RunRegistry implements AutoCloseable {
    public static final String FILE = "registry.db";
    private final Connection db;

    private RunRegistry(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the registry of the runs directory {@code runs}. */
    public static RunRegistry open(Path runs) throws IOException {
        Files.createDirectories(runs);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + runs.resolve(FILE).toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, sweep TEXT, status TEXT NOT NULL, params TEXT NOT NULL,"
                        + " config TEXT NOT NULL, run_dir TEXT NOT NULL, started TEXT, finished TEXT, seconds REAL, attempts INTEGER NOT NULL DEFAULT 0,"
                        + " metrics TEXT, artifacts TEXT, error TEXT, version TEXT, backend TEXT, host TEXT)");
                s.execute("CREATE TABLE IF NOT EXISTS sweep_runs (sweep TEXT NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (sweep, id))");
            }
            return new RunRegistry(c);
        } catch (SQLException e) {
            throw new IOException(runs.resolve(FILE) + ": cannot open the run registry: " + e.getMessage(), e);
        }
    }

    /** Records that a run starts (a new row, or a new attempt of an existing one). */
    public synchronized void started(String id, String sweep, Map<String, ?> params, String config, Path runDir, String version,
                                     String backend, String host) throws IOException {
        update("INSERT INTO runs (id, sweep, status, params, config, run_dir, started, attempts, version, backend, host)"
                        + " VALUES (?, ?, 'running', ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status='running', sweep=excluded.sweep,"
                        + " started=excluded.started, finished=NULL, error=NULL, attempts=attempts+1, version=excluded.version,"
                        + " backend=excluded.backend, host=excluded.host, run_dir=excluded.run_dir",
                id, sweep, Json.object(stringMap(params)), config, runDir.toString(), Instant.now().toString(), version, backend, host);
    }

    /** Records the end of a run: {@code done} with metrics and artifacts, or {@code failed} with the error. */
    public synchronized void finished(String id, boolean ok, double seconds, Map<String, Double> metrics, List<String> artifacts, String error)
            throws IOException {
        update("UPDATE runs SET status=?, finished=?, seconds=?, metrics=?, artifacts=?, error=? WHERE id=?",
                ok ? "done" : "failed", Instant.now().toString(), seconds, Json.object(metrics), Json.object(Map.of("files", artifacts)), error, id);
    }

    /** Records where a run ran (a Spark task's executor may differ from the driver that started it). */
    public synchronized void hostOf(String id, String backend, String host) throws IOException {
        update("UPDATE runs SET backend=?, host=? WHERE id=?", backend, host, id);
    }

    /** The run with exactly this id, or null. */
    public synchronized RunRecord get(String id) throws IOException {
        List<RunRecord> hits = query("SELECT * FROM runs WHERE id = ?", id);
        return hits.isEmpty() ? null : hits.get(0);
    }

    /** Lists {@code id} as the {@code position}-th run of {@code sweep}. */
    public synchronized void addToSweep(String sweep, String id, int position) throws IOException {
        update("INSERT INTO sweep_runs (sweep, id, position) VALUES (?, ?, ?) ON CONFLICT(sweep, id) DO UPDATE SET position=excluded.position", sweep, id, position);
    }

    /** All runs, oldest first; only those of {@code sweep} (in sweep order) when it is not null. */
    public synchronized List<RunRecord> list(String sweep) throws IOException {
        return sweep == null ? query("SELECT * FROM runs ORDER BY started, id")
                : query("SELECT r.* FROM runs r JOIN sweep_runs s ON r.id = s.id WHERE s.sweep = ? ORDER BY s.position", sweep);
    }

    /** The run whose id starts with {@code prefix}; an error when none or several match. */
    public synchronized RunRecord find(String prefix) throws IOException {
        if (!prefix.matches("[0-9a-f]{1,64}")) throw new IllegalArgumentException("run id '" + prefix + "' must be hex digits");
        List<RunRecord> hits = query("SELECT * FROM runs WHERE id LIKE ? ORDER BY id", prefix + "%");
        if (hits.isEmpty()) throw new IllegalArgumentException("no run with id " + prefix + " in the registry");
        if (hits.size() > 1) throw new IllegalArgumentException("run id " + prefix + " is ambiguous: " + hits.stream().map(RunRecord::id).toList());
        return hits.get(0);
    }

    /** The names of the sweeps in the registry. */
    public synchronized List<String> sweeps() throws IOException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT sweep FROM sweep_runs ORDER BY sweep")) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            throw new IOException("run registry: " + e.getMessage(), e);
        }
        return out;
    }

    private void update(String sql, Object... args) throws IOException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("run registry: " + e.getMessage(), e);
        }
    }

    private List<RunRecord> query(String sql, Object... args) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(record(rs));
            }
        } catch (SQLException e) {
            throw new IOException("run registry: " + e.getMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static RunRecord record(ResultSet rs) throws SQLException {
        Map<String, String> params = new LinkedHashMap<>();
        parse(rs.getString("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        parse(rs.getString("metrics")).forEach((k, v) -> metrics.put(k, number(v)));
        Object files = parse(rs.getString("artifacts")).get("files");
        List<String> artifacts = files instanceof List<?> l ? (List<String>) l : List.of();
        return new RunRecord(rs.getString("id"), rs.getString("sweep"), rs.getString("status"), params, rs.getString("config"),
                rs.getString("run_dir"), rs.getString("started"), rs.getString("finished"), rs.getDouble("seconds"), rs.getInt("attempts"),
                metrics, artifacts, rs.getString("error"), rs.getString("version"), rs.getString("backend"), rs.getString("host"));
    }

    /** A JSON object written by {@link Json#object} read back (SnakeYAML reads that JSON subset); empty for null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) return Map.of();
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A JSON number as a double (SnakeYAML reads 1.0E10, which lacks the YAML 1.1 exponent sign, as text); NaN otherwise. */
    public static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static Map<String, String> stringMap(Map<String, ?> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @Override public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("run registry: " + e.getMessage(), e);
        }
    }
}
