package org.flowmatch4j.core.likelihood;

/** How div u = tr(∂u/∂x) is computed. */
public enum DivergenceEstimator {
    /** Exact trace from d vector-Jacobian products with the unit vectors (cost ∝ d; for small d). */
    EXACT,
    /** Hutchinson's estimator E[εᵀ J ε] with Rademacher probes ε ∈ {±1}^d (lowest variance). */
    HUTCHINSON_RADEMACHER,
    /** Hutchinson's estimator with standard Gaussian probes. */
    HUTCHINSON_GAUSSIAN
}
