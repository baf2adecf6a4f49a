package org.wgns.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 */
public final class PublishProxy {
    static final List<String> PROXYD = List.of("/lib/systemd/systemd-socket-proxyd", "/usr/lib/systemd/systemd-socket-proxyd");

    private final Host host;

    public PublishProxy(Host host) {
        this.host = host;
    }

    /** Fails unless everything publishing needs is installed. */
    public void check() {
        if (host.which().apply("systemd-socket-activate").isEmpty() || proxyd().isEmpty()) {
            throw WgnsException.failure("--publish needs systemd-socket-activate and systemd-socket-proxyd"
                    + " (install the systemd package)");
        }
    }

    private Optional<String> proxyd() {
        return PROXYD.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** Starts the proxy and returns its pid once the host port listens. */
    public long start(String ns, Publish p) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(p.hostAddr(), p.hostPort()));
        } catch (IOException e) {
            throw WgnsException.failure(p.hostSide() + " cannot be used on the host: " + e.getMessage());
        }
        String activate = host.which().apply("systemd-socket-activate").map(Object::toString).orElse("systemd-socket-activate");
        String ip = host.which().apply("ip").map(Object::toString).orElse("ip");
        Result r = host.runner().run(Command.of("setsid", "-f", activate, "-l", p.hostSide(), ip, "netns", "exec", ns,
                proxyd().orElse(PROXYD.get(0)), "127.0.0.1:" + p.port()).detach());
        if (!r.success()) {
            throw WgnsException.failure(r.reason());
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!listening(p)) {
            if (System.nanoTime() > deadline) {
                throw WgnsException.failure("the proxy for " + p.hostSide() + " did not start listening");
            }
            UserspaceDaemon.sleep(5);
        }
        return find(ns, p);
    }

    /** How state records a published port: the spec, "@", the proxy's pid. */
    static String entry(Publish p, long pid) {
        return p + "@" + pid;
    }

    /** The proxy's pid of a state entry, 0 when there is none. */
    public static long pid(String entry) {
        int at = entry.lastIndexOf('@');
        return at > 0 ? Long.parseLong(entry.substring(at + 1)) : 0;
    }

    /** The published port of a state entry, as the user wrote it: "127.0.0.1:8080:80/tcp". */
    public static String spec(String entry) {
        int at = entry.lastIndexOf('@');
        return at > 0 ? entry.substring(0, at) : entry;
    }

    /** Ends the proxy if that pid still is it. */
    public void stop(String ns, String published) {
        long pid = pid(published);
        Procs procs = host.procs();
        if (pid > 0 && procs.alive(pid) && ours(procs, ns, pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            for (int i = 0; i < 200 && procs.alive(pid); i++) {
                UserspaceDaemon.sleep(5);
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Before its first connection it is systemd-socket-activate naming ns; after it, proxyd inside ns. */
    static boolean ours(Procs procs, String ns, long pid) {
        List<String> argv = procs.argv(pid);
        if (argv.isEmpty()) {
            return false;
        }
        if (argv.get(0).endsWith("systemd-socket-activate")) {
            return argv.contains(ns);
        }
        return argv.get(0).endsWith("systemd-socket-proxyd");
    }

    private long find(String ns, Publish p) {
        Procs procs = host.procs();
        for (long pid : procs.pids()) {
            List<String> argv = procs.argv(pid);
            if (argv.size() > 3 && argv.get(0).endsWith("systemd-socket-activate") && argv.contains(p.hostSide()) && argv.contains(ns)) {
                return pid;
            }
        }
        return 0;
    }

    /** Whether the host has a TCP socket listening on the published address, from /proc/net/tcp{,6}. */
    boolean listening(Publish p) {
        String port = String.format(Locale.ROOT, ":%04X", p.hostPort());
        for (String f : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(host.layout().proc().resolve(f))) {
                    String[] c = line.trim().split("\\s+");
                    if (c.length > 3 && c[1].endsWith(port) && c[3].equals("0A")) {
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
