package org.wgns.wg;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wgns.os.Layout;

/**
 * wg-quick's automatic MTU: the smallest MTU on the routes to the endpoints (else the default
 * route's device, else 1500), minus 80 for WireGuard's overhead over IPv6. Read from /proc/net
 * and /sys (main table, longest prefix, lowest metric) instead of an `ip route get` per endpoint.
 */
public final class RouteMtu {
    public static final int OVERHEAD = 80;
    public static final int FALLBACK = 1500;
    private static final int RTF_UP = 0x1;
    private static final int RTF_REJECT = 0x200;

    private final Layout layout;

    public RouteMtu(Layout layout) {
        this.layout = layout;
    }

    public int tunnelMtu(List<InetAddress> endpoints) {
        int best = Integer.MAX_VALUE;
        for (InetAddress a : endpoints) {
            int m = pathMtu(a);
            if (m > 0) {
                best = Math.min(best, m);
            }
        }
        if (best == Integer.MAX_VALUE) {
            int m = pathMtu(ANY_V4);
            best = m > 0 ? m : FALLBACK;
        }
        return best - OVERHEAD;
    }

    // 0.0.0.0 matches only the default route: "the default route's device".
    private static final InetAddress ANY_V4 = org.wgns.config.IpLiteral.parse("0.0.0.0");

    /** MTU of the route to a, or 0 when no route is found. */
    int pathMtu(InetAddress a) {
        Route r = a instanceof Inet4Address ? route4(a.getAddress()) : route6(a.getAddress());
        if (r == null) {
            return 0;
        }
        if (r.mtu > 0) {
            return r.mtu;
        }
        try {
            return Integer.parseInt(Files.readString(layout.sys().resolve("class/net/" + r.dev + "/mtu")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private record Route(String dev, int prefix, long metric, int mtu) {}

    private Route route4(byte[] addr) {
        List<String> lines = lines(layout.proc().resolve("net/route"));
        Route best = null;
        long ip = toLong(addr);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 9) {
                continue;
            }
            int flags = Integer.parseInt(f[3], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                continue;
            }
            long dest = littleEndian(f[1]);
            long mask = littleEndian(f[7]);
            if ((ip & mask) != dest) {
                continue;
            }
            Route r = new Route(f[0], Long.bitCount(mask), Long.parseLong(f[6]), Integer.parseInt(f[8]));
            if (best == null || r.prefix > best.prefix || r.prefix == best.prefix && r.metric < best.metric) {
                best = r;
            }
        }
        return best;
    }

    private Route route6(byte[] addr) {
        Route best = null;
        for (String line : lines(layout.proc().resolve("net/ipv6_route"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            int prefix = Integer.parseInt(f[1], 16);
            long flags = Long.parseLong(f[8], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0 || f[9].equals("lo")) {
                continue;
            }
            if (!matches(addr, f[0], prefix)) {
                continue;
            }
            Route r = new Route(f[9], prefix, Long.parseLong(f[5], 16), 0);
            if (best == null || r.prefix > best.prefix || r.prefix == best.prefix && r.metric < best.metric) {
                best = r;
            }
        }
        return best;
    }

    private static boolean matches(byte[] addr, String hex, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int byteIndex = bit / 8;
            int want = Integer.parseInt(hex.substring(byteIndex * 2, byteIndex * 2 + 2), 16);
            int mask = 0x80 >> (bit % 8);
            if ((addr[byteIndex] & mask) != (want & mask)) {
                return false;
            }
        }
        return true;
    }

    private static long toLong(byte[] a) {
        return (a[0] & 0xffL) | (a[1] & 0xffL) << 8 | (a[2] & 0xffL) << 16 | (a[3] & 0xffL) << 24;
    }

    /** /proc/net/route writes addresses as host-order (little-endian) hex: keep that order. */
    private static long littleEndian(String hex) {
        return Long.parseLong(hex, 16);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
