package org.wgns.status;

import java.util.List;
import org.wgns.os.Procs;
import org.wgns.state.NamespaceState;
import org.wgns.wg.WgDump;

/** One wgns namespace as it is now: its state, the live WireGuard view (null if unreadable), who runs inside. */
public record NamespaceStatus(NamespaceState state, boolean present, WgDump.Iface wg, List<Procs.Proc> processes,
        String problem) {
    public NamespaceStatus {
        processes = List.copyOf(processes);
    }

    /** The newest handshake of any peer, epoch seconds, 0 for never. */
    public long latestHandshake() {
        return wg == null ? 0 : wg.peers().stream().mapToLong(WgDump.PeerStatus::latestHandshake).max().orElse(0);
    }
}
