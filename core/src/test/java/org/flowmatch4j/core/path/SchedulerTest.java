package org.flowmatch4j.core.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.path.scheduler.CosineScheduler;
import org.flowmatch4j.core.path.scheduler.PolynomialConvexScheduler;
import org.flowmatch4j.core.path.scheduler.Scheduler;
import org.flowmatch4j.core.path.scheduler.SchedulerOutput;
import org.flowmatch4j.core.path.scheduler.VpScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerTest {
    static Stream<Scheduler> schedulers() {
        return Stream.of(new CondOtScheduler(), new PolynomialConvexScheduler(2), new PolynomialConvexScheduler(0.5),
                new CosineScheduler(), new VpScheduler());
    }

    @ParameterizedTest
    @MethodSource("schedulers")
    void endpointsAreNoiseAndData(Scheduler s) {
        SchedulerOutput at0 = s.at(0), at1 = s.at(1);
        // VP never reaches pure noise exactly: alpha_0 = exp(-(19.9/2 + 0.1)/2)
        double alpha0 = s instanceof VpScheduler ? Math.exp(-0.5 * (0.5 * 19.9 + 0.1)) : 0;
        assertEquals(alpha0, at0.alpha(), 1e-12);
        assertEquals(1, at1.alpha(), 1e-12);
        assertEquals(0, at1.sigma(), 1e-12);
    }

    @ParameterizedTest
    @MethodSource("schedulers")
    void derivativesMatchCentralDifferences(Scheduler s) {
        double h = 1e-6;
        for (double t = 0.05; t < 0.96; t += 0.1) {
            SchedulerOutput o = s.at(t), plus = s.at(t + h), minus = s.at(t - h);
            assertEquals((plus.alpha() - minus.alpha()) / (2 * h), o.dAlpha(), 1e-6 * (1 + Math.abs(o.dAlpha())));
            assertEquals((plus.sigma() - minus.sigma()) / (2 * h), o.dSigma(), 1e-6 * (1 + Math.abs(o.dSigma())));
        }
    }

    @Test
    void varianceSchedulesPreserveVariance() {
        for (Scheduler s : new Scheduler[] {new CosineScheduler(), new VpScheduler()}) {
            for (double t = 0; t <= 1; t += 0.125) {
                SchedulerOutput o = s.at(t);
                assertEquals(1, o.alpha() * o.alpha() + o.sigma() * o.sigma(), 1e-12, "at t=" + t);
            }
        }
    }

    @Test
    void vpMatchesSongEtAlClosedForm() {
        // alpha_t = exp(-1/4 s^2 (bmax - bmin) - 1/2 s bmin), s = 1 - t
        double t = 0.3, s = 0.7;
        assertEquals(Math.exp(-0.25 * s * s * 19.9 - 0.5 * s * 0.1), new VpScheduler().at(t).alpha(), 1e-14);
    }
}
