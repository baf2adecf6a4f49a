package org.wgns.wg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.os.Result;

/**
 * The userspace implementation (wireguard-go unless WG_QUICK_USERSPACE_IMPLEMENTATION names
 * another): started in the host namespace under the temporary name, so its UDP socket lives
 * there and its control socket is /var/run/wireguard/TMP.sock whatever the link is renamed to.
 */
public final class UserspaceDaemon {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(3);

    private final Host host;

    public UserspaceDaemon(Host host) {
        this.host = host;
    }

    public String program() {
        String impl = org.wgns.policy.OnBehalf.programsFromEnvironment(host.caller())
                ? host.env("WG_QUICK_USERSPACE_IMPLEMENTATION") : null;
        return impl == null || impl.isBlank() ? "wireguard-go" : impl;
    }

    /**
     * Starts the daemon and returns once its control socket answers (the start-up race: a
     * `wg setconf` right after the fork can fail). Returns its pid, 0 if it cannot be found.
     */
    public long start(String tmpName) {
        Path tun = host.layout().tun();
        if (!Files.exists(tun)) {
            throw WgnsException.failure(tun + " does not exist, and userspace WireGuard needs it: load the tun module"
                    + " (modprobe tun); in a container, pass the device in");
        }
        // WG_PROCESS_FOREGROUND stays unset: the daemon forks itself away, and =0 would stop it.
        Result r = host.run(Command.of(program(), tmpName));
        if (!r.success()) {
            throw WgnsException.failure(program() + " " + tmpName + ": " + failure(r)
                    + (r.exit() == 127 ? " (install the wireguard-go package)" : ""));
        }
        Path sock = host.layout().wgSocket(tmpName);
        long deadline = host.clock().nanos() + READY_TIMEOUT.toNanos();
        while (!host.socketReady().test(sock)) {
            if (host.clock().nanos() > deadline) {
                throw WgnsException.failure(program() + " did not answer on " + sock + " within "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            host.clock().sleep(5);
        }
        return procs().find(baseName(program()), tmpName);
    }

    /** Ends the daemon if it still runs (TERM, then KILL) and removes a socket it left. */
    public void stop(String tmpName, long pid) {
        long p = running(tmpName, pid);
        if (p > 0) {
            host.signals().terminate(p);
            if (!waitGone(tmpName, p, EXIT_TIMEOUT)) {
                host.signals().kill(p);
                waitGone(tmpName, p, EXIT_TIMEOUT);
            }
        }
        removeSocket(tmpName);
    }

    /**
     * After its TUN device is destroyed the daemon exits by itself, a little later: wait for that
     * (bounded), then make sure. Returns true when it went by itself.
     */
    public boolean awaitExit(String tmpName, long pid) {
        long p = running(tmpName, pid);
        boolean byItself = p == 0 || waitGone(tmpName, p, EXIT_TIMEOUT);
        stop(tmpName, p);
        return byItself;
    }

    /** The daemon's pid if it runs: the recorded one if it still is that daemon, else a search. */
    public long running(String tmpName, long pid) {
        Procs procs = procs();
        if (pid > 0 && procs.alive(pid) && procs.uid(pid) == 0 && procs.argv(pid).contains(tmpName)) {
            return pid;
        }
        return procs.find(baseName(program()), tmpName);
    }

    /**
     * Why the daemon did not start. wireguard-go prints a boxed warning banner on stderr and its
     * real error on stdout, as `ERROR: (NAME) DATE TIME message`: that message, else the first
     * line either stream has that is not the banner.
     */
    static String failure(Result r) {
        List<String> lines = new ArrayList<>(r.out().lines().toList());
        lines.addAll(r.err().lines().toList());
        for (String l : lines) {
            if (l.strip().startsWith("ERROR:")) {
                return ERROR_PREFIX.matcher(l.strip()).replaceFirst("");
            }
        }
        for (String l : lines) {
            String s = l.strip();
            if (!s.isEmpty() && "┌│└".indexOf(s.charAt(0)) < 0) {
                return s;
            }
        }
        return r.exit() < 0 ? "timed out" : "exit status " + r.exit();
    }

    private static final Pattern ERROR_PREFIX =
            Pattern.compile("^ERROR:\\s*(\\([^)]*\\)\\s*)?(\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\s*)?");

    private boolean waitGone(String tmpName, long pid, Duration timeout) {
        long deadline = host.clock().nanos() + timeout.toNanos();
        Procs procs = procs();
        while (procs.alive(pid)) {
            if (host.clock().nanos() > deadline) {
                return false;
            }
            host.clock().sleep(5);
        }
        return true;
    }

    private void removeSocket(String tmpName) {
        try {
            Files.deleteIfExists(host.layout().wgSocket(tmpName));
        } catch (java.io.IOException e) {
            throw WgnsException.failure("cannot remove " + host.layout().wgSocket(tmpName) + ": " + e.getMessage());
        }
    }

    private Procs procs() {
        return host.procs();
    }

    static String baseName(String program) {
        int slash = program.lastIndexOf('/');
        return slash >= 0 ? program.substring(slash + 1) : program;
    }

}
