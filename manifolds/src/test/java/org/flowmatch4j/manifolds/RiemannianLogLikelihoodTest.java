package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flowmatch4j.core.likelihood.DivergenceEstimator;
import org.flowmatch4j.core.likelihood.DivergenceField;
import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.density.SphereKernelDensity;
import org.flowmatch4j.manifolds.likelihood.RiemannianLogLikelihood;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * On S², the field u(x) = P_x e_z = e_z - z x moves mass along meridians with dz/dt = 1 - z², so
 * z_1 = tanh(1 + artanh z_0). Starting from the uniform density 1/(4π) (z uniform on [-1, 1]),
 * log p_1(x) = -log 4π + log((1 - z_0²) / (1 - z_1²)), z_0 = tanh(artanh z_1 - 1). Its divergence is -2z.
 */
class RiemannianLogLikelihoodTest {
    static final class PoleField implements DivergenceField {
        @Override public INDArray velocity(INDArray x, double t) {
            INDArray z = x.getColumn(2).reshape(x.size(0), 1);
            INDArray u = x.mulColumnVector(z).negi();
            u.getColumn(2).addi(1);
            return u;
        }

        /** ũ_i(x) = δ_iz - x_i z: (wᵀJ)_j = -w_j z - (w·x) δ_jz. */
        @Override public INDArray vjp(INDArray x, double t, INDArray w) {
            INDArray z = x.getColumn(2).reshape(x.size(0), 1);
            INDArray out = w.mulColumnVector(z).negi();
            out.getColumn(2).subi(w.mul(x).sum(1));
            return out;
        }
    }

    /**
     * The same flow from a field with a normal component: v = u + g(x) x with g = 0.7 + x_0; P v = u on S², and
     * (wᵀJ_v)_j = (wᵀJ_u)_j + g w_j + (w·x) δ_j0. Without the mean-curvature term the log-density would be off by ∫ 2g dt.
     */
    static final class PoleFieldWithNormalPart implements DivergenceField {
        private final PoleField tangent = new PoleField();

        @Override public INDArray velocity(INDArray x, double t) {
            INDArray g = x.getColumn(0).reshape(x.size(0), 1).add(0.7);
            return tangent.velocity(x, t).addi(x.mulColumnVector(g));
        }

        @Override public INDArray vjp(INDArray x, double t, INDArray w) {
            INDArray g = x.getColumn(0).reshape(x.size(0), 1).add(0.7);
            INDArray out = tangent.vjp(x, t, w).addi(w.mulColumnVector(g));
            out.getColumn(0).addi(w.mul(x).sum(1));
            return out;
        }
    }

    private static double exact(double z1) {
        double z0 = Math.tanh(0.5 * Math.log((1 + z1) / (1 - z1)) - 1);
        return -Math.log(4 * Math.PI) + Math.log((1 - z0 * z0) / (1 - z1 * z1));
    }

    /** Exact-divergence log-densities of a field's flow at n random points against the closed form. */
    private static void assertClosedForm(DivergenceField field, int n, long seed) {
        Sphere s2 = new Sphere(2);
        Rng rng = new Rng(seed);
        INDArray x = s2.projectPoint(s2.sampleBase(n, rng).castTo(DataType.DOUBLE));
        double[] lp = new RiemannianLogLikelihood(s2, ButcherTableau.RK4, 400, DivergenceEstimator.EXACT)
                .logProbability(field, x, rng);
        for (int i = 0; i < n; i++) assertEquals(exact(x.getDouble(i, 2)), lp[i], 2e-4, "point " + i);
    }

    @Test
    void exactDivergenceRecoversTheClosedFormDensity() { assertClosedForm(new PoleField(), 40, 5); }

    @Test
    void normalComponentsOfTheNetworkOutputDoNotChangeTheDensity() { assertClosedForm(new PoleFieldWithNormalPart(), 20, 7); }

    /**
     * From a kernel base p_0 the same flow gives log p_1(x) = log p_0(x_0) + log((1 - z_0²)/(1 - z_1²)), x_0 the point
     * on x's meridian at height z_0 = tanh(artanh z_1 - 1).
     */
    @Test
    void aKernelBaseEntersAtTheFlowedBackPoint() {
        Sphere s2 = new Sphere(2);
        Rng rng = new Rng(9);
        SphereKernelDensity base = new SphereKernelDensity(s2.sampleBase(5, rng), 3);
        int n = 20;
        INDArray x = s2.projectPoint(s2.sampleBase(n, rng).castTo(DataType.DOUBLE));
        double[] lp = new RiemannianLogLikelihood(s2, ButcherTableau.RK4, 400, DivergenceEstimator.EXACT)
                .logProbability(new PoleField(), x, rng, base);
        for (int i = 0; i < n; i++) {
            double z1 = x.getDouble(i, 2), z0 = Math.tanh(0.5 * Math.log((1 + z1) / (1 - z1)) - 1);
            double r1 = Math.sqrt(1 - z1 * z1), r0 = Math.sqrt(1 - z0 * z0);
            INDArray x0 = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {
                {x.getDouble(i, 0) * r0 / r1, x.getDouble(i, 1) * r0 / r1, z0}});
            double expected = base.logDensity(x0)[0] + Math.log((1 - z0 * z0) / (1 - z1 * z1));
            assertEquals(expected, lp[i], 2e-4, "point " + i);
        }
    }

    @Test
    void manifoldsWithoutAnInducedMetricAreRejected() {
        assertThrows(UnsupportedOperationException.class,
                () -> new RiemannianLogLikelihood(new PoincareBall(2), ButcherTableau.RK4, 10, DivergenceEstimator.EXACT));
    }

    @Test
    void hutchinsonWithTangentProbesIsUnbiased() {
        Sphere s2 = new Sphere(2);
        Rng rng = new Rng(6);
        INDArray one = s2.projectPoint(s2.sampleBase(1, rng).castTo(DataType.DOUBLE));
        int n = 2000;
        INDArray x = org.nd4j.linalg.factory.Nd4j.repeat(one, n).reshape(n, 3);
        double[] lp = new RiemannianLogLikelihood(s2, ButcherTableau.MIDPOINT, 100, DivergenceEstimator.HUTCHINSON_GAUSSIAN)
                .logProbability(new PoleField(), x, rng);
        double mean = 0, var = 0;
        for (double v : lp) mean += v / n;
        for (double v : lp) var += (v - mean) * (v - mean) / (n - 1);
        assertEquals(exact(one.getDouble(0, 2)), mean, 4 * Math.sqrt(var / n) + 2e-3);
    }
}
