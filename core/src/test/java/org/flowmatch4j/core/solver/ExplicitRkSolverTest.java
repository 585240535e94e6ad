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
        void aNonFiniteStateStopsTheSolveNamingStepAndTime() {
            // the field turns NaN from t = 0.55 on; with 10 steps on [0, 1] the state is first NaN after step 6
            // (Euler: its only stage sits at t = 0.6) or earlier (stages inside step 6 reach past 0.55)
            // (ND4J turns a NaN scalar factor into 1e-5, so the NaN field is built by assign)
            VelocityField field = (x, t) -> t >= 0.55 ? x.ulike().assign(Double.NaN) : x.neg();
            org.flowmatch4j.core.train.NonFiniteException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.flowmatch4j.core.train.NonFiniteException.class,
                    () -> solver().solve(field, column(1.0), TimeGrid.uniform(0, 1, 10), StepListener.NONE));
            int first = tableau().stages() == 1 ? 7 : 6;
            assertEquals(first, e.step(), e.getMessage());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("non-finite ODE state at t = " + (first == 7 ? "0.7000" : "0.6000")), e.getMessage());
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
