package org.wgns.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals only: never a name lookup, whatever the text. */
public final class IpLiteral {
    private static final Pattern V4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiteral() {}

    /** The address, or null when the text is not an IPv4 or IPv6 literal. */
    public static InetAddress parse(String text) {
        boolean v4 = V4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && V6.matcher(text).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            // Only literals reach here, so getByName parses and never resolves.
            InetAddress a = InetAddress.getByName(text);
            return v6 && !(a instanceof Inet6Address) ? null : a;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public static String format(InetAddress a) {
        String s = a.getHostAddress();
        if (a instanceof Inet6Address) {
            // The JDK writes the long form; ip and wg write RFC 5952's short one.
            return compress(s);
        }
        return s;
    }

    static String compress(String full) {
        int pct = full.indexOf('%');
        if (pct >= 0) {
            full = full.substring(0, pct);
        }
        String[] groups = full.split(":");
        StringBuilder norm = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) {
                norm.append(':');
            }
            norm.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        String[] g = norm.toString().split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            return String.join(":", g);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }
}
