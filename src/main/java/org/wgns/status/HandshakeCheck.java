package org.wgns.status;

import java.time.Duration;
import org.wgns.WgnsException;
import org.wgns.os.Host;
import org.wgns.state.NamespaceState;
import org.wgns.wg.Handshake;
import org.wgns.wg.LiveTunnel;
import org.wgns.wg.WgDump;

/** The `handshake` line of `wgns check`: is the tunnel alive, idle or not. */
final class HandshakeCheck {
    static final long HANDSHAKE_MAX_AGE = 180;

    private final Host host;
    private final Duration proveWithin;

    HandshakeCheck(Host host, Duration proveWithin) {
        this.host = host;
        this.proveWithin = proveWithin;
    }

    /**
     * A handshake in the last 3 minutes proves the tunnel alive. An older one (or none) may just
     * be an idle tunnel without keepalive, which has no reason to shake hands: then the tunnel
     * has to prove itself, prompted as `up --wait` does, before the check fails.
     */
    Check.Result run(NamespaceState s, long now) {
        WgDump.Iface current;
        try {
            current = new LiveTunnel(host, s.tunnel()).dump();
        } catch (WgnsException e) {
            return fail(e.getMessage());
        }
        long t = current.latestHandshake();
        if (t != 0 && now - t <= HANDSHAKE_MAX_AGE) {
            return ok(StatusText.ago(now - t));
        }
        String old = t == 0 ? "never" : StatusText.ago(now - t) + " (more than " + HANDSHAKE_MAX_AGE + " s)";
        if (!Handshake.promptable(current)) {
            return fail(old + ", and no peer has an endpoint to prompt a handshake with");
        }
        long fresh;
        try {
            fresh = new Handshake(host, s.tunnel()).prove(current, proveWithin);
        } catch (WgnsException e) {
            return fail(old + "; prompting a handshake failed: " + e.getMessage());
        }
        if (fresh > t) {
            return ok("just now, when prompted (the tunnel was idle; "
                    + (t == 0 ? "none before" : "the one before: " + StatusText.ago(now - t)) + ")");
        }
        return fail(old + ", and no answer when prompted for " + proveWithin.toSeconds()
                + " s: is the endpoint reachable?");
    }

    private static Check.Result ok(String detail) {
        return new Check.Result("handshake", Check.Status.OK, detail);
    }

    private static Check.Result fail(String detail) {
        return new Check.Result("handshake", Check.Status.FAIL, detail);
    }
}
