package org.wgns.tunnel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.wgns.WgnsException;
import org.wgns.config.Endpoint;
import org.wgns.os.Host;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.wg.WgDump;
import org.wgns.wg.LiveTunnel;

/**
 * As wireguard-tools' contrib/reresolve-dns: for every peer whose endpoint is a name and whose
 * latest handshake is older than 135 seconds (a handshake is due every 2 minutes), resolve the
 * name again, on the host, and point the peer at the new address if it moved.
 */
public final class Reresolve {
    static final long STALE_SECONDS = 135;

    private final Host host;
    private final Consumer<String> out;

    public Reresolve(Host host, Consumer<String> out) {
        this.host = host;
        this.out = out;
    }

    /** Returns how many peers were pointed at a new address. */
    public int run(org.wgns.NamespaceName name, long now) {
        NamespaceState s = new StateStore(host.layout().stateDir()).read(name)
                .filter(x -> x.phase() == Phase.UP)
                .orElseThrow(() -> WgnsException.failure(name + " is not up"));
        LiveTunnel tunnel = new LiveTunnel(host, s.tunnel());
        Map<String, WgDump.PeerStatus> peers = tunnel.dump().peers().stream()
                .collect(Collectors.toMap(WgDump.PeerStatus::publicKey, p -> p));
        List<String> args = new ArrayList<>();
        for (org.wgns.config.PeerEndpoint pe : s.details().endpoints()) {
            String key = pe.publicKey().base64();
            Endpoint e = pe.endpoint();
            WgDump.PeerStatus p = peers.get(key);
            if (e.literal() != null || p == null || now - p.latestHandshake() < STALE_SECONDS) {
                continue;
            }
            InetAddress a;
            try {
                a = host.resolver().resolve(e.host());
            } catch (UnknownHostException ex) {
                out.accept("peer " + key + ": cannot resolve " + e.host() + " now; keeping " + p.endpoint());
                continue;
            }
            String now0 = Endpoint.format(a, e.port());
            if (!now0.equals(p.endpoint())) {
                args.addAll(List.of("peer", key, "endpoint", now0));
                out.accept("peer " + key + ": " + e + " now resolves to " + now0 + " (was " + p.endpoint() + ")");
            }
        }
        if (!args.isEmpty()) {
            tunnel.set(args);
        }
        return args.size() / 4;
    }
}
