package org.wgns.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wgns.os.Procs;
import org.wgns.state.NamespaceState;
import org.wgns.wg.WgDump;

/** `show` and `list` as text (wg show's wording) and as JSON (the schema in the README). */
public final class StatusFormat {
    private StatusFormat() {}

    public static String show(List<NamespaceStatus> all, long now) {
        StringBuilder b = new StringBuilder();
        for (NamespaceStatus st : all) {
            if (b.length() > 0) {
                b.append('\n');
            }
            NamespaceState s = st.state();
            b.append("namespace: ").append(s.name()).append('\n');
            b.append("  mode: ").append(s.mode() == null ? "(starting)" : s.mode().label()).append('\n');
            b.append("  addresses: ").append(s.addresses().isEmpty() ? "(none)" : String.join(", ", s.addresses())).append('\n');
            b.append("  dns: ").append(s.dns().isEmpty() ? "(none)" : String.join(", ", s.dns())).append('\n');
            b.append("  processes: ").append(processes(st.processes())).append('\n');
            b.append("  firewall: ").append(!s.firewall() ? "off"
                    : s.allowIn().isEmpty() ? "on, nothing inbound" : "on, inbound open: " + String.join(", ", s.allowIn()))
                    .append('\n');
            for (String p : published(s)) {
                b.append("  published: ").append(p).append('\n');
            }
            if (st.problem() != null) {
                b.append("  problem: ").append(st.problem()).append('\n');
            }
            if (st.wg() == null) {
                continue;
            }
            WgDump.Iface w = st.wg();
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
        }
        return b.toString();
    }

    public static String list(List<NamespaceStatus> all, long now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "IFACE", "MODE", "ADDRESSES", "HANDSHAKE", "PROCS"});
        for (NamespaceStatus st : all) {
            NamespaceState s = st.state();
            long hs = st.latestHandshake();
            rows.add(new String[] {s.name(), s.iface(), s.mode() == null ? "starting" : s.mode().label(),
                    s.addresses().isEmpty() ? "-" : String.join(",", s.addresses()),
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
                line.append(i == 5 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** The JSON schema of `show --json` (documented in the README). */
    public static Map<String, Object> showJson(List<NamespaceStatus> all) {
        List<Object> list = new ArrayList<>();
        for (NamespaceStatus st : all) {
            NamespaceState s = st.state();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("mode", s.mode() == null ? null : s.mode().label());
            m.put("interface", s.iface());
            m.put("addresses", s.addresses());
            m.put("dns", s.dns());
            List<Object> procs = new ArrayList<>();
            for (Procs.Proc p : st.processes()) {
                procs.add(new LinkedHashMap<>(Map.of("pid", p.pid(), "command", p.command())));
            }
            m.put("processes", procs);
            m.put("problem", st.problem());
            Map<String, Object> fw = new LinkedHashMap<>();
            fw.put("enabled", s.firewall());
            fw.put("allowIn", s.allowIn());
            m.put("firewall", fw);
            m.put("publish", published(s));
            WgDump.Iface w = st.wg();
            m.put("publicKey", w == null ? null : w.publicKey());
            m.put("listenPort", w == null ? null : w.listenPort());
            m.put("fwmark", w == null ? null : w.fwmark());
            List<Object> peers = new ArrayList<>();
            if (w != null) {
                for (WgDump.PeerStatus p : w.peers()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("publicKey", p.publicKey());
                    pm.put("presharedKey", p.presharedKey());
                    pm.put("endpoint", p.endpoint());
                    pm.put("allowedIps", p.allowedIps());
                    pm.put("latestHandshake", p.latestHandshake());
                    pm.put("rxBytes", p.rxBytes());
                    pm.put("txBytes", p.txBytes());
                    pm.put("persistentKeepalive", p.persistentKeepalive());
                    peers.add(pm);
                }
            }
            m.put("peers", peers);
            list.add(m);
        }
        return new LinkedHashMap<>(Map.of("namespaces", list));
    }

    public static List<Object> listJson(List<NamespaceStatus> all, long now) {
        List<Object> out = new ArrayList<>();
        for (NamespaceStatus st : all) {
            NamespaceState s = st.state();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("interface", s.iface());
            m.put("mode", s.mode() == null ? null : s.mode().label());
            m.put("addresses", s.addresses());
            long hs = st.latestHandshake();
            m.put("handshakeAgeSeconds", hs == 0 ? null : now - hs);
            m.put("processes", st.processes().size());
            m.put("problem", st.problem());
            out.add(m);
        }
        return out;
    }

    /** "127.0.0.1:8080:80/tcp", without the proxy's pid. */
    static List<String> published(NamespaceState s) {
        return s.publish().stream().map(org.wgns.publish.PublishProxy::spec).toList();
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
        return String.format(Locale.ROOT, "%.2f %s", v, units[i]);
    }
}
