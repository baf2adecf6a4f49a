package org.wgns.publish;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.os.Result;

/**
 * Publishing without a network path: systemd-socket-activate binds HOSTADDR:HOSTPORT in the
 * host namespace, then becomes (via `ip netns exec`) systemd-socket-proxyd inside the namespace,
 * which keeps serving that host socket and connects to 127.0.0.1:PORT inside. No veth, no
 * route, no NAT: the namespace still has the tunnel as its only way out, and the host reaches
 * exactly the published ports.
 *
 * <p>The proxy is wgns's to end, so wgns knows it from the start: the state says a proxy may
 * exist before it is started ("SPEC@0"), then names it by pid and start time ("SPEC@PID:START")
 * before it can accept a connection. `down` and the recovery after a kill end exactly that
 * process — never one that merely looks like it.
 */
public final class PublishProxy {
    static final List<String> PROXYD = List.of("/lib/systemd/systemd-socket-proxyd", "/usr/lib/systemd/systemd-socket-proxyd");
    static final String ACTIVATE = "systemd-socket-activate";

    private final Host host;

    public PublishProxy(Host host) {
        this.host = host;
    }

    /** Fails unless everything publishing needs is installed. */
    public void check() {
        if (host.which().apply(ACTIVATE).isEmpty() || proxyd().isEmpty()) {
            throw WgnsException.failure("--publish needs systemd-socket-activate and systemd-socket-proxyd"
                    + " (install the systemd package)");
        }
    }

    private Optional<String> proxyd() {
        return PROXYD.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** Starts the proxy; returns it (for the caller to record) as soon as it is known. */
    public PublishedPort start(String ns, Publish p) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(p.hostAddr(), p.hostPort()));
        } catch (IOException e) {
            throw WgnsException.failure(p.hostSide() + " cannot be used on the host: " + e.getMessage());
        }
        // setsid without -f: a child of the JVM is no group leader, so setsid execs in place and
        // the pid the runner reports is the proxy's own.
        Result r = host.run(Command.of(argv(ns, p).toArray(String[]::new)).detach());
        if (!r.success() || r.pid() <= 0) {
            throw WgnsException.failure(r.reason());
        }
        return new PublishedPort(p, r.pid(), host.procs().startTime(r.pid()));
    }

    List<String> argv(String ns, Publish p) {
        String activate = host.which().apply(ACTIVATE).map(Object::toString).orElse(ACTIVATE);
        String ip = host.which().apply("ip").map(Object::toString).orElse("ip");
        return List.of("setsid", activate, "-l", p.hostSide(), ip, "netns", "exec", ns,
                proxyd().orElse(PROXYD.get(0)), "127.0.0.1:" + p.port());
    }

    /** Waits until the proxy's own socket listens: not merely anything on that port. */
    public void awaitListening(PublishedPort proxy) {
        long deadline = host.clock().nanos() + 3_000_000_000L;
        while (!listening(proxy.pid(), proxy.spec().hostPort())) {
            if (host.clock().nanos() > deadline || !host.procs().alive(proxy.pid())) {
                throw WgnsException.failure("the proxy for " + proxy.spec().hostSide() + " did not start listening");
            }
            host.clock().sleep(5);
        }
    }

    /** Ends the proxy if it still runs: the very process recorded, or, not yet recorded, root's exact one. */
    public void stop(String ns, PublishedPort proxy) {
        Procs procs = host.procs();
        long pid = proxy.pid();
        if (pid == 0) {
            pid = unrecorded(procs, ns, proxy.spec());
        } else if (!same(procs, pid, proxy.startTime(), ns)) {
            pid = 0;
        }
        if (pid > 0) {
            long p = pid;
            host.signals().terminate(p);
            for (int i = 0; i < 200 && procs.alive(p); i++) {
                host.clock().sleep(5);
            }
            host.signals().kill(p);
        }
    }

    /** The processes that are not proxies of these: wgns's own, not the user's to end or count. */
    public static List<Procs.Proc> notProxies(List<Procs.Proc> ps, List<PublishedPort> published) {
        Set<Long> own = new java.util.HashSet<>();
        published.forEach(p -> own.add(p.pid()));
        return ps.stream().filter(p -> !own.contains(p.pid())).toList();
    }

    /** The recorded process: root's, started when recorded (older entries: shaped like ours). */
    static boolean same(Procs procs, long pid, long start, String ns) {
        if (!procs.alive(pid) || procs.uid(pid) != 0) {
            return false;
        }
        if (start >= 0) {
            return procs.startTime(pid) == start;
        }
        List<String> argv = procs.argv(pid);
        return !argv.isEmpty() && (argv.get(0).endsWith(ACTIVATE) && argv.contains(ns) || argv.get(0).endsWith("systemd-socket-proxyd"));
    }

    /**
     * A proxy killed before its pid was written: only root runs programs, and only wgns runs this
     * exact command line, so root's process with exactly it is ours.
     */
    private long unrecorded(Procs procs, String ns, Publish p) {
        List<String> want = argv(ns, p).subList(1, 10);
        for (long pid : procs.pids()) {
            List<String> argv = procs.argv(pid);
            if (argv.equals(want) && procs.uid(pid) == 0) {
                return pid;
            }
        }
        return 0;
    }

    /** Whether pid has a TCP socket listening on port, from /proc/net/tcp{,6} and the pid's own descriptors. */
    boolean listening(long pid, int port) {
        Set<String> mine = host.procs().socketInodes(pid);
        String hex = String.format(Locale.ROOT, ":%04X", port);
        for (String f : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(host.layout().proc().resolve(f))) {
                    String[] c = line.trim().split("\\s+");
                    if (c.length > 9 && c[1].endsWith(hex) && c[3].equals("0A") && mine.contains(c[9])) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return false;
    }
}
