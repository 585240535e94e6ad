package org.flowmatch4j.cli.seq;

import org.flowmatch4j.sequences.flow.CategoricalFlow;
import org.flowmatch4j.sequences.flow.DiscreteFlow;
import picocli.CommandLine.Option;

/** The training loss and the discrete flows' scheduler κ_t = tⁿ, shared by {@code seq train} and {@code seq toy}. */
public final class DiscreteFlowOptions {
    @Option(names = "--loss", defaultValue = "ce", description = "ce (cross-entropy on x1) or gkl (the generalised KL of the "
            + "mixture path, discrete methods) (default: ${DEFAULT-VALUE}).")
    String loss;
    @Option(names = "--kappa-exponent", defaultValue = "1", description = "Discrete methods: the scheduler kappa_t = t^n "
            + "(Gat et al. use 2 or 3) (default: ${DEFAULT-VALUE}).")
    int kappaExponent;

    /** The named flow with this scheduler; the loss must be ce or gkl, and gkl needs a discrete flow. */
    CategoricalFlow flow(String method, int k) {
        CategoricalFlow flow = CategoricalFlow.named(method, k, kappaExponent);
        if (!loss.equals("ce") && !loss.equals("gkl")) throw new IllegalArgumentException("--loss must be ce or gkl, got '" + loss + "'");
        if (loss.equals("gkl") && !(flow instanceof DiscreteFlow)) {
            throw new IllegalArgumentException("--loss gkl (generalised KL) is for discrete flows, not --method " + method);
        }
        return flow;
    }

    /** The loss as progress lines name it. */
    String lossName() { return loss.equals("ce") ? "cross-entropy" : "generalised KL"; }
}
