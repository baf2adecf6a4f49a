package org.wgns.config;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address with a prefix length, as in Address= and AllowedIPs=. */
public record Cidr(InetAddress address, int prefix) {
    public Cidr {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Parses "10.0.0.2/32", "fd00::2/128"; without a prefix the address stands alone (/32, /128). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress ip = IpLiteral.parse(addr);
        if (ip == null) {
            throw new IllegalArgumentException("expected IP addresses with optional /prefix");
        }
        int max = ip instanceof Inet4Address ? 32 : 128;
        if (slash < 0) {
            return new Cidr(ip, max);
        }
        String p = text.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
            throw new IllegalArgumentException("expected a prefix length of 0 to " + max + " after '/'");
        }
        return new Cidr(ip, Integer.parseInt(p));
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return IpLiteral.format(address) + "/" + prefix;
    }
}
