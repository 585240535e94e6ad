package org.flowmatch4j.cli.torus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.density.PointSet;
import org.flowmatch4j.manifolds.FlatTorus;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Points on the flat torus T^d read from a CSV of d angle columns in degrees (a header naming them, e.g.
 * {@code phi,psi}), converted to radians in [0, 2π) as {@link FlatTorus} keeps them.
 */
public final class AngleData {
    private AngleData() {}

    /** Rows of angles in radians to degrees in [-180, 180). */
    public static double[][] toDegrees(org.nd4j.linalg.api.ndarray.INDArray x) {
        double[][] p = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (double[] r : p) {
            for (int k = 0; k < r.length; k++) r[k] = Math.toDegrees(r[k]) - 360 * Math.floor((Math.toDegrees(r[k]) + 180) / 360);
        }
        return p;
    }

    /** Reads and validates a file; errors name the file, the line and what was expected. */
    public static PointSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such data file");
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).matches("[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new IllegalArgumentException(file + ":1: expected a header of angle column names such as 'phi,psi', got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        int d = lines.get(0).split(",").length;
        double[][] rows = new double[lines.size() - 1][];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            if (f.length != d) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + d + " angles (degrees), got '" + line + "'");
            }
            double[] r = new double[d];
            for (int k = 0; k < d; k++) {
                double v;
                try {
                    v = Double.parseDouble(f[k].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": angle " + (k + 1) + " is not a number: '" + f[k].trim() + "'");
                }
                if (!Double.isFinite(v)) throw new IllegalArgumentException(file + ":" + (i + 1) + ": angle " + (k + 1) + " is not finite");
                double a = Math.toRadians(v);
                r[k] = a - 2 * Math.PI * Math.floor(a / (2 * Math.PI));
            }
            rows[n++] = r;
        }
        if (n < 10) throw new IllegalArgumentException(file + ": " + n + " points; need at least 10 for an 80/10/10 split");
        return new PointSet(file, Nd4j.createFromArray(java.util.Arrays.copyOf(rows, n)).castTo(DataType.DOUBLE), new FlatTorus(d),
                "torus:" + d, PointSet.sha256(bytes));
    }
}
