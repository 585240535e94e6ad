package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Backbone update (AlphaFold 2, Alg. 23): a linear map of the single representation to (b, c, d, t⃗) per residue,
 * the rotation of the unit quaternion (1, b, c, d)/√(1 + b² + c² + d²) and the translation t⃗, composed on the right
 * of each frame: R_i ← R_i ΔR_i, t_i ← R_i t⃗_i + t_i. The map starts at zero, so an untrained update is the identity.
 */
public final class BackboneUpdate {
    /** The updated frames. */
    public record Frames(SDVariable rot, SDVariable trans) {}

    private BackboneUpdate() {}

    /**
     * @param s     [B, N, cS]
     * @param rot   [B, N, 3, 3]
     * @param trans [B, N, 3]
     */
    public static Frames apply(SameDiff sd, String prefix, SDVariable s, SDVariable rot, SDVariable trans, int n, int cS,
                               SplittableRandom rnd) {
        SDVariable flat = s.reshape(-1, cS);
        SDVariable w = sd.var(prefix + "/W", org.nd4j.linalg.factory.Nd4j.zeros(s.dataType(), cS, 6));
        SDVariable bias = sd.var(prefix + "/b", org.nd4j.linalg.factory.Nd4j.zeros(s.dataType(), 1, 6));
        SDVariable u = flat.mmul(w).add(bias);                                              // [B·N, 6]
        SDVariable b = u.get(SDIndexes.col(0)), c = u.get(SDIndexes.col(1)), d = u.get(SDIndexes.col(2));
        SDVariable norm = sd.math().sqrt(b.mul(b).add(c.mul(c)).add(d.mul(d)).add(1.0));
        SDVariable qw = norm.rdiv(1.0), qx = b.div(norm), qy = c.div(norm), qz = d.div(norm);
        SDVariable r00 = qw.mul(qw).add(qx.mul(qx)).sub(qy.mul(qy)).sub(qz.mul(qz));
        SDVariable r01 = qx.mul(qy).sub(qw.mul(qz)).mul(2), r02 = qx.mul(qz).add(qw.mul(qy)).mul(2);
        SDVariable r10 = qx.mul(qy).add(qw.mul(qz)).mul(2);
        SDVariable r11 = qw.mul(qw).sub(qx.mul(qx)).add(qy.mul(qy)).sub(qz.mul(qz));
        SDVariable r12 = qy.mul(qz).sub(qw.mul(qx)).mul(2), r20 = qx.mul(qz).sub(qw.mul(qy)).mul(2);
        SDVariable r21 = qy.mul(qz).add(qw.mul(qx)).mul(2);
        SDVariable r22 = qw.mul(qw).sub(qx.mul(qx)).sub(qy.mul(qy)).add(qz.mul(qz));
        SDVariable delta = sd.concat(1, r00, r01, r02, r10, r11, r12, r20, r21, r22).reshape(-1, n, 3, 3);
        SDVariable dt = sd.concat(1, u.get(SDIndexes.col(3)), u.get(SDIndexes.col(4)), u.get(SDIndexes.col(5))).reshape(-1, n, 3, 1);
        SDVariable newRot = sd.mmul(rot, delta);
        SDVariable newTrans = sd.mmul(rot, dt).reshape(-1, n, 3).add(trans);
        return new Frames(newRot, newTrans);
    }

    /** Column slices as [rows, 1]. */
    private static final class SDIndexes {
        static org.nd4j.autodiff.samediff.SDIndex[] col(int j) {
            return new org.nd4j.autodiff.samediff.SDIndex[] {org.nd4j.autodiff.samediff.SDIndex.all(),
                    org.nd4j.autodiff.samediff.SDIndex.interval(j, j + 1)};
        }
    }
}
