package org.flowmatch4j.manifolds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.path.AffineProbPath;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.path.scheduler.PolynomialConvexScheduler;
import org.flowmatch4j.core.solver.ButcherTableau;
import org.flowmatch4j.core.solver.StepListener;
import org.flowmatch4j.core.solver.TimeGrid;
import org.flowmatch4j.core.solver.VelocityField;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.path.GeodesicProbPath;
import org.flowmatch4j.manifolds.solver.RiemannianOdeSolver;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeodesicFlowTest {
    private final Rng rng = new Rng(3);

    private static double maxAbs(INDArray a) { return a.amaxNumber().doubleValue(); }

    @Test
    void geodesicPathVelocityIsTheTimeDerivativeOnTheSphere() {
        Sphere s2 = new Sphere(2);
        GeodesicProbPath path = new GeodesicProbPath(new PolynomialConvexScheduler(2), s2);
        INDArray x0 = s2.projectPoint(s2.sampleBase(16, rng).castTo(DataType.DOUBLE));
        INDArray x1 = s2.projectPoint(s2.sampleBase(16, rng).castTo(DataType.DOUBLE));
        double t = 0.4, h = 1e-6;
        PathSample now = path.sample(x0, x1, Nd4j.valueArrayOf(new long[] {16}, t, DataType.DOUBLE));
        INDArray later = path.sample(x0, x1, Nd4j.valueArrayOf(new long[] {16}, t + h, DataType.DOUBLE)).xt();
        INDArray earlier = path.sample(x0, x1, Nd4j.valueArrayOf(new long[] {16}, t - h, DataType.DOUBLE)).xt();
        INDArray fd = later.sub(earlier).divi(2 * h);
        assertTrue(maxAbs(fd.sub(now.dxt())) < 1e-6, "finite difference vs closed form " + maxAbs(fd.sub(now.dxt())));
        assertTrue(maxAbs(s2.norm(now.xt(), now.xt()).sub(1)) < 1e-12, "x_t on the sphere");
    }

    @Test
    void geodesicPathIsTheAffinePathInEuclideanSpace() {
        Euclidean r3 = new Euclidean(3);
        INDArray x0 = rng.normal(8, 3).castTo(DataType.DOUBLE), x1 = rng.normal(8, 3).castTo(DataType.DOUBLE);
        INDArray t = rng.uniform(8).castTo(DataType.DOUBLE);
        PathSample g = new GeodesicProbPath(new CondOtScheduler(), r3).sample(x0, x1, t);
        PathSample a = new AffineProbPath(new CondOtScheduler()).sample(x0, x1, t);
        assertTrue(maxAbs(g.xt().sub(a.xt())) < 1e-12 && maxAbs(g.dxt().sub(a.dxt())) < 1e-9);
    }

    @Test
    void sphereSamplingStaysOnTheManifoldOverAThousandSteps() {
        Sphere s2 = new Sphere(2);
        // a field that is not tangent and not unit length: the solver must project it
        VelocityField f = (x, t) -> Nd4j.hstack(x.getColumn(1).neg().reshape(-1, 1), x.getColumn(0).reshape(-1, 1),
                x.getColumn(2).reshape(-1, 1).mul(3)).addi(0.5);
        for (ButcherTableau tab : new ButcherTableau[] {ButcherTableau.EULER, ButcherTableau.MIDPOINT, ButcherTableau.RK4}) {
            INDArray x = new RiemannianOdeSolver(s2, tab).solve(f, s2.sampleBase(100, rng), TimeGrid.uniform(0, 1, 1000),
                    StepListener.NONE).x();
            double err = maxAbs(s2.norm(x, x).sub(1));
            assertTrue(err < 1e-5, tab.name() + ": |x| - 1 = " + err);
        }
    }

    /** Stage velocities are projected at the step's base point, so on a curved manifold the scheme is second order. */
    @Test
    void projectedRk4ConvergesToARotationOfTheSphereAtSecondOrder() {
        Sphere s2 = new Sphere(2);
        double w = 2.0;
        VelocityField rot = (x, t) -> Nd4j.hstack(x.getColumn(1).neg().reshape(-1, 1).mul(w),
                x.getColumn(0).reshape(-1, 1).mul(w), x.getColumn(2).reshape(-1, 1).mul(0));
        INDArray x0 = s2.projectPoint(s2.sampleBase(20, rng).castTo(DataType.DOUBLE));
        double c = Math.cos(w), s = Math.sin(w);
        INDArray exact = Nd4j.hstack(x0.getColumn(0).mul(c).sub(x0.getColumn(1).mul(s)).reshape(-1, 1),
                x0.getColumn(0).mul(s).add(x0.getColumn(1).mul(c)).reshape(-1, 1), x0.getColumn(2).reshape(-1, 1));
        double[] err = new double[2];
        int[] steps = {100, 200};
        for (int k = 0; k < 2; k++) {
            INDArray x1 = new RiemannianOdeSolver(s2, ButcherTableau.RK4).solve(rot, x0, TimeGrid.uniform(0, 1, steps[k]),
                    StepListener.NONE).x();
            err[k] = maxAbs(x1.sub(exact));
        }
        assertTrue(err[0] < 1e-3, "error at 100 steps " + err[0]);
        double order = Math.log(err[0] / err[1]) / Math.log(2);
        assertTrue(order > 1.8, "observed order " + order);
    }

    @Test
    void torusFlowWrapsAngles() {
        FlatTorus t2 = new FlatTorus(2);
        VelocityField constant = (x, t) -> x.like().assign(Math.PI);          // half a turn per unit time... twice
        INDArray x0 = Nd4j.createFromArray(new double[][] {{1.0, 5.0}});
        INDArray x1 = new RiemannianOdeSolver(t2, ButcherTableau.EULER).solve(constant, x0, TimeGrid.uniform(0, 2, 10),
                StepListener.NONE).x();
        assertTrue(maxAbs(x1.sub(x0)) < 1e-9, "a full turn returns to the start: " + x1);
    }
}
