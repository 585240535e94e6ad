package org.flowmatch4j.molecules.metrics;

import java.util.List;
import java.util.Optional;
import org.flowmatch4j.molecules.crystal.Crystal;
import org.flowmatch4j.molecules.lattice.Lattice;
import org.flowmatch4j.molecules.lattice.Mat3;
import org.flowmatch4j.molecules.lattice.Reduction;

/**
 * Crystal structure prediction metrics as CDVAE, DiffCSP and FlowMM report them: a prediction matches its reference
 * when {@link StructureMatcher#rmsDistance} finds a match; match rate = matches / references; RMSE = mean of the
 * normalised RMS over the matches. Structural validity (CDVAE): every interatomic distance, periodic images included,
 * above 0.5 Å and volume above 0.1 Å³.
 */
public final class CspMetrics {
    private CspMetrics() {}

    /** Per-pair outcome: empty when no match. */
    public record Result(int pairs, int matches, double matchRate, double rmse, int valid, List<Optional<StructureMatcher.Match>> perPair) {}

    public static Result evaluate(List<Crystal> predictions, List<Crystal> references, StructureMatcher matcher) {
        if (predictions.size() != references.size())
            throw new IllegalArgumentException("%d predictions for %d references".formatted(predictions.size(), references.size()));
        List<Optional<StructureMatcher.Match>> per = new java.util.ArrayList<>();
        int matches = 0, valid = 0;
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            boolean ok = structurallyValid(predictions.get(i));
            Optional<StructureMatcher.Match> m = ok ? matcher.rmsDistance(predictions.get(i), references.get(i)) : Optional.empty();
            if (ok) valid++;
            per.add(m);
            if (m.isPresent()) { matches++; sum += m.get().rms(); }
        }
        int n = predictions.size();
        return new Result(n, matches, n == 0 ? 0 : (double) matches / n, matches == 0 ? Double.NaN : sum / matches, valid, per);
    }

    /** All periodic interatomic distances &gt; 0.5 Å and V &gt; 0.1 Å³. */
    public static boolean structurallyValid(Crystal c) {
        if (!(c.lattice().volume() > 0.1)) return false;
        return minimumDistance(c) > 0.5;
    }

    /** The shortest distance between two atoms, periodic images (including an atom's own) counted. */
    public static double minimumDistance(Crystal c) {
        double[][] m = c.lattice().matrix();
        Lattice lll = Reduction.lll(c.lattice());
        double[][] toLll = Mat3.multiply(m, Mat3.inverse(lll.matrix()));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < c.size(); i++)
            for (int j = i; j < c.size(); j++) {
                double[] d = Mat3.wrapCentered(Mat3.rowTimes(new double[] {
                    c.frac()[j][0] - c.frac()[i][0], c.frac()[j][1] - c.frac()[i][1], c.frac()[j][2] - c.frac()[i][2]}, toLll));
                double[] r = lll.shortestImage(d, i == j);
                best = Math.min(best, Mat3.dot(r, r));
            }
        return Math.sqrt(best);
    }
}
