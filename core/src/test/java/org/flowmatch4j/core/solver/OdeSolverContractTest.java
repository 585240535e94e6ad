package org.flowmatch4j.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Contract every {@link OdeSolver} meets; subclasses give the solver and its accuracy. */
abstract class OdeSolverContractTest {
    abstract OdeSolver solver();

    /** Absolute error allowed on y' = -y over [0, 1] with 50 steps. */
    abstract double decayTolerance();

    static INDArray column(double... v) { return Nd4j.createFromArray(v).reshape(v.length, 1); }

    double solveDecay(int steps) {
        OdeResult r = solver().solve((x, t) -> x.neg(), column(1.0, 2.0), TimeGrid.uniform(0, 1, steps), StepListener.NONE);
        return Math.max(Math.abs(r.x().getDouble(0) - Math.exp(-1)), Math.abs(r.x().getDouble(1) - 2 * Math.exp(-1)));
    }

    @Test
    void exponentialDecay() {
        assertTrue(solveDecay(50) < decayTolerance(), "error " + solveDecay(50));
    }

    @Test
    void timeDependentField() {
        // dx/dt = 3t² from x(0) = 0 gives x(1) = 1; every method of order >= 3 is exact, lower orders converge.
        OdeResult r = solver().solve((x, t) -> x.like().assign(3 * t * t), column(0.0), TimeGrid.uniform(0, 1, 50),
                StepListener.NONE);
        assertEquals(1.0, r.x().getDouble(0), 5 * decayTolerance() + 1e-12);
    }

    @Test
    void integratesBackwardInTime() {
        OdeResult r = solver().solve((x, t) -> x.neg(), column(1.0), TimeGrid.uniform(1, 0, 50), StepListener.NONE);
        assertEquals(Math.E, r.x().getDouble(0), Math.E * Math.E * decayTolerance());
    }

    @Test
    void listenerSeesEveryAcceptedStepInOrder() {
        List<Double> times = new ArrayList<>();
        OdeResult r = solver().solve((x, t) -> x.neg(), column(1.0), TimeGrid.uniform(0, 1, 10), (t, x) -> times.add(t));
        assertEquals(0.0, times.get(0));
        assertEquals(1.0, times.get(times.size() - 1), 1e-15);
        for (int i = 1; i < times.size(); i++) assertTrue(times.get(i) > times.get(i - 1));
        assertEquals(r.accepted() + 1, times.size());
    }

    @Test
    void doesNotMutateTheInitialState() {
        INDArray x0 = column(1.0, 2.0);
        solver().solve((x, t) -> x.neg(), x0, TimeGrid.uniform(0, 1, 5), StepListener.NONE);
        assertEquals(1.0, x0.getDouble(0));
        assertEquals(DataType.DOUBLE, x0.dataType());
    }
}
