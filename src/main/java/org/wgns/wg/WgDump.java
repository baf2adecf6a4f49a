package org.wgns.wg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `wg show all dump`, the tab-separated form wg makes for scripts: per interface a line of
 * name, private key, public key, listen port, fwmark; per peer name, public key, preshared key,
 * endpoint, allowed ips, latest handshake, rx, tx, keepalive. The private key is dropped here.
 */
public final class WgDump {
    public record Iface(String name, String publicKey, int listenPort, String fwmark, List<PeerStatus> peers) {
        /** The newest handshake of any peer, epoch seconds; 0 for none. */
        public long latestHandshake() {
            return peers.stream().mapToLong(PeerStatus::latestHandshake).max().orElse(0);
        }
    }

    public record PeerStatus(String publicKey, boolean presharedKey, String endpoint, List<String> allowedIps,
            long latestHandshake, long rxBytes, long txBytes, int persistentKeepalive) {}

    private WgDump() {}

    /** Parses `wg show all dump` output (lines start with the interface name). */
    public static Map<String, Iface> parseAll(String text) {
        Map<String, String[]> ifaces = new LinkedHashMap<>();
        Map<String, List<PeerStatus>> peers = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length == 5) {
                ifaces.put(f[0], f);
                peers.putIfAbsent(f[0], new ArrayList<>());
            } else if (f.length == 9) {
                peers.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new PeerStatus(f[1], !f[2].equals("(none)"),
                        f[3].equals("(none)") ? null : f[3],
                        f[4].equals("(none)") || f[4].isEmpty() ? List.of() : List.of(f[4].split(",")),
                        parseLong(f[5]), parseLong(f[6]), parseLong(f[7]), f[8].equals("off") ? 0 : (int) parseLong(f[8])));
            }
        }
        Map<String, Iface> out = new LinkedHashMap<>();
        ifaces.forEach((name, f) -> out.put(name, new Iface(name, f[2], (int) parseLong(f[3]), f[4].equals("off") ? null : f[4],
                List.copyOf(peers.get(name)))));
        return out;
    }

    /** Parses `wg show IFACE dump` (no name column) as if it were `all dump` for that name. */
    public static Iface parseOne(String name, String text) {
        StringBuilder all = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                all.append(name).append('\t').append(line).append('\n');
            }
        }
        return parseAll(all.toString()).get(name);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
