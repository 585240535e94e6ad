package org.flowmatch4j.proteins.metrics;

import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.geometry.Vec3;

/**
 * How a scaffold joins its motif, from Cα positions and the motif mask: the junctions are the bonded pairs (i, i + 1)
 * with one residue in the motif and the other not; their mean |d(Cα_i, Cα_i+1) − 3.8 Å| and the fraction within
 * 0.1 Å of 3.8 Å, and the strict clashes between motif and scaffold (a motif and a scaffold Cα with |i − j| ≥ 3
 * closer than 3.0 Å). Motif conditioning that only places the motif, without building the scaffold around it,
 * shows as broken junctions and scaffold running through the motif.
 *
 * @param junctions          motif–scaffold bonded pairs
 * @param junctionDeviation  mean |d − 3.8| over the junctions, Å (NaN without junctions)
 * @param junctionValid      fraction of junctions within 3.8 ± 0.1 Å (NaN without junctions)
 * @param motifClashes       motif–scaffold Cα pairs with |i − j| ≥ 3 closer than 3.0 Å
 */
public record ScaffoldMetrics(int junctions, double junctionDeviation, double junctionValid, int motifClashes) {
    public static ScaffoldMetrics of(double[][] ca, boolean[] motif) {
        Checks.require(ca.length == motif.length, "need one motif flag per residue, got %d for %d", motif.length, ca.length);
        int junctions = 0, valid = 0, clashes = 0;
        double dev = 0;
        for (int i = 0; i + 1 < ca.length; i++) {
            if (motif[i] == motif[i + 1]) continue;
            double d = Math.abs(Vec3.dist(ca[i], ca[i + 1]) - BackboneMetrics.IDEAL_CA_CA);
            dev += d;
            junctions++;
            if (d <= 0.1) valid++;
        }
        for (int i = 0; i < ca.length; i++) {
            for (int j = i + 3; j < ca.length; j++) {
                if (motif[i] != motif[j] && Vec3.dist(ca[i], ca[j]) < 3.0) clashes++;
            }
        }
        return new ScaffoldMetrics(junctions, junctions == 0 ? Double.NaN : dev / junctions,
                junctions == 0 ? Double.NaN : (double) valid / junctions, clashes);
    }
}
