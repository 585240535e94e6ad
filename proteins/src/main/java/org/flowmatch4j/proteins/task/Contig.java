package org.flowmatch4j.proteins.task;

import java.util.ArrayList;
import java.util.List;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.core.util.Rng;

/**
 * A motif-scaffolding layout in the RFdiffusion/FrameFlow contig syntax: segments separated by '/' (or ','),
 * either scaffold length ranges {@code 5-15} (or a fixed {@code 7}) or motif residue ranges {@code A10-25} (chain
 * letter, first and last author residue number), e.g. {@code 5-15/A10-25/30-40}. Brackets around the whole are allowed.
 */
public record Contig(List<Segment> segments) {
    /** One segment of a contig. */
    public sealed interface Segment permits Scaffold, Motif {}

    /** Generated residues, a length drawn from [min, max]. */
    public record Scaffold(int min, int max) implements Segment {
        public Scaffold { Checks.require(min >= 0 && max >= min, "scaffold range must have 0 <= min <= max, got %d-%d", min, max); }
    }

    /** Fixed residues start..end (inclusive) of a chain of the motif structure; group tags multi-motif problems. */
    public record Motif(String chain, int start, int end, String group) implements Segment {
        public Motif { Checks.require(end >= start, "motif range %s%d-%d must have start <= end", chain, start, end); }

        public int length() { return end - start + 1; }
    }

    public static Contig parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        List<Segment> out = new ArrayList<>();
        for (String part : s.split("[/,]")) {
            String p = part.trim();
            java.util.regex.Matcher m;
            if ((m = java.util.regex.Pattern.compile("([A-Za-z])(-?\\d+)-(-?\\d+)").matcher(p)).matches()) {
                out.add(new Motif(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), ""));
            } else if ((m = java.util.regex.Pattern.compile("(\\d+)-(\\d+)").matcher(p)).matches()) {
                out.add(new Scaffold(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            } else if (p.matches("\\d+")) {
                out.add(new Scaffold(Integer.parseInt(p), Integer.parseInt(p)));
            } else {
                throw new IllegalArgumentException("bad contig segment '" + p + "' in '" + spec
                        + "': expected a scaffold range like 5-15 or a motif range like A10-25");
            }
        }
        Checks.require(out.stream().anyMatch(x -> x instanceof Motif), "contig '%s' has no motif segment", spec);
        return new Contig(List.copyOf(out));
    }

    /** Total motif residues. */
    public int motifLength() {
        return segments.stream().mapToInt(x -> x instanceof Motif m ? m.length() : 0).sum();
    }

    /**
     * Draws scaffold lengths uniformly within their ranges until the total length lies in [minTotal, maxTotal]
     * (as the design benchmarks do). Returns one length per segment (motif segments keep theirs).
     */
    public int[] sampleLengths(int minTotal, int maxTotal, Rng rng) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int[] len = new int[segments.size()];
            int total = 0;
            for (int i = 0; i < len.length; i++) {
                len[i] = segments.get(i) instanceof Scaffold sc ? sc.min() + rng.nextInt(sc.max() - sc.min() + 1) : ((Motif) segments.get(i)).length();
                total += len[i];
            }
            if (total >= minTotal && total <= maxTotal) return len;
        }
        throw new IllegalArgumentException(String.format("no scaffold lengths of %s give a total length in [%d, %d]", this, minTotal, maxTotal));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment seg : segments) {
            if (!sb.isEmpty()) sb.append('/');
            if (seg instanceof Scaffold sc) sb.append(sc.min() == sc.max() ? "" + sc.min() : sc.min() + "-" + sc.max());
            else if (seg instanceof Motif m) sb.append(m.chain()).append(m.start()).append('-').append(m.end());
        }
        return sb.toString();
    }
}
