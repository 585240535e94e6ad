package org.flowmatch4j.manifolds.density;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A von Mises–Fisher kernel density on S² ⊂ R³ with a uniform share ε:
 * p(x) = (1 − ε) (1/N) Σ_i f(x; c_i, κ) + ε / (4π) over centres c_i with the vMF density
 * f(x; c, κ) = κ / (2π (1 − e^(−2κ))) · exp(−κ (1 − ⟨x, c⟩)) (with respect to area; 1 − ⟨x, c⟩ = |x − c|²/2 is
 * evaluated in that form, which keeps its digits for large κ). The angular bandwidth is about 1/√κ radians. The
 * uniform share keeps the density of points far from every centre bounded below by ε/(4π): without it a point 20°
 * from the nearest centre has log-density about −κ · 0.06, hundreds of nats at fire-sized bandwidths.
 *
 * <p>As a flow's base it pairs naturally with its centres (a data-dependent coupling, Albergo et al. 2024): draw a
 * centre c uniformly, x_0 ~ f(·; c, κ) ({@link #perturb}), and take x_1 = c; then x_0 has the kernel part of this
 * density, and the flow only has to move each point by about one bandwidth, sharpening the kernel estimate where the
 * data are sharper.
 * Sampling uses the inverse CDF of w = ⟨x, c⟩: w = 1 + log(u + (1 − u) e^(−2κ)) / κ, u ~ U(0, 1), with a uniform
 * direction in the tangent plane. The uniform share is not paired: a flow trained on kernel pairs carries it along
 * wherever its field goes, so the model density (the base pushed forward by the flow) stays normalised and keeps a
 * floor far from the data; {@link #sample} draws from the whole mixture.
 */
public final class SphereKernelDensity implements KernelDensity {
    private final double[] c;
    private final int n;
    private final double kappa, logNorm, uniform;

    /** Without a uniform share (ε = 0). */
    public SphereKernelDensity(INDArray centres, double kappa) { this(centres, kappa, 0); }

    /**
     * @param centres shape [N, 3], unit rows (normalised here)
     * @param kappa   concentration, &gt; 0
     * @param uniform the uniform share ε in [0, 1)
     */
    public SphereKernelDensity(INDArray centres, double kappa, double uniform) {
        Checks.require(centres.rank() == 2 && centres.size(1) == 3, "centres must have shape [N, 3], got %s",
                java.util.Arrays.toString(centres.shape()));
        Checks.require(centres.size(0) > 0, "need at least one centre");
        Checks.require(kappa > 0 && Double.isFinite(kappa), "concentration kappa must be positive and finite, got %s",
                kappa);
        Checks.require(uniform >= 0 && uniform < 1, "uniform share must be in [0, 1), got %s", uniform);
        this.uniform = uniform;
        this.n = (int) centres.size(0);
        this.c = unitRows(centres);
        this.kappa = kappa;
        this.logNorm = Math.log(kappa) - Math.log(2 * Math.PI) - Math.log1p(-Math.exp(-2 * kappa));
    }

    @Override public double kappa() { return kappa; }

    @Override public int centres() { return n; }

    public double uniformShare() { return uniform; }

    @Override public String describe() { return "vmf-kde:" + kappa + (uniform > 0 ? ":uniform=" + uniform : ""); }

    @Override public double[] logDensity(INDArray x) {
        double[] q = unitRows(x);
        int m = q.length / 3;
        double[] out = new double[m], e = new double[n];
        for (int j = 0; j < m; j++) {
            double qx = q[3 * j], qy = q[3 * j + 1], qz = q[3 * j + 2], max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double dx = qx - c[3 * i], dy = qy - c[3 * i + 1], dz = qz - c[3 * i + 2];
                e[i] = -0.5 * kappa * (dx * dx + dy * dy + dz * dz);
                if (e[i] > max) max = e[i];
            }
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.exp(e[i] - max);
            out[j] = KernelDensity.withUniformShare(logNorm + max + Math.log(s / n), uniform, -Math.log(4 * Math.PI));
        }
        return out;
    }

    @Override public INDArray sample(int m, Rng rng) {
        double[] picked = new double[3 * m];
        for (int j = 0; j < m; j++) System.arraycopy(c, 3 * rng.nextInt(n), picked, 3 * j, 3);
        return draw(picked, m, uniform, rng);
    }

    /** One kernel draw per row of {@code around} (shape [m, 3]): x_0 ~ f(·; row, κ). Float result. */
    @Override public INDArray perturb(INDArray around, Rng rng) {
        return draw(unitRows(around), (int) around.size(0), 0, rng);
    }

    /** Per row of mu: a uniform point on S² with probability flatShare, else a kernel draw around the row. */
    private INDArray draw(double[] mu, int m, double flatShare, Rng rng) {
        float[] out = new float[3 * m];
        double tail = Math.exp(-2 * kappa);
        for (int j = 0; j < m; j++) {
            double mx = mu[3 * j], my = mu[3 * j + 1], mz = mu[3 * j + 2];
            boolean flat = flatShare > 0 && rng.uniform() < flatShare;
            double u = rng.uniform(), w = flat ? 2 * u - 1 : 1 + Math.log(u + (1 - u) * tail) / kappa;
            w = Math.max(-1, Math.min(1, w));
            // a uniform unit tangent vector at mu: project a Gaussian and normalise
            double gx, gy, gz, norm;
            do {
                gx = rng.gaussian();
                gy = rng.gaussian();
                gz = rng.gaussian();
                double dot = gx * mx + gy * my + gz * mz;
                gx -= dot * mx;
                gy -= dot * my;
                gz -= dot * mz;
                norm = Math.sqrt(gx * gx + gy * gy + gz * gz);
            } while (norm < 1e-12);
            double s = Math.sqrt(Math.max(0, 1 - w * w)) / norm;
            double x = w * mx + s * gx, y = w * my + s * gy, z = w * mz + s * gz, r = Math.sqrt(x * x + y * y + z * z);
            out[3 * j] = (float) (x / r);
            out[3 * j + 1] = (float) (y / r);
            out[3 * j + 2] = (float) (z / r);
        }
        return Nd4j.createFromArray(out).reshape(m, 3);
    }

    private static double[] unitRows(INDArray x) {
        double[] a = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < a.length; i += 3) {
            double r = Math.sqrt(a[i] * a[i] + a[i + 1] * a[i + 1] + a[i + 2] * a[i + 2]);
            Checks.require(r > 0 && Double.isFinite(r), "row %d is not a point on the sphere (norm %s)", i / 3, r);
            a[i] /= r;
            a[i + 1] /= r;
            a[i + 2] /= r;
        }
        return a;
    }
}
