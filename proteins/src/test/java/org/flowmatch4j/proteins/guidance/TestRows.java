package org.flowmatch4j.proteins.guidance;

/** Helpers for tests on frame rows [12] (rotation, then Cα translation in nm at 9..11). */
final class TestRows {
    private TestRows() {}

    static double[][] copy(double[][] rows) {
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) c[i] = rows[i].clone();
        return c;
    }

    /** The Cα–Cα distance of two rows (nm). */
    static double dist(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[9] - b[9], 2) + Math.pow(a[10] - b[10], 2) + Math.pow(a[11] - b[11], 2));
    }
}
