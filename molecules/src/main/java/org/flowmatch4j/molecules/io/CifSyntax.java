package org.flowmatch4j.molecules.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The STAR/CIF 1.1 grammar as far as crystal files need it: {@code data_} blocks, tag–value pairs, {@code loop_}
 * tables, values bare, in single or double quotes (a quote closes only before white space), or in {@code ;} text
 * fields, {@code #} comments. Tags are case-insensitive and kept lower-case. {@code global_} and {@code save_} frames
 * are skipped. Every value remembers its line for error messages.
 */
final class CifSyntax {

    /** A value and the 1-based line it started on. */
    record Value(String text, int line) {
        /** '?' and '.' mean unknown / not applicable. */
        boolean missing() { return text.equals("?") || text.equals("."); }
    }

    /** A loop: column tags and rows of values. */
    record Loop(List<String> tags, List<List<Value>> rows, int line) {
        int column(String tag) { return tags.indexOf(tag); }
    }

    /** One data block. */
    record Block(String name, int line, Map<String, Value> items, List<Loop> loops) {
        /** The single value of a tag, looked up among items and one-row loops; null when absent. */
        Value item(String tag) {
            Value v = items.get(tag);
            if (v != null) return v;
            for (Loop l : loops) {
                int c = l.column(tag);
                if (c >= 0 && l.rows.size() == 1) return l.rows.get(0).get(c);
            }
            return null;
        }

        /** The loop that has this tag, or null. */
        Loop loopWith(String tag) {
            for (Loop l : loops) if (l.column(tag) >= 0) return l;
            return null;
        }
    }

    private record Token(String text, int line, boolean quoted) {}

    private final String source;
    private final String file;
    private int pos;
    private int line = 1;

    private CifSyntax(String source, String file) {
        this.source = source;
        this.file = file;
    }

    /** Parses the text into its data blocks, in file order. */
    static List<Block> parse(String text, String file) throws CrystalFormatException {
        return new CifSyntax(text, file).blocks();
    }

    private List<Block> blocks() throws CrystalFormatException {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        Token t = next();
        while (t != null) {
            String low = t.quoted ? "" : t.text.toLowerCase(Locale.ROOT);
            if (!t.quoted && low.startsWith("data_")) {
                current = new Block(t.text.substring(5), t.line, new LinkedHashMap<>(), new ArrayList<>());
                blocks.add(current);
                t = next();
            } else if (!t.quoted && (low.startsWith("global_") || low.startsWith("save_"))) {
                t = next();
            } else if (!t.quoted && low.equals("loop_")) {
                if (current == null) throw error(t.line, "loop_ before the first data_ block");
                t = loop(current, t.line);
            } else if (!t.quoted && t.text.startsWith("_")) {
                if (current == null) throw error(t.line, "tag " + t.text + " before the first data_ block");
                Token v = next();
                if (v == null) throw error(t.line, "tag " + t.text + " has no value (end of file)");
                if (!v.quoted && (v.text.startsWith("_") || v.text.equalsIgnoreCase("loop_") || v.text.toLowerCase(Locale.ROOT).startsWith("data_")))
                    throw error(v.line, "tag " + t.text + " has no value (found " + v.text + ")");
                current.items.put(low, new Value(v.text, v.line));
                t = next();
            } else {
                throw error(t.line, "unexpected value '" + abbreviate(t.text) + "' outside a loop (expected a tag, loop_ or data_)");
            }
        }
        return blocks;
    }

    private Token loop(Block block, int startLine) throws CrystalFormatException {
        List<String> tags = new ArrayList<>();
        Token t = next();
        while (t != null && !t.quoted && t.text.startsWith("_")) {
            tags.add(t.text.toLowerCase(Locale.ROOT));
            t = next();
        }
        if (tags.isEmpty()) throw error(startLine, "loop_ without tags");
        List<Value> values = new ArrayList<>();
        while (t != null && (t.quoted || !isReserved(t.text))) {
            values.add(new Value(t.text, t.line));
            t = next();
        }
        if (values.size() % tags.size() != 0)
            throw error(startLine, "loop with %d tags (%s…) has %d values, not a multiple of %d"
                    .formatted(tags.size(), tags.get(0), values.size(), tags.size()));
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += tags.size()) rows.add(List.copyOf(values.subList(i, i + tags.size())));
        block.loops.add(new Loop(tags, rows, startLine));
        return t;
    }

    private static boolean isReserved(String s) {
        String low = s.toLowerCase(Locale.ROOT);
        return s.startsWith("_") || low.equals("loop_") || low.startsWith("data_") || low.startsWith("save_") || low.startsWith("global_");
    }

    private Token next() throws CrystalFormatException {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\n') { line++; pos++; }
            else if (Character.isWhitespace(c)) pos++;
            else if (c == '#') { while (pos < source.length() && source.charAt(pos) != '\n') pos++; }
            else break;
        }
        if (pos >= source.length()) return null;
        int startLine = line;
        char c = source.charAt(pos);
        if (c == ';' && (pos == 0 || source.charAt(pos - 1) == '\n')) return textField(startLine);
        if (c == '\'' || c == '"') return quoted(c, startLine);
        int start = pos;
        while (pos < source.length() && !Character.isWhitespace(source.charAt(pos))) pos++;
        return new Token(source.substring(start, pos), startLine, false);
    }

    private Token quoted(char q, int startLine) throws CrystalFormatException {
        int start = ++pos;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\n') throw error(startLine, "quoted value not closed on its line (missing " + q + ")");
            if (c == q && (pos + 1 >= source.length() || Character.isWhitespace(source.charAt(pos + 1)))) {
                String text = source.substring(start, pos);
                pos++;
                return new Token(text, startLine, true);
            }
            pos++;
        }
        throw error(startLine, "quoted value not closed (missing " + q + ")");
    }

    private Token textField(int startLine) throws CrystalFormatException {
        int start = ++pos;
        while (pos < source.length()) {
            if (source.charAt(pos) == '\n') {
                line++;
                if (pos + 1 < source.length() && source.charAt(pos + 1) == ';') {
                    String text = source.substring(start, pos).strip();
                    pos += 2;
                    return new Token(text, startLine, true);
                }
            }
            pos++;
        }
        throw error(startLine, "text field opened with ';' is not closed");
    }

    private CrystalFormatException error(int at, String reason) {
        return new CrystalFormatException("%s, line %d: %s".formatted(file, at, reason));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
