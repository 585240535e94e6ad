package org.flowmatch4j.proteins.flow;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.coupling.LinearAssignment;
import org.flowmatch4j.core.path.PathSample;
import org.flowmatch4j.core.path.scheduler.CondOtScheduler;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.manifolds.ProductManifold;
import org.flowmatch4j.manifolds.Se3;
import org.flowmatch4j.manifolds.path.GeodesicProbPath;
import org.flowmatch4j.proteins.align.Superposition;
import org.flowmatch4j.proteins.geometry.Frames;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SE(3) flow matching on backbone frames (FrameFlow, Yim et al. 2023). A batch of B proteins of L residues is a
 * [B·L, 12] array of rows on SE(3) = SO(3) × R³: the row-major rotation, then the Cα position in nanometres, centred
 * per protein. Noise: uniform rotations and N(0, I) translations, centred. Before interpolation each noise protein is
 * rotated onto the data protein it is paired with (Kabsch) and the pairs are chosen by minibatch OT on the aligned
 * squared distances. Paths are geodesic with κ_t = t for both factors: R_t = exp_{R0}(t log_{R0} R1),
 * x_t = (1 - t) x0 + t x1, with targets log_{R_t}(R1)/(1 - t) and (x1 - x_t)/(1 - t). Sampling from clean-frame
 * predictions uses FrameFlow's exponential rotation schedule: R ← exp_R(dt · c · log_R(R̂1)) with rate c (10),
 * x ← x + dt (x̂1 - x)/(1 - t).
 */
public final class FrameFlow {
    /** Ångström to nanometre. */
    public static final double NM_PER_ANGSTROM = 0.1;
    public static final ProductManifold SE3 = Se3.of(1, 1);
    private static final GeodesicProbPath PATH = new GeodesicProbPath(new CondOtScheduler(), SE3);

    private FrameFlow() {}

    /** Equal-length frames to rows [B·L, 12] (translations in nm, centred per protein), float. */
    public static INDArray toRows(List<Frames> batch) {
        int l = batch.get(0).length();
        float[] out = new float[batch.size() * l * 12];
        int p = 0;
        for (Frames f : batch) {
            Checks.require(f.length() == l, "a batch needs equal lengths, got %d and %d", l, f.length());
            double[] centre = new double[3];
            for (double[] t : f.translations()) for (int k = 0; k < 3; k++) centre[k] += t[k] / l;
            for (int i = 0; i < l; i++) {
                for (int k = 0; k < 9; k++) out[p++] = (float) f.rotations()[i][k];
                for (int k = 0; k < 3; k++) out[p++] = (float) ((f.translations()[i][k] - centre[k]) * NM_PER_ANGSTROM);
            }
        }
        return Nd4j.createFromArray(out).reshape(batch.size() * l, 12);
    }

    /** Rows back to frames (translations in Å). */
    public static List<Frames> fromRows(INDArray rows, int length) {
        double[][] r = rows.castTo(DataType.DOUBLE).toDoubleMatrix();
        List<Frames> out = new ArrayList<>();
        for (int b = 0; b < r.length / length; b++) {
            double[][] rot = new double[length][], trans = new double[length][];
            for (int i = 0; i < length; i++) {
                double[] row = r[b * length + i];
                rot[i] = java.util.Arrays.copyOf(row, 9);
                trans[i] = new double[] {row[9] / NM_PER_ANGSTROM, row[10] / NM_PER_ANGSTROM, row[11] / NM_PER_ANGSTROM};
            }
            out.add(new Frames(rot, trans));
        }
        return out;
    }

    /** Noise for B proteins of L residues: uniform rotations, centred N(0, I) translations (nm). */
    public static INDArray noise(int proteins, int length, Rng rng) {
        INDArray rot = SE3.part(SE3.sampleBase(proteins * length, rng), 0);
        INDArray trans = rng.normal(proteins * length, 3);
        return Nd4j.hstack(rot, centre(trans, length)).castTo(DataType.FLOAT);
    }

    /** Subtracts each protein's mean from its rows of a [B·L, 3] array. */
    static INDArray centre(INDArray trans, int length) {
        int b = (int) trans.size(0) / length;
        INDArray t3 = trans.reshape(b, length, 3);
        return t3.sub(t3.mean(true, 1)).reshape(b * (long) length, 3);
    }

