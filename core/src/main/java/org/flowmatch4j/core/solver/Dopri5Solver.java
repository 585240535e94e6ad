package org.flowmatch4j.core.solver;

import org.flowmatch4j.core.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adaptive Dormand–Prince 5(4) (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.5) with
 * first-same-as-last, local extrapolation and the error norm of torchdiffeq:
 * err = RMS( (x5 - x4) / (atol + rtol · max(|x|, |x'|)) ), step accepted when err ≤ 1; new step
 * h · clamp(0.9 · err^(-1/5), 0.2, 10). The initial step follows Hairer's heuristic. Steps are shortened to land
 * exactly on every grid point.
 */
public final class Dopri5Solver implements OdeSolver {
    private static final double[][] A = {
            {},
            {1.0 / 5},
            {3.0 / 40, 9.0 / 40},
            {44.0 / 45, -56.0 / 15, 32.0 / 9},
            {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
            {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
            {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    private static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    /** b (5th order) minus b* (4th order). */
    private static final double[] E = {35.0 / 384 - 5179.0 / 57600, 0, 500.0 / 1113 - 7571.0 / 16695,
            125.0 / 192 - 393.0 / 640, -2187.0 / 6784 + 92097.0 / 339200, 11.0 / 84 - 187.0 / 2100, -1.0 / 40};

    private final double atol, rtol;
    private final int maxSteps;

    public Dopri5Solver(double atol, double rtol, int maxSteps) {
        this.atol = Checks.positive("atol", atol);
        this.rtol = Checks.inRange("rtol", rtol, 0, 1);
        this.maxSteps = Checks.positive("maxSteps", maxSteps);
    }

    @Override public OdeResult solve(VelocityField field, INDArray x0, TimeGrid grid, StepListener listener) {
        INDArray x = x0.dup();
        double t = grid.start(), dir = Math.signum(grid.end() - grid.start());
        listener.onStep(t, x);
        INDArray f = field.velocity(x, t);
        int nfe = 1, accepted = 0, rejected = 0;
        double h = initialStep(field, x, f, t, dir);
        nfe++;
        INDArray[] k = new INDArray[7];
        for (int target = 1; target < grid.points().length; target++) {
            double tEnd = grid.at(target);
            while (dir * (tEnd - t) > 0) {
                if (accepted + rejected >= maxSteps) {
                    throw new IllegalStateException(String.format(
                            "dopri5 exceeded %d steps at t=%s (atol=%s, rtol=%s): the field may be stiff or not finite",
                            maxSteps, t, atol, rtol));
                }
                double step = dir * Math.min(Math.abs(h), Math.abs(tEnd - t));
                boolean lands = Math.abs(step) >= Math.abs(tEnd - t);
                k[0] = f;
                for (int i = 1; i < 7; i++) {
                    INDArray xi = x.dup();
                    for (int j = 0; j < i; j++) if (A[i][j] != 0) xi.addi(k[j].mul(step * A[i][j]));
                    k[i] = field.velocity(xi, lands && C[i] == 1 ? tEnd : t + C[i] * step);
                    nfe++;
                }
                INDArray xNew = x.dup();
                for (int j = 0; j < 6; j++) if (A[6][j] != 0) xNew.addi(k[j].mul(step * A[6][j]));
                INDArray err = k[0].mul(step * E[0]);
                for (int j = 2; j < 7; j++) err.addi(k[j].mul(step * E[j]));
                INDArray scale = Transforms.max(Transforms.abs(x, true), Transforms.abs(xNew, true), false)
                        .muli(rtol).addi(atol);
                double norm = err.divi(scale).norm2Number().doubleValue() / Math.sqrt(err.length());
                if (!Double.isFinite(norm)) {
                    throw new ArithmeticException(String.format("dopri5: non-finite state or velocity at t=%s", t));
                }
                if (norm <= 1) {
                    t = lands ? tEnd : t + step;
                    x = xNew;
                    f = k[6];
                    accepted++;
                    listener.onStep(t, x);
                } else {
                    rejected++;
                }
                double factor = norm == 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * Math.pow(norm, -0.2)));
                if (!(norm <= 1 && lands)) h = step * factor;
                else h = dir * Math.max(Math.abs(h), Math.abs(step * factor));
            }
        }
        return new OdeResult(x, nfe, accepted, rejected);
    }

    private double initialStep(VelocityField field, INDArray x, INDArray f, double t, double dir) {
        INDArray scale = Transforms.abs(x, true).muli(rtol).addi(atol);
        double d0 = rms(x.div(scale)), d1 = rms(f.div(scale));
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        INDArray f1 = field.velocity(x.add(f.mul(dir * h0)), t + dir * h0);
        double d2 = rms(f1.subi(f).divi(scale)) / h0;
        double h1 = Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 0.2);
        return dir * Math.min(100 * h0, h1);
    }

    private static double rms(INDArray a) { return a.norm2Number().doubleValue() / Math.sqrt(a.length()); }
}
