package org.wgns;

import java.util.regex.Pattern;

/** The names wgns accepts, checked before anything on the system is touched. */
public final class Names {
    // Not starting with '.' (wgns keeps its locks beside the names) or '-' (an option to ip).
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    // wg-quick's rule for interface names.
    private static final Pattern INTERFACE = Pattern.compile("[a-zA-Z0-9_=+.-]{1,15}");

    private Names() {}

    public static String namespace(String name) {
        if (name == null || !NAMESPACE.matcher(name).matches()) {
            throw WgnsException.usage("invalid namespace name '" + printable(name)
                    + "': use 1 to 64 of A-Z a-z 0-9 _ . -, starting with a letter, digit or _");
        }
        return name;
    }

    public static String iface(String name) {
        if (name == null || !INTERFACE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw WgnsException.usage("invalid interface name '" + printable(name)
                    + "': use 1 to 15 of A-Z a-z 0-9 _ = + . -");
        }
        return name;
    }

    /** Shows a user's input in a message without letting control characters or length through. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x7f && !Printable.unsafe(c) ? c : '?');
        }
        if (s.length() > 40) {
            b.append("...");
        }
        return b.toString();
    }
}
