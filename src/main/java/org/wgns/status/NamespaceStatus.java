package org.wgns.status;

import java.util.List;
import org.wgns.config.Cidr;
import org.wgns.config.IpLiteral;
import org.wgns.firewall.PortRule;
import org.wgns.os.Procs;
import org.wgns.portforward.ForwardStatus;
import org.wgns.reach.Reach;
import org.wgns.state.NamespaceState;
import org.wgns.wg.WgDump;

/**
 * One wgns namespace as it is now: its state, the live WireGuard view (null if unreadable), who runs
 * inside, and what the helper last said of the forwarded port (null without --port-forward).
 */
public record NamespaceStatus(NamespaceState state, boolean present, WgDump.Iface wg, List<Procs.Proc> processes,
        String problem, ForwardStatus forward) {
    public NamespaceStatus {
        processes = List.copyOf(processes);
    }

    /** The newest handshake of any peer, epoch seconds, 0 for never. */
    public long latestHandshake() {
        return wg == null ? 0 : wg.latestHandshake();
    }

    public String name() {
        return state.name().value();
    }

    public String iface() {
        return state.iface().value();
    }

    public String mode() {
        return state.mode() == null ? null : state.mode().label();
    }

    public List<String> addresses() {
        return state.details().addresses().stream().map(Cidr::toString).toList();
    }

    public List<String> dns() {
        return state.details().dns().stream().map(IpLiteral::format).toList();
    }

    public boolean firewall() {
        return state.details().firewall().enabled();
    }

    public List<String> allowIn() {
        return state.details().firewall().allowIn().stream().map(PortRule::toString).toList();
    }

    /** "127.0.0.1:8080:80/tcp", without the proxy. */
    public List<String> published() {
        return state.published().stream().map(p -> p.spec().toString()).toList();
    }

    /** The forwarded port while the gateway's mapping holds, else null. */
    public Integer forwardedPort(long now) {
        return forward != null && forward.alive(now) ? forward.ports().port() : null;
    }

    /** "5353:127.0.0.1:53/udp": the --reach holes as given. */
    public List<String> reach() {
        return state.helping().reach().stream().map(Reach::toString).toList();
    }
}
