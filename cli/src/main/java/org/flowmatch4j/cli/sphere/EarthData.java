package org.flowmatch4j.cli.sphere;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.manifolds.Sphere;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Points on the Earth read from a CSV of {@code latitude,longitude} in decimal degrees (a header line, then one point
 * per line), embedded on the unit sphere S² ⊂ R³ as x = cos φ cos λ, y = cos φ sin λ, z = sin φ (φ latitude,
 * λ longitude).
 */
public final class EarthData {
    public static final Sphere S2 = new Sphere(2);

    private EarthData() {}

    /** Reads and validates a file; errors name the file, the line and what was expected. */
    public static PointSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such data file");
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty()) throw new IllegalArgumentException(file + ": empty file, expected a 'latitude,longitude' header");
        String header = lines.get(0).replace(" ", "").toLowerCase();
        if (!header.equals("latitude,longitude") && !header.equals("lat,lon")) {
            throw new IllegalArgumentException(file + ":1: expected the header 'latitude,longitude', got '" + lines.get(0) + "'");
        }
        double[][] xyz = new double[lines.size() - 1][];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            if (f.length != 2) throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 2 fields latitude,longitude, got '" + line + "'");
            double lat = number(file, i + 1, f[0], -90, 90, "latitude"), lon = number(file, i + 1, f[1], -180, 360, "longitude");
            xyz[n++] = toUnitVector(lat, lon);
        }
        if (n < 10) throw new IllegalArgumentException(file + ": " + n + " points; need at least 10 for an 80/10/10 split");
        INDArray points = Nd4j.createFromArray(java.util.Arrays.copyOf(xyz, n)).castTo(DataType.DOUBLE);
        return new PointSet(file, points, S2, "sphere:2", PointSet.sha256(bytes));
    }

    private static double number(Path file, int line, String s, double lo, double hi, String what) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": " + what + " is not a number: '" + s.trim() + "'");
        }
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(file + ":" + line + ": " + what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** Degrees to the unit vector (cos φ cos λ, cos φ sin λ, sin φ). */
    public static double[] toUnitVector(double latDeg, double lonDeg) {
        double la = Math.toRadians(latDeg), lo = Math.toRadians(lonDeg);
        return new double[] {Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)};
    }

    /** Rows of unit vectors to {longitude, latitude} in degrees (for maps). */
    public static double[][] toLonLat(INDArray xyz) {
        double[][] p = xyz.castTo(DataType.DOUBLE).toDoubleMatrix(), out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double r = Math.sqrt(p[i][0] * p[i][0] + p[i][1] * p[i][1] + p[i][2] * p[i][2]);
            out[i] = new double[] {Math.toDegrees(Math.atan2(p[i][1], p[i][0])),
                    Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, p[i][2] / r))))};
        }
        return out;
    }
}