    /**
     * Minibatch OT after alignment: for every (noise a, data b) pair the noise translations are rotated onto the
     * data's by Kabsch, the cost is the aligned squared distance, and the assignment minimising the total is solved
     * exactly. Returns the noise rows reordered to their data partners, translations rotated into alignment.
     */
    public static INDArray pairNoise(INDArray noise, INDArray data, int length) {
        int b = (int) data.size(0) / length;
        double[][] nz = noise.castTo(DataType.DOUBLE).toDoubleMatrix(), dt = data.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][][] xs = new double[b][][], ys = new double[b][][];
        for (int p = 0; p < b; p++) {
            xs[p] = translations(nz, p, length);
            ys[p] = translations(dt, p, length);
        }
        int[] idx = new int[length];
        for (int i = 0; i < length; i++) idx[i] = i;
        double[] cost = new double[b * b];
        Superposition[][] fits = new Superposition[b][b];
        for (int a = 0; a < b; a++) {
            for (int c = 0; c < b; c++) {
                Superposition s = Superposition.fit(xs[a], ys[c], idx, length);
                fits[a][c] = s;
                double sum = 0;
                for (int i = 0; i < length; i++) sum += s.squaredDistance(xs[a][i], ys[c][i]);
                cost[a * b + c] = sum;
            }
        }
        int[] toData = LinearAssignment.solve(cost, b, b);       // noise a → data toData[a]
        float[] out = new float[b * length * 12];
        for (int a = 0; a < b; a++) {
            int c = toData[a];
            Superposition s = fits[a][c];
            double[] rot = s.rotation();
            for (int i = 0; i < length; i++) {
                double[] row = nz[a * length + i];
                int o = (c * length + i) * 12;
                for (int k = 0; k < 9; k++) out[o + k] = (float) row[k];
                double[] aligned = {
                    rot[0] * row[9] + rot[1] * row[10] + rot[2] * row[11],
                    rot[3] * row[9] + rot[4] * row[10] + rot[5] * row[11],
                    rot[6] * row[9] + rot[7] * row[10] + rot[8] * row[11]};
                for (int k = 0; k < 3; k++) out[o + 9 + k] = (float) aligned[k];
            }
        }
        return Nd4j.createFromArray(out).reshape(b * (long) length, 12);
    }

    /** The fraction s of the way to R̂1 a rotation step takes: dt·c, capped at 1, or dt/(1 − t) when c ≤ 0. */
    static double rotationFraction(double t, double dt, double rotationRate) {
        return rotationRate > 0 ? Math.min(1, dt * rotationRate) : dt / (1 - t);
    }

    private static double[][] translations(double[][] rows, int protein, int length) {
        double[][] t = new double[length][];
        for (int i = 0; i < length; i++) t[i] = java.util.Arrays.copyOfRange(rows[protein * length + i], 9, 12);
        return t;
    }

    /** The geodesic path with one t per protein, replicated over its residues; t in [0, 1), shape [B]. */
    public static PathSample sample(INDArray x0, INDArray x1, INDArray tPerProtein, int length) {
        double[] tp = tPerProtein.castTo(DataType.DOUBLE).toDoubleVector(), t = new double[tp.length * length];
        for (int p = 0; p < tp.length; p++) java.util.Arrays.fill(t, p * length, (p + 1) * length, tp[p]);
        return PATH.sample(x0, x1, Nd4j.createFromArray(t).castTo(x1.dataType()));
    }

    /**
     * One sampler step from clean-frame predictions (rows as above): R ← exp_R(s log_R(R̂1)) with s = dt·c for the
     * exponential rotation schedule of rate c (FrameFlow: 10), or s = dt/(1 − t), the linear schedule's Euler step,
     * when c ≤ 0 (reflowed models follow the straight paths they were trained on).
     */
    public static INDArray eulerStep(INDArray x, INDArray x1Pred, double t, double dt, double rotationRate) {
        Checks.require(t + dt <= 1 + 1e-9 && t < 1, "need t < 1 and t + dt <= 1, got t=%s dt=%s", t, dt);
        INDArray rot = SE3.part(x, 0), trans = SE3.part(x, 1);
        INDArray rotPred = SE3.part(x1Pred, 0), transPred = SE3.part(x1Pred, 1);
        var so3 = SE3.factors().get(0);
        INDArray newRot = so3.expMap(rot, so3.logMap(rot, rotPred).muli(rotationFraction(t, dt, rotationRate)));
        INDArray newTrans = trans.add(transPred.sub(trans).muli(dt / (1 - t)));
        return Nd4j.hstack(newRot, newTrans);
    }
}
