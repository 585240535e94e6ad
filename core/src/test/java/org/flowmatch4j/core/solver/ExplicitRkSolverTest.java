package org.flowmatch4j.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExplicitRkSolverTest {
    abstract static class FixedStep extends OdeSolverContractTest {
        abstract ButcherTableau tableau();

        @Override OdeSolver solver() { return new ExplicitRkSolver(tableau()); }

        @Test
        void convergesAtItsOrder() {
            double ratio = solveDecay(20) / solveDecay(40);
            assertEquals(tableau().order(), Math.log(ratio) / Math.log(2), 0.15);
        }

        @Test
        void usesStagesTimesStepsEvaluations() {
            OdeResult r = solver().solve((x, t) -> x.neg(), column(1.0), TimeGrid.uniform(0, 1, 7), StepListener.NONE);
            assertEquals(7 * tableau().stages(), r.nfe());
        }
    }

    @Nested class Euler extends FixedStep {
        @Override ButcherTableau tableau() { return ButcherTableau.EULER; }
        @Override double decayTolerance() { return 1e-2; }
    }

    @Nested class Midpoint extends FixedStep {
        @Override ButcherTableau tableau() { return ButcherTableau.MIDPOINT; }
        @Override double decayTolerance() { return 1e-4; }
    }

    @Nested class Heun extends FixedStep {
        @Override ButcherTableau tableau() { return ButcherTableau.HEUN; }
        @Override double decayTolerance() { return 1e-4; }
    }

    @Nested class Rk4 extends FixedStep {
        @Override ButcherTableau tableau() { return ButcherTableau.RK4; }
        @Override double decayTolerance() { return 1e-9; }
    }
}
