package org.wgns.state;

import java.util.Properties;
import java.util.TreeSet;

/**
 * Properties as the text {@link Properties#load} reads, keys sorted, without the date line that
 * {@link Properties#store} always writes in Java 17: formatting that date loads the JDK's
 * time-zone names, about 30 ms of every `up`. Escapes as store(Writer) does.
 */
final class PropertiesText {
    private PropertiesText() {}

    /** @param comment one line, written after "#" as it is */
    static String of(Properties p, String comment) {
        StringBuilder b = new StringBuilder("#").append(comment).append('\n');
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            escape(b, key, true);
            b.append('=');
            escape(b, p.getProperty(key), false);
            b.append('\n');
        }
        return b.toString();
    }

    /** A space is escaped everywhere in a key, and only in first place in a value. */
    private static void escape(StringBuilder b, String s, boolean key) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
    }
}
