package org.wgns.config;

import java.net.InetAddress;
import java.util.regex.Pattern;

/** A peer's Endpoint=: "host:port" or "[v6]:port"; host may be a name resolved later. */
public record Endpoint(String host, int port) {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public Endpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a port of 1 to 65535");
        }
        if (IpLiteral.parse(host) == null && !HOSTNAME.matcher(host).matches()) {
            throw new IllegalArgumentException("expected an IP address or a host name before ':port'");
        }
    }

    // Written out: a record's own equals and hashCode are built from method handles at their first
    // call (~15-25 ms of a short-lived JVM), and up keys a map by endpoint.
    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && e.host.equals(host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    public static Endpoint parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:port");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!(IpLiteral.parse(host) instanceof java.net.Inet6Address)) {
                throw new IllegalArgumentException("expected an IPv6 address in brackets");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected host:port");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("an IPv6 endpoint needs brackets: [IPv6]:port");
            }
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("expected a port number after ':'");
        }
        return new Endpoint(host, Integer.parseInt(port));
    }

    /** The literal address, or null when host is a name. */
    public InetAddress literal() {
        return IpLiteral.parse(host);
    }

    /** How wg writes an endpoint: brackets around IPv6. */
    public static String format(InetAddress address, int port) {
        String a = IpLiteral.format(address);
        return (address instanceof java.net.Inet6Address ? "[" + a + "]" : a) + ":" + port;
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
