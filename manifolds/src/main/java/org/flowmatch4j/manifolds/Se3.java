package org.flowmatch4j.manifolds;

import java.util.List;

/**
 * Rigid motions SE(3) as the product SO(3) × R³ (12 ambient coordinates: rotation row-major, then translation) with
 * per-factor metric weights, the left-invariant split used by FrameFlow: d² = w_rot θ² + w_trans |Δt|².
 */
public final class Se3 {
    private Se3() {}

    /** SO(3) × R³ with weights for the rotation and translation parts. */
    public static ProductManifold of(double rotationWeight, double translationWeight) {
        return new ProductManifold(List.of(new So3(), new Euclidean(3)), new double[] {rotationWeight, translationWeight});
    }

    /** Unit weights. */
    public static ProductManifold of() { return of(1, 1); }
}
