package org.flowmatch4j.cli.torus;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmatch4j.cli.density.NumericCsv;
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
        NumericCsv csv = NumericCsv.read(file, h -> h.matches("[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*"),
                "a header of angle column names such as 'phi,psi'", null, 10);
        double[][] rows = csv.rows();
        for (double[] r : rows) {
            for (int k = 0; k < r.length; k++) {
                double a = Math.toRadians(r[k]);
                r[k] = a - 2 * Math.PI * Math.floor(a / (2 * Math.PI));
            }
        }
        int d = csv.header().size();
        return new PointSet(file, Nd4j.createFromArray(rows).castTo(DataType.DOUBLE), new FlatTorus(d), "torus:" + d,
                PointSet.sha256(csv.bytes()));
    }
}
