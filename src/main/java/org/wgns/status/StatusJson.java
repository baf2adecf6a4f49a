package org.wgns.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wgns.os.Procs;
import org.wgns.wg.WgDump;

/** `show --json` and `list --json`: the schema in the README (fields are only ever added). */
public final class StatusJson {
    private StatusJson() {}

    public static Map<String, Object> show(List<NamespaceStatus> all, long now) {
        List<Object> list = new ArrayList<>();
        for (NamespaceStatus st : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", st.name());
            m.put("mode", st.mode());
            m.put("interface", st.iface());
            m.put("addresses", st.addresses());
            m.put("dns", st.dns());
            List<Object> procs = new ArrayList<>();
            for (Procs.Proc p : st.processes()) {
                procs.add(new LinkedHashMap<>(Map.of("pid", p.pid(), "command", p.command())));
            }
            m.put("processes", procs);
            m.put("problem", st.problem());
            Map<String, Object> fw = new LinkedHashMap<>();
            fw.put("enabled", st.firewall());
            fw.put("allowIn", st.allowIn());
            m.put("firewall", fw);
            m.put("publish", st.published());
            m.put("forwardedPort", st.forwardedPort(now));
            m.put("reach", st.reach());
            tunnel(m, st.wg());
            list.add(m);
        }
        return new LinkedHashMap<>(Map.of("namespaces", list));
    }

    private static void tunnel(Map<String, Object> m, WgDump.Iface w) {
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
    }

    public static List<Object> list(List<NamespaceStatus> all, long now) {
        List<Object> out = new ArrayList<>();
        for (NamespaceStatus st : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", st.name());
            m.put("interface", st.iface());
            m.put("mode", st.mode());
            m.put("addresses", st.addresses());
            long hs = st.latestHandshake();
            m.put("handshakeAgeSeconds", hs == 0 ? null : now - hs);
            m.put("processes", st.processes().size());
            m.put("problem", st.problem());
            out.add(m);
        }
        return out;
    }
}
