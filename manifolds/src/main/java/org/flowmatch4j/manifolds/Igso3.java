package org.flowmatch4j.manifolds;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The isotropic Gaussian on SO(3), IGSO(3)(ε), the heat kernel at time ε/2 around the identity (Nikolayev &amp;
 * Savyolov 1970; as in FrameFlow and FoldFlow). Its density with respect to the Haar probability depends on the
 * rotation angle ω only, by the series
 * <pre>   f_ε(ω) = Σ_{l≥0} (2l + 1) exp(-l(l+1) ε/2) sin((l + ½) ω) / sin(ω/2),</pre>
 * and the angle has density p(ω) = f_ε(ω) (1 - cos ω)/π on [0, π]. Samples draw ω by inverse CDF on a fine grid
 * and the axis uniformly on S².
 */
public final class Igso3 {
    private static final int GRID = 4096;
    private final double eps;
    private final int terms;
    private final double[] omega, cdf;

    /** @param eps variance parameter ε = σ² &gt; 0 */
    public Igso3(double eps) {
        this.eps = Checks.inRange("eps", eps, 1e-4, 1e4);
        this.terms = (int) Math.min(4000, Math.ceil(Math.sqrt(2 * 40 / eps)) + 2);
        omega = new double[GRID + 1];
        cdf = new double[GRID + 1];
        double prev = 0;
        for (int k = 0; k <= GRID; k++) {
            omega[k] = Math.PI * k / GRID;
            double p = angleDensity(omega[k]);
            if (k > 0) cdf[k] = cdf[k - 1] + 0.5 * (p + prev) * Math.PI / GRID;
            prev = p;
        }
        for (int k = 0; k <= GRID; k++) cdf[k] /= cdf[GRID];
    }

    public double eps() { return eps; }

    /** f_ε(ω): density with respect to the Haar probability measure of SO(3). */
    public double haarDensity(double w) {
        double s = Math.sin(w / 2);
        double sum = 0;
        for (int l = 0; l < terms; l++) {
            double a = (2 * l + 1) * Math.exp(-l * (l + 1) * eps / 2);
            sum += s < 1e-12 ? a * (2 * l + 1) : a * Math.sin((l + 0.5) * w) / s;
        }
        return sum;
    }

    /** p(ω) = f_ε(ω)(1 - cos ω)/π, the density of the rotation angle on [0, π]. */
    public double angleDensity(double w) { return haarDensity(w) * (1 - Math.cos(w)) / Math.PI; }

    /** log density of rotations (rows of [n, 9]) with respect to the volume of {@link So3}'s metric (8π² in total). */
    public double[] logDensity(INDArray rotations) {
        double[][] r = rotations.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double[] w = So3.logRotation(r[i]);
            double ang = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            out[i] = Math.log(haarDensity(ang)) - Math.log(8 * Math.PI * Math.PI);
        }
        return out;
    }

    /** Draws n rotation angles. */
    public double[] sampleAngles(int n, Rng rng) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.uniform();
            int lo = 0, hi = GRID;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) lo = mid; else hi = mid;
            }
            double span = cdf[hi] - cdf[lo];
            a[i] = omega[lo] + (span > 0 ? (u - cdf[lo]) / span : 0) * (omega[hi] - omega[lo]);
        }
        return a;
    }

    /** Draws n rotations (row-major 3×3 per row), float, shape [n, 9]. */
    public INDArray sample(int n, Rng rng) {
        double[] ang = sampleAngles(n, rng), out = new double[9 * n];
        for (int i = 0; i < n; i++) {
            double x = rng.gaussian(), y = rng.gaussian(), z = rng.gaussian();
            double norm = Math.sqrt(x * x + y * y + z * z);
            double[] w = {ang[i] * x / norm, ang[i] * y / norm, ang[i] * z / norm};
            System.arraycopy(So3.expSkew(w), 0, out, 9 * i, 9);
        }
        return Nd4j.createFromArray(out).reshape(n, 9).castTo(DataType.FLOAT);
    }
}
