package org.wgns.wg;

import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.config.Peer;
import org.wgns.config.WgConfig;
import org.wgns.os.Host;

/**
 * A handshake asked for: WireGuard only shakes hands when it has something to send. Switching a
 * peer's keepalive on while the link is up sends one at once (kernel and wireguard-go alike), so
 * that starts the handshake without sending anything into the network beyond the tunnel;
 * keepalives that were off are switched off again afterwards. For `up --wait` (from the config)
 * and for `repair` (from the live tunnel, whose config it does not read again).
 */
public final class Handshake {
    static final int TRIGGER_KEEPALIVE = 25;

    private final Host host;
    private final TunnelRef live;

    public Handshake(Host host, TunnelRef live) {
        this.host = host;
        this.live = live;
    }

    /** Waits for the first handshake of a link just made from this config. */
    public void await(WgConfig config, int seconds) {
        List<Keepalive> peers = new ArrayList<>();
        for (Peer p : config.peers()) {
            if (p.endpoint().isPresent()) {
                peers.add(new Keepalive(p.publicKey().base64(), p.persistentKeepalive()));
            }
        }
        prompt(peers, 0, seconds);
    }

    /** Asks every peer with an endpoint for a handshake newer than since; returns its time (epoch seconds). */
    public long prompt(long since, int seconds) {
        List<Keepalive> peers = new ArrayList<>();
        for (WgDump.PeerStatus p : new LiveTunnel(host, live).dump().peers()) {
            if (p.endpoint() != null) {
                peers.add(new Keepalive(p.publicKey(), p.persistentKeepalive()));
            }
        }
        return prompt(peers, since, seconds);
    }

    private record Keepalive(String publicKey, int seconds) {}

    private long prompt(List<Keepalive> peers, long since, int seconds) {
        if (peers.isEmpty()) {
            throw WgnsException.failure("no peer has an endpoint, so no handshake can start from here");
        }
        LiveTunnel tunnel = new LiveTunnel(host, live);
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Keepalive p : peers) {
            on.addAll(List.of("peer", p.publicKey(), "persistent-keepalive",
                    Integer.toString(p.seconds() > 0 ? p.seconds() : TRIGGER_KEEPALIVE)));
            if (p.seconds() == 0) {
                off.addAll(List.of("peer", p.publicKey(), "persistent-keepalive", "off"));
            }
        }
        tunnel.set(on);
        long latest;
        try {
            latest = waitFor(tunnel, since, seconds);
        } catch (WgnsException e) {
            if (!off.isEmpty()) {
                try {
                    tunnel.set(off);
                } catch (WgnsException ignored) {
                    // the failure to report is the missing handshake
                }
            }
            throw e;
        }
        if (!off.isEmpty()) {
            tunnel.set(off);
        }
        return latest;
    }

    private long waitFor(LiveTunnel tunnel, long since, int seconds) {
        long deadline = host.clock().nanos() + seconds * 1_000_000_000L;
        long latest;
        while ((latest = tunnel.latestHandshake()) <= since) {
            if (host.clock().nanos() > deadline) {
                throw WgnsException.failure("no handshake within " + seconds + " s: is the endpoint reachable,"
                        + " and is this the peer's right public key?");
            }
            host.clock().sleep(100);
        }
        return latest;
    }
}
