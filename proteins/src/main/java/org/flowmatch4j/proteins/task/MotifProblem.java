package org.flowmatch4j.proteins.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;

/**
 * A motif-scaffolding benchmark problem in the Genie 2 / RFdiffusion benchmark file format: {@code REMARK 999}
 * lines give the name, the source PDB id, the layout as {@code INPUT} rows (scaffold "min max", or motif
 * "chain start end [group]"), and the total length range; ATOM records hold the motif residues. The motif residues
 * of each segment are looked up by chain and author residue number and must all be present.
 *
 * @param motifs backbone of each motif segment, in layout order
 */
public record MotifProblem(String name, String pdbId, Contig contig, int minLength, int maxLength, List<Backbone> motifs) {
    public static MotifProblem read(Path file) throws IOException {
        String name = null, pdb = null;
        int min = -1, max = -1;
        List<String> parts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("REMARK 999")) continue;
            String[] f = line.substring(10).trim().split("\\s+");
            switch (f[0]) {
                case "NAME" -> name = f.length > 1 ? f[1] : "";
                case "PDB" -> pdb = f.length > 1 ? f[1] : "";
                case "INPUT" -> {
                    if (f.length == 3) {
                        parts.add(f[1] + "-" + f[2]);
                        groups.add("");
                    } else if (f.length == 4 || f.length == 5) {
                        parts.add(f[1] + f[2] + "-" + f[3]);
                        groups.add(f.length == 5 ? f[4] : "");
                    } else {
                        throw new IOException(file + ": bad REMARK 999 INPUT line '" + line.trim() + "'");
                    }
                }
                case "MINIMUM" -> min = Integer.parseInt(f[f.length - 1]);
                case "MAXIMUM" -> max = Integer.parseInt(f[f.length - 1]);
                default -> { }
            }
        }
        if (parts.isEmpty()) throw new IOException(file + ": no 'REMARK 999 INPUT' lines (not a motif problem file)");
        if (min < 0 || max < min) throw new IOException(file + ": missing or inconsistent REMARK 999 MINIMUM/MAXIMUM TOTAL LENGTH");
        Contig parsed;
        try {
            parsed = Contig.parse(String.join("/", parts));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        List<Contig.Segment> segs = new ArrayList<>();
        for (int i = 0; i < parsed.segments().size(); i++) {
            Contig.Segment s = parsed.segments().get(i);
            segs.add(s instanceof Contig.Motif m ? new Contig.Motif(m.chain(), m.start(), m.end(), groups.get(i)) : s);
        }
        return of(file, name, pdb, new Contig(List.copyOf(segs)), min, max);
    }

    /**
     * A problem with the given layout over the structure in {@code file} (any PDB/mmCIF file): the motif residues are
     * looked up by chain and author residue number and must all be present.
     */
    public static MotifProblem of(Path file, String name, String pdbId, Contig contig, int minLength, int maxLength) throws IOException {
        Map<String, Backbone> chains = new LinkedHashMap<>();
        for (Backbone b : StructureReader.read(file)) chains.put(b.chainId(), b);
        List<Backbone> motifs = new ArrayList<>();
        for (Contig.Segment s : contig.segments()) {
            if (s instanceof Contig.Motif m) motifs.add(slice(file, chains.get(m.chain()), m));
        }
        return new MotifProblem(name, pdbId, contig, minLength, maxLength, List.copyOf(motifs));
    }

    private static Backbone slice(Path file, Backbone chain, Contig.Motif m) throws IOException {
        if (chain == null) throw new IOException(file + ": motif " + m.chain() + m.start() + "-" + m.end() + " names a chain not in the file");
        int[] nums = chain.residueNumbers();
        int from = -1;
        for (int i = 0; i < nums.length; i++) if (nums[i] == m.start()) { from = i; break; }
        if (from < 0 || from + m.length() > nums.length || nums[from + m.length() - 1] != m.end()) {
            throw new IOException(file + ": motif residues " + m.chain() + m.start() + "-" + m.end() + " are not all present");
        }
        int to = from + m.length();
        return new Backbone(chain.name(), chain.chainId(), chain.sequence().substring(from, to),
                java.util.Arrays.copyOfRange(nums, from, to), java.util.Arrays.copyOfRange(chain.n(), from, to),
                java.util.Arrays.copyOfRange(chain.ca(), from, to), java.util.Arrays.copyOfRange(chain.c(), from, to),
                java.util.Arrays.copyOfRange(chain.o(), from, to));
    }
}
