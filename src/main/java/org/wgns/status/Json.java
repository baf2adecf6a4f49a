package org.wgns.status;

import java.util.Collection;
import java.util.Map;

/** Writes JSON from maps, lists, strings, numbers, booleans and null. Output only: wgns never reads JSON. */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, "");
        return b.append('\n').toString();
    }

    /** The same JSON on one line, for readers that take a document per line (status bars, jq). */
    public static String line(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, null);
        return b.append('\n').toString();
    }

    /** indent null: everything on one line. */
    private static void write(StringBuilder b, Object v, String indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            container(b, m.entrySet(), '{', '}', indent);
        } else if (v instanceof Collection<?> c) {
            container(b, c, '[', ']', indent);
        } else {
            string(b, v.toString());
        }
    }

    private static void container(StringBuilder b, Collection<?> items, char open, char close, String indent) {
        b.append(open);
        if (items.isEmpty()) {
            b.append(close);
            return;
        }
        String inner = indent == null ? null : indent + "  ";
        int i = 0;
        for (Object item : items) {
            b.append(inner == null ? "" : "\n" + inner);
            if (item instanceof Map.Entry<?, ?> e) {
                string(b, String.valueOf(e.getKey()));
                b.append(inner == null ? ":" : ": ");
                write(b, e.getValue(), inner);
            } else {
                write(b, item, inner);
            }
            b.append(++i < items.size() ? "," : "");
        }
        b.append(indent == null ? "" : "\n" + indent).append(close);
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (org.wgns.Printable.unsafe(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
