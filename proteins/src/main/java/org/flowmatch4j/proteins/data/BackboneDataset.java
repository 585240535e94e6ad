package org.flowmatch4j.proteins.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flowmatch4j.core.util.AtomicFiles;
import org.flowmatch4j.core.util.Checks;
import org.flowmatch4j.proteins.io.Backbone;
import org.flowmatch4j.proteins.io.StructureReader;

/**
 * Training backbones built from a directory of structure files: chains within a length range, without chain breaks
 * (or, on request, cut at their breaks into unbroken segments), optionally better than a resolution limit, duplicates
 * (identical sequences) removed; every left-out chain, segment or file is reported with the reason. The set is cached
 * in a compact binary file (float32 coordinates, CRC-32 checked).
 *
 * @param chains  the kept backbones, in file order
 * @param skipped one line per left-out chain, segment or file: "file[ chain[ residues first–last]]: reason"
 */
public record BackboneDataset(List<Backbone> chains, List<String> skipped) {
    private static final byte[] MAGIC = "FM4JBBDS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** Which chains of a file to use. */
    public enum ChainSelection { FIRST, ALL }

    /**
     * @param maxResolution Å; files with a worse resolution are skipped, files without one (NMR) are kept unless
     *                      {@code requireResolution}
     * @param splitBreaks   cut each chain at its breaks (C(i)–N(i+1) > {@value Backbone#MAX_PEPTIDE_BOND} Å) and keep
     *                      every unbroken segment within the length range as a chain of its own; false: a chain with a
     *                      break is left out whole
     */
    public record Options(int minLength, int maxLength, ChainSelection chains, double maxResolution, boolean requireResolution,
                          boolean splitBreaks) {
        public Options {
            Checks.require(minLength >= 1 && maxLength >= minLength, "need 1 <= min length <= max length, got %d, %d", minLength, maxLength);
        }

        public static Options lengths(int min, int max) { return new Options(min, max, ChainSelection.FIRST, Double.POSITIVE_INFINITY, false, false); }

        /** These options, with chains cut at their breaks instead of left out. */
        public Options splittingBreaks() { return new Options(minLength, maxLength, chains, maxResolution, requireResolution, true); }
    }

    public static BackboneDataset build(Path dir, Options o) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.(pdb|ent|cif)(\\.gz)?$")).sorted().toList();
        }
        List<Backbone> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            StructureReader.StructureFile parsed;
            try {
                parsed = StructureReader.parse(f);
            } catch (IOException e) {
                skipped.add(name + ": unreadable (" + e.getMessage() + ")");
                continue;
            }
            if (Double.isNaN(parsed.resolution()) && o.requireResolution()) {
                skipped.add(name + ": no resolution given (" + (parsed.methods().isEmpty() ? "method unknown" : parsed.methods()) + ")");
                continue;
            }
            if (parsed.resolution() > o.maxResolution()) {
                skipped.add(String.format("%s: resolution %.2f Å worse than %.2f Å", name, parsed.resolution(), o.maxResolution()));
                continue;
            }
            List<Backbone> chains = o.chains() == ChainSelection.FIRST ? parsed.chains().subList(0, 1) : parsed.chains();
            for (Backbone whole : chains) {
                List<Backbone> pieces = o.splitBreaks() ? segments(whole) : List.of(whole);
                for (Backbone b : pieces) {
                    String where = name + " " + b.chainId() + (pieces.size() == 1 ? ""
                            : " residues " + b.residueNumbers()[0] + "–" + b.residueNumbers()[b.length() - 1]);
                    String reason = rejection(b, o);
                    if (reason != null) {
                        skipped.add(where + ": " + reason);
                        continue;
                    }
                    String dup = seen.putIfAbsent(b.sequence(), where);
                    if (dup != null) {
                        skipped.add(where + ": same sequence as " + dup);
                        continue;
                    }
                    kept.add(b);
                }
            }
        }
        return new BackboneDataset(List.copyOf(kept), List.copyOf(skipped));
    }

    /** Why a chain or segment fails the length or break filter, or null if it passes. */
    private static String rejection(Backbone b, Options o) {
        if (b.length() < o.minLength() || b.length() > o.maxLength()) {
            return String.format("length %d outside [%d, %d]", b.length(), o.minLength(), o.maxLength());
        }
        int gap = firstBreak(b);
        return gap < 0 ? null : String.format("chain break after residue %d (C–N %.2f Å)", b.residueNumbers()[gap],
                org.flowmatch4j.proteins.geometry.Vec3.dist(b.c()[gap], b.n()[gap + 1]));
    }

    /** The chain cut at every break into its unbroken segments, in order (the chain itself if it has none). */
    public static List<Backbone> segments(Backbone b) {
        List<Backbone> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < b.length(); i++) {
            if (!b.bonded(i)) {
                out.add(b.slice(start, i + 1));
                start = i + 1;
            }
        }
        out.add(start == 0 ? b : b.slice(start, b.length()));
        return out;
    }

    private static int firstBreak(Backbone b) {
        for (int i = 0; i + 1 < b.length(); i++) if (!b.bonded(i)) return i;
        return -1;
    }

    /** Writes the kept chains (atomically). */
    public void save(Path file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(chains.size());
            for (Backbone b : chains) {
                out.writeUTF(b.name());
                out.writeUTF(b.chainId());
                out.writeUTF(b.sequence());
                for (int r : b.residueNumbers()) out.writeInt(r);
                for (double[][] atoms : new double[][][] {b.n(), b.ca(), b.c(), b.o()}) {
                    for (double[] p : atoms) for (int k = 0; k < 3; k++) out.writeFloat(p == null ? Float.NaN : (float) p[k]);
                }
            }
        }
        AtomicFiles.writeChecksummed(file, buf.toByteArray());
    }

    /** Reads a cache written by {@link #save} (the skip report is not stored). */
    public static BackboneDataset load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 16) throw new IOException(file + ": too short to be a backbone dataset");
        if (!AtomicFiles.checksumMatches(all)) throw new IOException(file + ": checksum mismatch (truncated or corrupted)");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new IOException(file + ": not a FlowMatch4j backbone dataset");
            int version = in.readInt();
            if (version != VERSION) throw new IOException(file + ": dataset version " + version + ", this build reads " + VERSION);
            int count = in.readInt();
            List<Backbone> chains = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF(), chain = in.readUTF(), seq = in.readUTF();
                int len = seq.length();
                int[] nums = new int[len];
                for (int r = 0; r < len; r++) nums[r] = in.readInt();
                double[][][] atoms = new double[4][len][];
                for (int a = 0; a < 4; a++) {
                    for (int r = 0; r < len; r++) {
                        double[] p = {in.readFloat(), in.readFloat(), in.readFloat()};
                        atoms[a][r] = Double.isNaN(p[0]) ? null : p;
                    }
                }
                chains.add(new Backbone(name, chain, seq, nums, atoms[0], atoms[1], atoms[2], atoms[3]));
            }
            return new BackboneDataset(List.copyOf(chains), List.of());
        }
    }
}
