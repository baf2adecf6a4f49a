package org.wgns.status;

import java.util.ArrayList;
import java.util.List;
import org.wgns.os.Procs;
import org.wgns.wg.WgDump;

/** `show` and `list` as text, in wg show's wording. */
public final class StatusText {
    private StatusText() {}

    public static String show(List<NamespaceStatus> all, long now) {
        StringBuilder b = new StringBuilder();
        for (NamespaceStatus st : all) {
            if (b.length() > 0) {
                b.append('\n');
            }
            namespace(b, st, now);
            if (st.wg() != null) {
                tunnel(b, st.wg(), now);
            }
        }
        return b.toString();
    }

    private static String forwarded(NamespaceStatus st, long now) {
        Integer port = st.forwardedPort(now);
        String problem = st.forward().problem();
        if (port == null) {
            return "none" + (problem == null ? " yet" : " (" + problem + ")");
        }
        return port + " (renewed " + ago(now - st.forward().renewed()) + ")" + (problem == null ? "" : "; " + problem);
    }

    private static void namespace(StringBuilder b, NamespaceStatus st, long now) {
        b.append("namespace: ").append(st.name()).append('\n');
        b.append("  mode: ").append(st.mode() == null ? "(starting)" : st.mode()).append('\n');
        b.append("  addresses: ").append(st.addresses().isEmpty() ? "(none)" : String.join(", ", st.addresses())).append('\n');
        b.append("  dns: ").append(st.dns().isEmpty() ? "(none)" : String.join(", ", st.dns())).append('\n');
        b.append("  processes: ").append(processes(st.processes())).append('\n');
        b.append("  firewall: ").append(!st.firewall() ? "off"
                : st.allowIn().isEmpty() ? "on, nothing inbound" : "on, inbound open: " + String.join(", ", st.allowIn()))
                .append('\n');
        for (String p : st.published()) {
            b.append("  published: ").append(p).append('\n');
        }
        for (String r : st.state().helping().reach().stream().map(org.wgns.reach.Reach::describe).toList()) {
            b.append("  reach: ").append(r).append('\n');
        }
        if (st.forward() != null) {
            b.append("  forwarded port: ").append(forwarded(st, now)).append('\n');
        }
        if (st.problem() != null) {
            b.append("  problem: ").append(st.problem()).append('\n');
        }
    }

    private static void tunnel(StringBuilder b, WgDump.Iface w, long now) {
        b.append("\ninterface: ").append(w.name()).append('\n');
        b.append("  public key: ").append(w.publicKey()).append('\n');
        b.append("  private key: (hidden)\n");
        if (w.listenPort() > 0) {
            b.append("  listening port: ").append(w.listenPort()).append('\n');
        }
        if (w.fwmark() != null) {
            b.append("  fwmark: ").append(w.fwmark()).append('\n');
        }
        for (WgDump.PeerStatus p : w.peers()) {
            peer(b, p, now);
        }
    }

    private static void peer(StringBuilder b, WgDump.PeerStatus p, long now) {
        b.append("\npeer: ").append(p.publicKey()).append('\n');
        if (p.presharedKey()) {
            b.append("  preshared key: (hidden)\n");
        }
        if (p.endpoint() != null) {
            b.append("  endpoint: ").append(p.endpoint()).append('\n');
        }
        b.append("  allowed ips: ").append(p.allowedIps().isEmpty() ? "(none)" : String.join(", ", p.allowedIps())).append('\n');
        if (p.latestHandshake() > 0) {
            b.append("  latest handshake: ").append(ago(now - p.latestHandshake())).append('\n');
        }
        if (p.rxBytes() > 0 || p.txBytes() > 0) {
            b.append("  transfer: ").append(bytes(p.rxBytes())).append(" received, ").append(bytes(p.txBytes()))
                    .append(" sent\n");
        }
        if (p.persistentKeepalive() > 0) {
            b.append("  persistent keepalive: every ").append(duration(p.persistentKeepalive())).append('\n');
        }
    }

    public static String list(List<NamespaceStatus> all, long now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "IFACE", "MODE", "ADDRESSES", "HANDSHAKE", "PROCS"});
        for (NamespaceStatus st : all) {
            long hs = st.latestHandshake();
            rows.add(new String[] {st.name(), st.iface(), st.mode() == null ? "starting" : st.mode(),
                    st.addresses().isEmpty() ? "-" : String.join(",", st.addresses()),
                    st.problem() != null && st.wg() == null ? "?" : hs == 0 ? "never" : (now - hs) + "s",
                    Integer.toString(st.processes().size())});
        }
        int[] w = new int[6];
        for (String[] r : rows) {
            for (int i = 0; i < 6; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                line.append(r[i]).append(i == 5 ? "" : " ".repeat(w[i] + 2 - r[i].length()));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    static String processes(List<Procs.Proc> ps) {
        if (ps.isEmpty()) {
            return "none";
        }
        List<String> s = new ArrayList<>();
        for (Procs.Proc p : ps.subList(0, Math.min(5, ps.size()))) {
            String cmd = p.command().length() > 30 ? p.command().substring(0, 30) + "..." : p.command();
            s.add(p.pid() + " " + cmd);
        }
        return ps.size() + " (" + String.join(", ", s) + (ps.size() > 5 ? ", ..." : "") + ")";
    }

    /** wg's pretty_time: "1 minute, 3 seconds ago", "Now". */
    static String ago(long seconds) {
        return seconds <= 0 ? "Now" : duration(seconds) + " ago";
    }

    static String duration(long left) {
        long[] units = {365L * 24 * 3600, 24 * 3600, 3600, 60, 1};
        String[] names = {"year", "day", "hour", "minute", "second"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            long n = left / units[i];
            left %= units[i];
            if (n > 0) {
                parts.add(n + " " + names[i] + (n == 1 ? "" : "s"));
            }
        }
        return String.join(", ", parts);
    }

    /** wg's pretty_bytes. */
    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        // By hand, not String.format: its first use loads the JDK's locale data (~20 ms a call).
        long hundredths = Math.round(v * 100);
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100 + " " + units[i];
    }
}
