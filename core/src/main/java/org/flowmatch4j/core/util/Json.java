package org.flowmatch4j.core.util;

import java.util.Map;

/** Minimal JSON writing for metrics files and logs (objects of numbers, strings, booleans, lists, nested maps). */
public final class Json {
    private Json() {}

    /** One-line JSON object; insertion order is kept for a {@link java.util.LinkedHashMap}. */
    public static String object(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(string(e.getKey())).append(": ").append(value(e.getValue()));
        }
        return sb.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof Map<?, ?> m) return object((Map<String, ?>) m);
        if (v instanceof java.util.Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : c) sb.append(sb.length() > 1 ? ", " : "").append(value(o));
            return sb.append(']').toString();
        }
        if (v instanceof Boolean) return v.toString();
        if (v instanceof Double d) return Double.isFinite(d) ? Double.toString(d) : "null";
        if (v instanceof Float f) return Float.isFinite(f) ? Float.toString(f) : "null";
        if (v instanceof Number) return v.toString();
        return string(v.toString());
    }

    /** A JSON string literal with escapes. */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
