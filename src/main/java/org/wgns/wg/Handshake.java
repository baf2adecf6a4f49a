package org.wgns.wg;

import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.config.Peer;
import org.wgns.config.WgConfig;
import org.wgns.os.Host;

/**
 * `up --wait`: WireGuard only shakes hands when it has something to send. Switching a peer's
 * keepalive on while the link is up sends one at once (kernel and wireguard-go alike), so that
 * starts the handshake without sending anything into the network beyond the tunnel; keepalives
 * the config does not ask for are switched off again afterwards.
 */
public final class Handshake {
    static final int TRIGGER_KEEPALIVE = 25;

    private final Host host;
    private final TunnelRef live;

    public Handshake(Host host, TunnelRef live) {
        this.host = host;
        this.live = live;
    }

    public void await(WgConfig config, int seconds) {
        LiveTunnel tunnel = new LiveTunnel(host, live);
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Peer p : config.peers()) {
            if (p.endpoint().isEmpty()) {
                continue;
            }
            int k = p.persistentKeepalive() > 0 ? p.persistentKeepalive() : TRIGGER_KEEPALIVE;
            on.addAll(List.of("peer", p.publicKey().base64(), "persistent-keepalive", Integer.toString(k)));
            if (p.persistentKeepalive() == 0) {
                off.addAll(List.of("peer", p.publicKey().base64(), "persistent-keepalive", "off"));
            }
        }
        if (on.isEmpty()) {
            throw WgnsException.failure("no peer has an endpoint, so no handshake can start from here");
        }
        tunnel.set(on);
        long deadline = host.clock().nanos() + seconds * 1_000_000_000L;
        while (tunnel.latestHandshake() == 0) {
            if (host.clock().nanos() > deadline) {
                throw WgnsException.failure("no handshake within " + seconds + " s: is the endpoint reachable,"
                        + " and is this the peer's right public key?");
            }
            host.clock().sleep(100);
        }
        if (!off.isEmpty()) {
            tunnel.set(off);
        }
    }
}
