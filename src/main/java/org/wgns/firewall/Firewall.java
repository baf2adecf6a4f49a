package org.wgns.firewall;

import java.util.List;

/**
 * The namespace's own nftables table, on unless --no-firewall: the tunnel faces the VPN
 * provider's network, so nothing comes in but replies, loopback, the ICMP that keeps paths
 * healthy, and the ports opened with --allow-in. Outbound is free: the tunnel is the only way out.
 */
public record Firewall(boolean enabled, List<PortRule> allowIn) {
    public static final Firewall OFF = new Firewall(false, List.of());
    public static final String TABLE = "wgns";

    public Firewall {
        allowIn = List.copyOf(allowIn);
    }

    /** The set of ports the VPN gateway forwards (up --port-forward): opened on the tunnel, TCP and UDP. */
    public static final String FORWARDED_SET = "forwarded";

    /**
     * The table replaced by this one, in one `nft -f` transaction: there is no moment without a
     * table (the first line makes sure there is one to delete).
     */
    public String replacement(String iface) {
        return "table inet " + TABLE + "\ndelete table inet " + TABLE + "\n" + ruleset(iface);
    }

    /** One `nft -f` transaction: all of it is loaded, or none. */
    public String ruleset(String iface) {
        return ruleset(iface, false);
    }

    /** @param forwarded with the (empty) set of forwarded ports, which the helper fills as the gateway grants them */
    public String ruleset(String iface, boolean forwarded) {
        StringBuilder b = new StringBuilder();
        b.append("# wgns firewall of this namespace; it goes with the namespace.\n");
        b.append("table inet ").append(TABLE).append(" {\n");
        if (forwarded) {
            b.append("  set ").append(FORWARDED_SET).append(" {\n    type inet_service\n  }\n");
        }
        b.append("  chain input {\n");
        b.append("    type filter hook input priority filter; policy drop;\n");
        b.append("    ct state invalid drop\n");
        b.append("    ct state established,related accept\n");
        b.append("    iifname \"lo\" accept\n");
        b.append("    ip protocol icmp icmp type { destination-unreachable, time-exceeded, parameter-problem } accept\n");
        b.append("    ip6 nexthdr icmpv6 icmpv6 type { destination-unreachable, packet-too-big, time-exceeded,"
                + " parameter-problem, nd-neighbor-solicit, nd-neighbor-advert } accept\n");
        for (PortRule r : allowIn) {
            b.append("    iifname \"").append(iface).append("\" ").append(r.proto()).append(" dport ").append(r.nftPorts())
                    .append(" accept\n");
        }
        if (forwarded) {
            for (String proto : List.of("tcp", "udp")) {
                b.append("    iifname \"").append(iface).append("\" ").append(proto).append(" dport @").append(FORWARDED_SET)
                        .append(" accept\n");
            }
        }
        b.append("  }\n");
        b.append("  chain forward {\n");
        b.append("    type filter hook forward priority filter; policy drop;\n");
        b.append("  }\n");
        b.append("  chain output {\n");
        b.append("    type filter hook output priority filter; policy accept;\n");
        b.append("  }\n");
        b.append("}\n");
        return b.toString();
    }

    /**
     * The forwarded ports, replaced in one transaction: the old port closes as the new one opens,
     * and no port is open in between that the gateway does not forward. None: all closed.
     */
    public static String forwardedPorts(java.util.Collection<Integer> ports) {
        String flush = "flush set inet " + TABLE + " " + FORWARDED_SET + "\n";
        if (ports.isEmpty()) {
            return flush;
        }
        return flush + "add element inet " + TABLE + " " + FORWARDED_SET + " { "
                + String.join(", ", new java.util.TreeSet<>(ports).stream().map(String::valueOf).toList()) + " }\n";
    }
}
