package org.wgns;

/**
 * Text from outside (a process's command line, a user's argument) made safe for a terminal: a
 * process inside a namespace names itself, and its name must not repaint the screen of whoever
 * runs `wgns show`. Control characters (C0, DEL, C1) and the invisible direction overrides that
 * make text read other than it is are written as escapes.
 */
public final class Printable {
    private Printable() {}

    /** The whole text, every unsafe character as \xNN or \\u{NNNN}. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (unsafe(c)) {
                b.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u{%04x}", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Control characters, and the Unicode format characters that reorder or hide text. */
    public static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f
                || c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0xfeff;
    }
}
