package org.flowmatch4j.proteins.task;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.util.Rng;
import org.flowmatch4j.proteins.geometry.Frames;
import org.flowmatch4j.proteins.io.Backbone;

/**
 * One concrete layout of a motif problem: the total length, the drawn length of each contig segment, the chain positions of the motif residues (in contig
 * order), their frames (Å, from the motif's N, Cα, C) and the chain's sequence (motif residues keep their names,
 * scaffold residues are 'A').
 */
public record MotifLayout(int length, int[] segmentLengths, int[] motifPositions, Frames motifFrames, String sequence) {
    /** Draws scaffold lengths within the contig's ranges so that the total lies in the problem's range. */
    public static MotifLayout sample(MotifProblem problem, Rng rng) {
        int[] seg = problem.contig().sampleLengths(problem.minLength(), problem.maxLength(), rng);
        List<Integer> positions = new ArrayList<>();
        List<double[]> rot = new ArrayList<>(), trans = new ArrayList<>();
        StringBuilder seq = new StringBuilder();
        int at = 0, motif = 0;
        for (int i = 0; i < seg.length; i++) {
            if (problem.contig().segments().get(i) instanceof Contig.Motif) {
                Backbone m = problem.motifs().get(motif++);
                Frames f = Frames.of(m);
                for (int k = 0; k < m.length(); k++) {
                    positions.add(at + k);
                    rot.add(f.rotations()[k]);
                    trans.add(f.translations()[k]);
                }
                seq.append(m.sequence());
            } else {
                seq.append("A".repeat(seg[i]));
            }
            at += seg[i];
        }
        return new MotifLayout(at, seg, positions.stream().mapToInt(Integer::intValue).toArray(),
                new Frames(rot.toArray(double[][]::new), trans.toArray(double[][]::new)), seq.toString());
    }

    /** The drawn layout in contig syntax with fixed scaffold lengths, e.g. 12/A16-35/18. */
    public String describe(Contig contig) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segmentLengths.length; i++) {
            if (!sb.isEmpty()) sb.append('/');
            if (contig.segments().get(i) instanceof Contig.Motif m) sb.append(m.chain()).append(m.start()).append('-').append(m.end());
            else sb.append(segmentLengths[i]);
        }
        return sb.toString();
    }

    /** Whether chain position i holds a motif residue. */
    public boolean[] motifMask() {
        boolean[] m = new boolean[length];
        for (int p : motifPositions) m[p] = true;
        return m;
    }
}
