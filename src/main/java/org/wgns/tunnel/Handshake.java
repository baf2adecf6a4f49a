package org.wgns.tunnel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.config.Peer;
import org.wgns.config.WgConfig;
import org.wgns.os.Host;
import org.wgns.state.NamespaceState;
import org.wgns.status.WgDump;

/**
 * WireGuard only shakes hands when it has something to send. Switching a peer's keepalive on
 * while the link is up sends one at once (kernel and wireguard-go alike), so that starts the
 * handshake without sending anything into the network beyond the tunnel; keepalives the config
 * does not ask for are switched off again afterwards. `up --wait` waits for the first handshake
 * that way, and `check` makes an idle tunnel prove it is alive.
 */
public final class Handshake {
    static final int TRIGGER_KEEPALIVE = 25;
    /** How long `check` waits for a prompted handshake: WireGuard resends a lost initiation after 5 s. */
    public static final Duration PROVE_WITHIN = Duration.ofSeconds(6);

    private final Host host;
    private final NamespaceState live;

    public Handshake(Host host, NamespaceState live) {
        this.host = host;
        this.live = live;
    }

    /** `up --wait`: the config's peers, set up without their keepalives, shake hands within seconds or up fails. */
    public void await(WgConfig config, int seconds) {
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
        if (prompt(on, off, 0, Duration.ofSeconds(seconds)) == 0) {
            throw WgnsException.failure("no handshake within " + seconds + " s: is the endpoint reachable,"
                    + " and is this the peer's right public key?");
        }
    }

    /**
     * `check`: without keepalive and traffic a healthy tunnel does not shake hands, so an old
     * handshake alone does not tell idle from dead. Prompts every peer with an endpoint whose
     * keepalive is off (one with keepalive on prompts itself) and waits for a handshake newer
     * than the one in {@code current}. Returns the newest handshake then, epoch seconds: the old
     * one (or 0) when none came. The peers' keepalives are as they were afterwards.
     */
    public long prove(WgDump.Iface current, Duration within) {
        long before = latest(current);
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (WgDump.PeerStatus p : current.peers()) {
            if (p.endpoint() != null && p.persistentKeepalive() == 0) {
                on.addAll(List.of("peer", p.publicKey(), "persistent-keepalive", Integer.toString(TRIGGER_KEEPALIVE)));
                off.addAll(List.of("peer", p.publicKey(), "persistent-keepalive", "off"));
            }
        }
        return prompt(on, off, before, within);
    }

    /** Whether any peer has an endpoint, so that this side can start a handshake at all. */
    public static boolean promptable(WgDump.Iface current) {
        return current.peers().stream().anyMatch(p -> p.endpoint() != null);
    }

    static long latest(WgDump.Iface i) {
        return i.peers().stream().mapToLong(WgDump.PeerStatus::latestHandshake).max().orElse(0);
    }

    /** Sets on, waits for a handshake newer than newerThan (returns it, or newerThan), then sets off. */
    private long prompt(List<String> on, List<String> off, long newerThan, Duration within) {
        LiveTunnel tunnel = new LiveTunnel(host, live);
        if (!on.isEmpty()) {
            tunnel.set(on);
        }
        try {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                long t = tunnel.latestHandshake();
                if (t > newerThan) {
                    return t;
                }
                if (System.nanoTime() > deadline) {
                    return newerThan;
                }
                UserspaceDaemon.sleep(100);
            }
        } finally {
            if (!off.isEmpty()) {
                tunnel.set(off);
            }
        }
    }
}
