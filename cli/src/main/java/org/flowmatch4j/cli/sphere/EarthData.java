package org.flowmatch4j.cli.sphere;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowmatch4j.cli.density.NumericCsv;
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
        NumericCsv csv = NumericCsv.read(file, h -> h.equals("latitude,longitude") || h.equals("lat,lon"),
                "the header 'latitude,longitude'", List.of(new NumericCsv.Column("latitude", -90, 90),
                        new NumericCsv.Column("longitude", -180, 360)), 10);
        double[][] xyz = new double[csv.rows().length][];
        for (int i = 0; i < xyz.length; i++) xyz[i] = toUnitVector(csv.rows()[i][0], csv.rows()[i][1]);
        INDArray points = Nd4j.createFromArray(xyz).castTo(DataType.DOUBLE);
        return new PointSet(file, points, S2, "sphere:2", PointSet.sha256(csv.bytes()));
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
