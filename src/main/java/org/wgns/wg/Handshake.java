package org.wgns.wg;

import java.time.Duration;
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
 * keepalives that were off are switched off again afterwards. `up --wait` waits for the first
 * handshake that way, `check` makes an idle tunnel prove it is alive, `repair` asks a stale one.
 */
public final class Handshake {
    static final int TRIGGER_KEEPALIVE = 25;
    /** How long `check` waits for a prompted handshake: WireGuard resends a lost initiation after 5 s. */
    public static final Duration PROVE_WITHIN = Duration.ofSeconds(6);

    private final Host host;
    private final TunnelRef live;

    public Handshake(Host host, TunnelRef live) {
        this.host = host;
        this.live = live;
    }

    /** `up --wait`: the config's peers, set up without their keepalives, shake hands within seconds or up fails. */
    public void await(WgConfig config, int seconds) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (Peer p : config.peers()) {
            if (p.endpoint().isPresent()) {
                add(on, off, p.publicKey().base64(), p.persistentKeepalive());
            }
        }
        required(on, prompt(on, off, 0, Duration.ofSeconds(seconds)), 0, seconds);
    }

    /** `repair`: every peer with an endpoint asked for a handshake newer than since; returns it, or fails. */
    public long prompt(long since, int seconds) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (WgDump.PeerStatus p : new LiveTunnel(host, live).dump().peers()) {
            if (p.endpoint() != null) {
                add(on, off, p.publicKey(), p.persistentKeepalive());
            }
        }
        return required(on, prompt(on, off, since, Duration.ofSeconds(seconds)), since, seconds);
    }

    /**
     * `check`: without keepalive and traffic a healthy tunnel does not shake hands, so an old
     * handshake alone does not tell idle from dead. Prompts every peer with an endpoint whose
     * keepalive is off (one with keepalive on prompts itself) and waits for a handshake newer
     * than the one in {@code current}. Returns the newest handshake then, epoch seconds: the old
     * one (or 0) when none came. The peers' keepalives are as they were afterwards.
     */
    public long prove(WgDump.Iface current, Duration within) {
        long before = current.latestHandshake();
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (WgDump.PeerStatus p : current.peers()) {
            if (p.endpoint() != null && p.persistentKeepalive() == 0) {
                add(on, off, p.publicKey(), 0);
            }
        }
        return prompt(on, off, before, within);
    }

    /** Whether any peer has an endpoint, so that this side can start a handshake at all. */
    public static boolean promptable(WgDump.Iface current) {
        return current.peers().stream().anyMatch(p -> p.endpoint() != null);
    }

    private static void add(List<String> on, List<String> off, String key, int keepalive) {
        on.addAll(List.of("peer", key, "persistent-keepalive", Integer.toString(keepalive > 0 ? keepalive : TRIGGER_KEEPALIVE)));
        if (keepalive == 0) {
            off.addAll(List.of("peer", key, "persistent-keepalive", "off"));
        }
    }

    private static long required(List<String> on, long got, long since, int seconds) {
        if (on.isEmpty()) {
            throw WgnsException.failure("no peer has an endpoint, so no handshake can start from here");
        }
        if (got <= since) {
            throw WgnsException.failure("no handshake within " + seconds + " s: is the endpoint reachable,"
                    + " and is this the peer's right public key?");
        }
        return got;
    }

    /** Sets on, waits for a handshake newer than newerThan (returns it, or newerThan), then sets off again. */
    private long prompt(List<String> on, List<String> off, long newerThan, Duration within) {
        if (on.isEmpty()) {
            return newerThan;
        }
        LiveTunnel tunnel = new LiveTunnel(host, live);
        tunnel.set(on);
        long got = newerThan;
        try {
            long deadline = host.clock().nanos() + within.toNanos();
            while ((got = tunnel.latestHandshake()) <= newerThan && host.clock().nanos() <= deadline) {
                host.clock().sleep(100);
            }
        } finally {
            if (!off.isEmpty()) {
                tunnel.set(off);
            }
        }
        return Math.max(got, newerThan);
    }
}
