package org.flowmatch4j.cli.toy;

import org.flowmatch4j.core.coupling.Coupling;
import org.flowmatch4j.core.coupling.ExactOtCoupling;
import org.flowmatch4j.core.coupling.IndependentCoupling;
import org.flowmatch4j.core.coupling.SinkhornCoupling;

/** The couplings a command line can name. */
public enum CouplingKind {
    INDEPENDENT, OT, SINKHORN;

    /** The coupling; {@code sinkhornEpsilon} is relative to the mean squared distance. */
    public Coupling create(double sinkhornEpsilon) {
        return switch (this) {
            case INDEPENDENT -> new IndependentCoupling();
            case OT -> new ExactOtCoupling();
            case SINKHORN -> new SinkhornCoupling(sinkhornEpsilon);
        };
    }
}
