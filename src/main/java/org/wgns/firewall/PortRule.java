package org.wgns.firewall;

/** An inbound port opened with --allow-in: "tcp/80", "udp/6881-6889". */
public record PortRule(String proto, int from, int to) {
    public PortRule {
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw new IllegalArgumentException("protocol is tcp or udp");
        }
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("ports are 1 to 65535, low-high");
        }
    }

    public static PortRule parse(String text) {
        String[] p = text.toLowerCase(java.util.Locale.ROOT).split("/", -1);
        if (p.length != 2 || !p[1].matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
            throw new IllegalArgumentException("'" + org.wgns.Names.printable(text) + "' is not PROTO/PORT (tcp/80, udp/6881-6889)");
        }
        String[] r = p[1].split("-");
        int from = Integer.parseInt(r[0]);
        return new PortRule(p[0], from, r.length == 2 ? Integer.parseInt(r[1]) : from);
    }

    String nftPorts() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    @Override
    public String toString() {
        return proto + "/" + nftPorts();
    }
}
