package org.wgns.status;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.wg.LiveTunnel;
import org.wgns.wg.WgDump;

/**
 * Reads the live status of wgns namespaces with as few processes as possible: one `wg show all
 * dump` in the host for every userspace tunnel (their sockets are all visible there), one per
 * kernel-mode namespace, and one pass over /proc for the processes inside all of them.
 */
public final class StatusReader {
    private final Host host;

    public StatusReader(Host host) {
        this.host = host;
    }

    public List<org.wgns.NamespaceName> names() {
        return new StateStore(host.layout().stateDir()).names();
    }

    public List<NamespaceStatus> read(List<org.wgns.NamespaceName> names) {
        StateStore store = new StateStore(host.layout().stateDir());
        List<NamespaceState> states = new ArrayList<>();
        for (org.wgns.NamespaceName n : names) {
            store.read(n).ifPresent(states::add);
        }
        Map<String, WgDump.Iface> userspace = Map.of();
        String userspaceError = null;
        if (states.stream().anyMatch(s -> s.mode() == Mode.USERSPACE)) {
            Result r = host.run(Command.of("wg", "show", "all", "dump"));
            if (r.success()) {
                userspace = WgDump.parseAll(r.out());
            } else {
                userspaceError = "wg show: " + r.reason();
            }
        }
        Map<String, List<Procs.Proc>> byNetns = host.procs().byNetns();
        List<NamespaceStatus> out = new ArrayList<>();
        for (NamespaceState s : states) {
            boolean present = Files.exists(host.layout().netns(s.name().value()));
            String netId = present ? Procs.netnsId(host.layout().netns(s.name().value())) : null;
            List<Procs.Proc> procs = org.wgns.publish.PublishProxy.notProxies(
                    netId == null ? List.of() : byNetns.getOrDefault(netId, List.of()), s.published());
            WgDump.Iface wg = null;
            String problem = null;
            if (!present) {
                problem = "its namespace is gone";
            } else if (s.mode() == Mode.USERSPACE) {
                WgDump.Iface i = userspace.get(s.tmpName());
                wg = i == null ? null : new WgDump.Iface(s.iface().value(), i.publicKey(), i.listenPort(), i.fwmark(), i.peers());
                problem = wg == null ? (userspaceError != null ? userspaceError : "the userspace daemon does not answer") : null;
            } else if (s.mode() == Mode.KERNEL) {
                try {
                    wg = new LiveTunnel(host, s.tunnel()).dump();
                } catch (org.wgns.WgnsException e) {
                    problem = e.getMessage();
                }
            } else {
                problem = "not up (an up that did not finish)";
            }
            out.add(new NamespaceStatus(s, present, wg, procs, problem));
        }
        return out;
    }
}
