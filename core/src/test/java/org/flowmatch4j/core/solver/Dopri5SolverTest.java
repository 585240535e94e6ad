package org.flowmatch4j.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Dopri5SolverTest extends OdeSolverContractTest {
    @Override OdeSolver solver() { return OdeSolver.dopri5(1e-9, 1e-9); }

    @Override double decayTolerance() { return 1e-8; }

    @Test
    void tighterToleranceCostsMoreEvaluationsAndIsMoreAccurate() {
        VelocityField osc = (x, t) -> x.mul(Math.cos(5 * t));           // x(t) = exp(sin(5t)/5)
        double exact = Math.exp(Math.sin(5.0) / 5);
        OdeResult loose = OdeSolver.dopri5(1e-3, 1e-3).solve(osc, column(1.0), TimeGrid.uniform(0, 1, 1), StepListener.NONE);
        OdeResult tight = OdeSolver.dopri5(1e-8, 1e-8).solve(osc, column(1.0), TimeGrid.uniform(0, 1, 1), StepListener.NONE);
        assertTrue(tight.nfe() > loose.nfe());
        assertTrue(Math.abs(loose.x().getDouble(0) - exact) < 1e-2);
        assertTrue(Math.abs(tight.x().getDouble(0) - exact) < 1e-6);
        assertEquals(2 + 6 * (tight.accepted() + tight.rejected()), tight.nfe());
    }

    @Test
    void stepSizeGrowsTenfoldOnExactSteps() {
        // From x = 0 Hairer's heuristic starts at h = 1e-6; a constant field is integrated exactly, so each step
        // grows h by the maximal factor 10 and [0, 1] is crossed in at most 7 steps (2 + 6·7 evaluations).
        OdeResult r = OdeSolver.dopri5(1e-4, 1e-4).solve((x, t) -> x.like().assign(1), column(0.0),
                TimeGrid.uniform(0, 1, 1), StepListener.NONE);
        assertEquals(1.0, r.x().getDouble(0), 1e-12);
        assertTrue(r.nfe() <= 2 + 6 * 7, "nfe " + r.nfe());
        assertEquals(0, r.rejected());
    }

    @Test
    void nonFiniteFieldsFailClearly() {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> OdeSolver.dopri5(1e-4, 1e-4)
                .solve((x, t) -> x.like().assign(t > 0.1 ? Double.NaN : 1), column(0.0), TimeGrid.uniform(0, 1, 1),
                        StepListener.NONE));
        assertTrue(e.getMessage().contains("non-finite"));
    }
}
