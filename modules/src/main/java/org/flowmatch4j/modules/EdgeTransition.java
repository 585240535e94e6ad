package org.flowmatch4j.modules;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * FrameFlow's edge update between IPA blocks: the pair representation is recomputed from itself and the current node
 * features. With a_i = s_i W_a + b_a (c_S → c_S/2 channels) and x_ij = [z_ij | a_i | a_j] (width H = c_Z + c_S):
 * <pre>
 *   h_ij  = ReLU(ReLU(x_ij W_1 + b_1) W_2 + b_2)              (H → H → H)
 *   z'_ij = LN((h_ij + x_ij) W_f + b_f)                        (H → c_Z)
 * </pre>
 * The pair tensor x is never built: with W split into its row blocks, x_ij W = z_ij W^z + a_i W^i + a_j W^j, so the
 * node terms are computed once per residue (B·N rows, not B·N²) and broadcast over the other index. Invariant inputs
 * give invariant outputs, so an IPA trunk stays SE(3)-equivariant with these updates between its blocks.
 */
public final class EdgeTransition {
    private EdgeTransition() {}

    /**
     * @param s node features [B, N, cS] (cS even)
     * @param z pair features [B, N, N, cZ]
     * @return the new pair features [B, N, N, cZ]
     */
    public static SDVariable apply(SameDiff sd, String prefix, SDVariable s, SDVariable z, int n, int cS, int cZ,
                                   SplittableRandom rnd) {
        if (cS % 2 != 0) throw new IllegalArgumentException("edge transition needs an even node width, got " + cS);
        int half = cS / 2, width = cZ + cS;
        DataType dt = s.dataType();
        SDVariable a = Linear.apply(sd, prefix + "/node", s.reshape(-1, cS), cS, half, rnd);          // [B·N, cS/2]
        SDVariable zRows = z.reshape(-1, cZ);                                                     // [B·N·N, cZ]
        SDVariable[] l1 = Linear.variables(sd, prefix + "/l1", dt, width, width, rnd);
        SDVariable h = sd.nn().relu(pairProduct(l1[0], zRows, a, n, cZ, half, width).add(l1[1]), 0);
        h = sd.nn().relu(Linear.apply(sd, prefix + "/l2", h, width, width, rnd), 0);
        SDVariable[] last = Linear.variables(sd, prefix + "/final", dt, width, cZ, rnd);
        SDVariable out = h.mmul(last[0]).add(pairProduct(last[0], zRows, a, n, cZ, half, cZ)).add(last[1]);
        return LayerNorm.apply(sd, prefix + "/ln", out, cZ).reshape(-1, n, n, cZ);
    }

    /** [z_ij | a_i | a_j] W as rows [B·N·N, out], from the row blocks of W [cZ + 2·half, out]. */
    private static SDVariable pairProduct(SDVariable w, SDVariable zRows, SDVariable a, int n, int cZ, int half, int out) {
        SDVariable wz = w.get(SDIndex.interval(0, cZ), SDIndex.all());
        SDVariable wi = w.get(SDIndex.interval(cZ, cZ + half), SDIndex.all());
        SDVariable wj = w.get(SDIndex.interval(cZ + half, cZ + 2 * half), SDIndex.all());
        SDVariable rowTerm = a.mmul(wi).reshape(-1, n, 1, out), columnTerm = a.mmul(wj).reshape(-1, 1, n, out);
        return zRows.mmul(wz).reshape(-1, n, n, out).add(rowTerm).add(columnTerm).reshape(-1, out);
    }
}
