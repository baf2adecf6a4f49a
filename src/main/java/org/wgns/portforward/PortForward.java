package org.wgns.portforward;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * up --port-forward natpmp: the gateway asked for a port, and what to run when the port changes
 * (the whole root chain that becomes the user and runs their command, the port to be appended;
 * empty for nothing). Recorded in the state, which is root's only.
 */
public record PortForward(InetAddress gateway, List<String> onChange) {
    /** What wgns asks for, as Proton VPN documents it: a 60 s mapping, renewed every 45 s. */
    public static final long LIFETIME_SECONDS = 60;
    public static final long RENEW_SECONDS = 45;

    public PortForward {
        Objects.requireNonNull(gateway);
        onChange = List.copyOf(onChange);
    }
}
