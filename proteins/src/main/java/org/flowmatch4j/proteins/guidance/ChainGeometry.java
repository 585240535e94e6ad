package org.flowmatch4j.proteins.guidance;

import org.flowmatch4j.core.util.Checks;

/**
 * Steric exclusion and Cα–Cα bond lengths together: alternating projections (von Neumann's scheme for an intersection
 * of constraint sets), a {@link StericRepulsion} pass then a {@link BondLengthProjection} pass, repeated until a round
 * in which neither moves anything (at most {@code maxRounds}). Either projection alone can undo part of the other's
 * work (a push stretches bonds by the slope of its spread; a bond correction can close a gap); alternating ends where
 * both hold.
 */
public final class ChainGeometry extends ChainProjection {
    private final int maxRounds;
    private final StericRepulsion steric;
    private final BondLengthProjection bonds;

    /** Alternates {@code steric} and {@code bonds} (both for chains of {@code length}) for at most {@code maxRounds}. */
    public ChainGeometry(int length, StericRepulsion steric, BondLengthProjection bonds, int maxRounds) {
        super(length);
        Checks.require(maxRounds >= 1 && steric.length == length && bonds.length == length,
                "need rounds >= 1 and both projections for chains of %d residues", length);
        this.steric = steric;
        this.bonds = bonds;
        this.maxRounds = maxRounds;
    }

    /** Rounds over one protein's rows from {@code first}; returns the number of rounds in which something moved. */
    @Override int project(double[][] rows, int first) {
        for (int round = 0; round < maxRounds; round++) {
            int moved = steric.project(rows, first) + bonds.project(rows, first);
            if (moved == 0) return round;
        }
        return maxRounds;
    }
}
