package org.wgns.wg;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wgns.WgnsException;
import org.wgns.config.Endpoint;
import org.wgns.config.Peer;
import org.wgns.config.WgConfig;
import org.wgns.os.Host;

/**
 * Endpoint names resolved by wgns, in the host namespace, before anything is created: so `wg`
 * only ever sees addresses (it may run inside the namespace, which has no DNS of its own), and a
 * name that does not resolve fails `up` before it has changed anything. Retries follow wg's
 * WG_ENDPOINT_RESOLUTION_RETRIES (a number, or "infinity"; default 15), with wg's back-off.
 */
public final class Endpoints {
    static final int DEFAULT_RETRIES = 15;

    private Endpoints() {}

    public static Map<Endpoint, InetAddress> resolve(WgConfig config, Host host, java.util.function.Consumer<String> notices) {
        long retries = retries(host.env("WG_ENDPOINT_RESOLUTION_RETRIES"));
        Map<Endpoint, InetAddress> out = new LinkedHashMap<>();
        for (Peer p : config.peers()) {
            if (p.endpoint().isEmpty()) {
                continue;
            }
            Endpoint e = p.endpoint().get();
            out.put(e, e.literal() != null ? e.literal() : lookup(e, host, retries, config, notices));
        }
        return out;
    }

    static long retries(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_RETRIES;
        }
        if (value.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw WgnsException.usage("WG_ENDPOINT_RESOLUTION_RETRIES is a number or 'infinity', not '"
                    + org.wgns.Names.printable(value) + "'");
        }
    }

    private static InetAddress lookup(Endpoint e, Host host, long retries, WgConfig config,
            java.util.function.Consumer<String> notices) {
        long delayMs = 1000;
        for (long attempt = 0; ; attempt++) {
            try {
                return host.resolver().resolve(e.host());
            } catch (UnknownHostException ex) {
                if (attempt >= retries) {
                    throw WgnsException.failure(config.source() + ": cannot resolve endpoint " + e.host()
                            + (retries > 0 ? " (after " + (attempt + 1) + " tries)" : ""));
                }
                if (attempt == 0) {
                    notices.accept("cannot resolve endpoint " + e.host() + " yet; retrying"
                            + (retries == Long.MAX_VALUE ? "" : " up to " + retries + " times")
                            + " (WG_ENDPOINT_RESOLUTION_RETRIES)");
                }
            }
            host.clock().sleep(delayMs);
            delayMs = Math.min(20000, delayMs * 6 / 5);
        }
    }
}
