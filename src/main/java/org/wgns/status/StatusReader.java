package org.wgns.status;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.os.Result;
import org.wgns.portforward.ForwardStatus;
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
        Userspace userspace = states.stream().anyMatch(s -> s.mode() == Mode.USERSPACE) ? userspace() : new Userspace(Map.of(), null);
        Map<String, List<Procs.Proc>> byNetns = host.procs().byNetns(netIds(states));
        List<NamespaceStatus> out = new ArrayList<>();
        for (NamespaceState s : states) {
            out.add(status(s, userspace, byNetns));
        }
        return out;
    }

    /** The namespaces' "net:[INODE]" ids: the only processes worth reading further. */
    private java.util.Set<String> netIds(List<NamespaceState> states) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (NamespaceState s : states) {
            String id = Procs.netnsId(host.layout().netns(s.name().value()));
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Every userspace tunnel of the machine, from one `wg show all dump`; or why not. */
    private record Userspace(Map<String, WgDump.Iface> byTmpName, String error) {}

    private Userspace userspace() {
        Result r = host.run(Command.of("wg", "show", "all", "dump"));
        return r.success() ? new Userspace(WgDump.parseAll(r.out()), null) : new Userspace(Map.of(), "wg show: " + r.reason());
    }

    private NamespaceStatus status(NamespaceState s, Userspace userspace, Map<String, List<Procs.Proc>> byNetns) {
        boolean present = Files.exists(host.layout().netns(s.name().value()));
        String netId = present ? Procs.netnsId(host.layout().netns(s.name().value())) : null;
        List<Procs.Proc> procs = org.wgns.publish.PublishProxy.notProxies(
                netId == null ? List.of() : byNetns.getOrDefault(netId, List.of()), s.published());
        WgDump.Iface wg = null;
        String problem = null;
        if (!present) {
            problem = "its namespace is gone";
        } else if (s.mode() == Mode.USERSPACE) {
            WgDump.Iface i = userspace.byTmpName().get(s.tmpName());
            wg = i == null ? null : new WgDump.Iface(s.iface().value(), i.publicKey(), i.listenPort(), i.fwmark(), i.peers());
            problem = wg != null ? null : userspace.error() != null ? userspace.error() : "the userspace daemon does not answer";
        } else if (s.mode() == Mode.KERNEL) {
            try {
                wg = new LiveTunnel(host, s.tunnel()).dump();
            } catch (org.wgns.WgnsException e) {
                problem = e.getMessage();
            }
        } else {
            problem = "not up (an up that did not finish)";
        }
        ForwardStatus forward = s.helping().portForward() == null ? null
                : ForwardStatus.read(new StateStore(host.layout().stateDir()).dirOf(s.name())).orElse(ForwardStatus.STARTING);
        return new NamespaceStatus(s, present, wg, procs, problem, forward);
    }
}
