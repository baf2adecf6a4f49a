package org.wgns.policy;

import java.net.InetAddress;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Caller;

/**
 * What root refuses to do for a user who came through sudo: anything that reaches past the
 * namespace, or that the user could not do themselves. Root running wgns itself is not limited.
 * One place, so the README's list of limits is this file.
 */
public final class OnBehalf {
    /** Below this a port is privileged: binding it on the host is root's, not the caller's. */
    static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private OnBehalf() {}

    /** up --no-firewall opens every port inside to the VPN's side. */
    public static void noFirewall(Caller c) {
        if (c.throughSudo()) {
            throw refused("--no-firewall", "it opens every port inside to the VPN's network");
        }
    }

    /** up --publish binds a host socket as root: only what the caller could bind, and only locally. */
    public static void publish(Caller c, InetAddress hostAddr, int hostPort, String shown) {
        if (!c.throughSudo()) {
            return;
        }
        if (!hostAddr.isLoopbackAddress()) {
            throw refused("--publish " + shown, "only a loopback address (127.0.0.1, ::1) may be published");
        }
        if (hostPort < FIRST_UNPRIVILEGED_PORT) {
            throw refused("--publish " + shown, "host ports below " + FIRST_UNPRIVILEGED_PORT + " are root's");
        }
    }

    /** down --kill ends only the caller's own processes; others' are root's to end. */
    public static void kill(Caller c, List<Long> ownerUids) {
        if (c.throughSudo() && ownerUids.stream().anyMatch(u -> u != c.uid())) {
            throw refused("--kill", "processes of other users are inside; only root can end them");
        }
    }

    /** systemd attach/detach write root's unit files: never on someone else's behalf. */
    public static void systemUnits(Caller c) {
        if (c.throughSudo()) {
            throw WgnsException.failure("through sudo, units are not changed on your behalf; root runs this itself");
        }
    }

    /**
     * Whether variables that name a program for root to run (WG_QUICK_USERSPACE_IMPLEMENTATION)
     * count: sudo may have been told to keep them.
     */
    public static boolean programsFromEnvironment(Caller c) {
        return !c.throughSudo();
    }

    private static WgnsException refused(String what, String why) {
        return WgnsException.failure(what + " refused through sudo: " + why);
    }
}
