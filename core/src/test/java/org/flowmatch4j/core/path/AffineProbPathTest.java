package org.flowmatch4j.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.path.scheduler.CosineScheduler;
import org.flowmatch4j.core.path.scheduler.PolynomialConvexScheduler;
import org.flowmatch4j.core.path.scheduler.Scheduler;
import org.flowmatch4j.core.path.scheduler.SchedulerOutput;
import org.flowmatch4j.core.path.scheduler.VpScheduler;
import org.flowmatch4j.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AffineProbPathTest {
    private final Rng rng = new Rng(7);

    @Test
    void condOtPathIsTheStraightLine() {
        INDArray x0 = rng.normal(5, 3), x1 = rng.normal(5, 3);
        INDArray t = Nd4j.createFromArray(0f, 0.25f, 0.5f, 0.75f, 1f);
        PathSample s = new AffineProbPath(new CondOtScheduler()).sample(x0, x1, t);
        for (int i = 0; i < 5; i++) {
            float ti = t.getFloat(i);
            INDArray expect = x0.getRow(i).mul(1 - ti).add(x1.getRow(i).mul(ti));
            assertTrue(expect.equalsWithEps(s.xt().getRow(i), 1e-6));
            assertTrue(x1.getRow(i).sub(x0.getRow(i)).equalsWithEps(s.dxt().getRow(i), 1e-6));
        }
    }

    @Test
    void velocityIsTheTimeDerivativeOfThePath() {
        Scheduler sch = new PolynomialConvexScheduler(3);
        AffineProbPath path = new AffineProbPath(sch);
        INDArray x0 = rng.normal(4, 2).castTo(DataType.DOUBLE), x1 = rng.normal(4, 2).castTo(DataType.DOUBLE);
        double t = 0.4, h = 1e-5;
        INDArray tt = Nd4j.valueArrayOf(new long[] {4}, t, DataType.DOUBLE);
        INDArray plus = path.sample(x0, x1, tt.add(h)).xt(), minus = path.sample(x0, x1, tt.sub(h)).xt();
        INDArray fd = plus.sub(minus).divi(2 * h);
        assertTrue(fd.equalsWithEps(path.sample(x0, x1, tt).dxt(), 1e-6));
    }

    @Test
    void parameterisationConversionsAreConsistent() {
        for (Scheduler sch : new Scheduler[] {new CondOtScheduler(), new CosineScheduler(), new VpScheduler()}) {
            AffineProbPath path = new AffineProbPath(sch);
            INDArray x0 = rng.normal(6, 2).castTo(DataType.DOUBLE), x1 = rng.normal(6, 2).castTo(DataType.DOUBLE);
            double t = 0.6;
            SchedulerOutput o = sch.at(t);
            INDArray xt = x1.mul(o.alpha()).addi(x0.mul(o.sigma()));
            INDArray u = x1.mul(o.dAlpha()).addi(x0.mul(o.dSigma()));
            assertTrue(path.velocityToTarget(u, xt, t).equalsWithEps(x1, 1e-9), sch.toString());
            assertTrue(path.velocityToEpsilon(u, xt, t).equalsWithEps(x0, 1e-9), sch.toString());
            assertTrue(path.targetToVelocity(x1, xt, t).equalsWithEps(u, 1e-9), sch.toString());
            assertTrue(path.epsilonToVelocity(x0, xt, t).equalsWithEps(u, 1e-9), sch.toString());
        }
    }

    @Test
    void rejectsMismatchedShapesAndTimes() {
        AffineProbPath path = new AffineProbPath(new CondOtScheduler());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> path.sample(rng.normal(3, 2), rng.normal(3, 2), rng.uniform(4)));
        assertEquals("t must have shape [batch=3], got length 4", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> path.sample(rng.normal(1, 2), rng.normal(1, 2), Nd4j.createFromArray(1.5f)));
    }
}
