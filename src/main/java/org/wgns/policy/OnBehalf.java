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

    /**
     * up --reach: the helper connects to HOST:PORT from the host's namespace as root, for whatever
     * runs inside. Through sudo, only what the caller could reach from their own shell without
     * leaving the machine, and nothing that answers for the host as a whole: a loopback address,
     * a port from 1024 up (below are root's services: mail, printing, the host's resolver on 53),
     * never systemd-resolved's stub addresses (the host's resolver: lookups inside would leave
     * outside the tunnel). A LAN address (a printer, a NAS) is root's to open.
     */
    public static void reach(Caller c, InetAddress host, int port, String shown) {
        if (!c.throughSudo()) {
            return;
        }
        if (!host.isLoopbackAddress()) {
            throw refused("--reach " + shown, "only a loopback address of the host (127.0.0.1, ::1) may be reached;"
                    + " a LAN address is root's to open");
        }
        if (port < FIRST_UNPRIVILEGED_PORT) {
            throw refused("--reach " + shown, "host ports below " + FIRST_UNPRIVILEGED_PORT + " are root's services");
        }
        if (RESOLVER_STUBS.contains(host.getHostAddress())) {
            throw refused("--reach " + shown, "that is the host's resolver: lookups inside would leave outside the tunnel");
        }
    }

    /** systemd-resolved's stub listeners: the host's resolver on any port. */
    static final List<String> RESOLVER_STUBS = List.of("127.0.0.53", "127.0.0.54");

    /** up --on-port-change runs the command as the user who asked for it; through sudo, no one else. */
    public static void portChangeUser(Caller c, long uid) {
        if (c.throughSudo() && uid != c.uid()) {
            throw refused("--on-port-change-user", "the command runs as you (uid " + c.uid() + ")");
        }
    }

    /** The helper is started by up, as root itself; through sudo it is nobody's to start. */
    public static void helper(Caller c) {
        if (c.throughSudo()) {
            throw WgnsException.failure("through sudo, the helper is not started on your behalf; up starts it");
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
