package org.wgns.reach;

import java.net.InetAddress;
import java.util.Locale;
import org.wgns.Names;
import org.wgns.config.IpLiteral;

/**
 * --reach [LOCALPORT:]HOST:PORT[/tcp|/udp]: inside the namespace, 127.0.0.1:LOCALPORT reaches
 * HOST:PORT as the host's namespace sees it. The mirror of --publish.
 */
public record Reach(int localPort, InetAddress host, int port, String proto) {
    public Reach {
        if (localPort < 1 || localPort > 65535 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("ports are 1 to 65535");
        }
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw new IllegalArgumentException("protocol is tcp or udp");
        }
    }

    public static Reach parse(String text) {
        String t = text;
        String proto = "tcp";
        int slash = t.lastIndexOf('/');
        if (slash >= 0) {
            proto = t.substring(slash + 1).toLowerCase(Locale.ROOT);
            t = t.substring(0, slash);
        }
        String local = null;
        String host;
        String port;
        int open = t.indexOf('[');
        if (open >= 0) {
            int close = t.indexOf("]:", open);
            if (close < 0 || open > 0 && t.charAt(open - 1) != ':') {
                throw bad(text);
            }
            local = open > 0 ? t.substring(0, open - 1) : null;
            host = t.substring(open + 1, close);
            port = t.substring(close + 2);
        } else {
            String[] p = t.split(":", -1);
            if (p.length < 2 || p.length > 3) {
                throw bad(text);
            }
            local = p.length == 3 ? p[0] : null;
            host = p[p.length - 2];
            port = p[p.length - 1];
        }
        InetAddress a = IpLiteral.parse(host);
        if (a == null || !port.matches("[0-9]{1,5}") || local != null && !local.matches("[0-9]{1,5}")
                || !proto.equals("tcp") && !proto.equals("udp")) {
            throw bad(text);
        }
        int p = Integer.parseInt(port);
        return new Reach(local == null ? p : Integer.parseInt(local), a, p, proto);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + Names.printable(text)
                + "' is not [LOCALPORT:]HOST:PORT[/tcp|/udp] (e.g. 1143:127.0.0.1:1143, 192.168.1.20:631, 5353:127.0.0.1:53/udp)");
    }

    /** HOST:PORT as the host sees it, v6 in brackets. */
    public String hostSide() {
        String a = IpLiteral.format(host);
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }

    /** For show and check: "127.0.0.1:5353 -> 127.0.0.1:53/udp". */
    public String describe() {
        return "127.0.0.1:" + localPort + " -> " + hostSide() + "/" + proto;
    }

    @Override
    public String toString() {
        return localPort + ":" + hostSide() + "/" + proto;
    }
}
