package org.wgns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wgns.config.IpLiteral;
import org.wgns.os.Host;
import org.wgns.os.Layout;

/**
 * A Host for unit tests: a recording runner, every path under a temporary directory, a resolver
 * that knows a few names, and a userspace socket that is always ready.
 */
public final class FakeHost {
    public final Path root;
    public final RecordingRunner runner = new RecordingRunner();
    public final Layout layout;
    public final Map<String, String> env = new HashMap<>();
    public final Map<String, String> names = new HashMap<>();
    public int euid = 0;
    /** The real clock unless a test drives its own (--watch, waits). */
    public org.wgns.os.Clock clock = org.wgns.os.Clock.system();
    public final java.util.Set<String> missingPrograms = new java.util.HashSet<>();
    /** Signals sent, as "TERM PID" or "KILL PID": nothing is ended for real. */
    public final List<String> signalsSent = new java.util.ArrayList<>();
    public final org.wgns.os.Signals signals = new org.wgns.os.Signals() {
        @Override
        public void terminate(long pid) {
            signalsSent.add("TERM " + pid);
        }

        @Override
        public void kill(long pid) {
            signalsSent.add("KILL " + pid);
        }
    };

    public FakeHost(Path root) {
        this.root = root;
        this.layout = Layout.under(root);
        try {
            Files.createDirectories(layout.etc());
            Files.writeString(layout.etc().resolve("resolv.conf"), "nameserver 127.0.0.53\noptions edns0\n");
            Files.writeString(layout.etc().resolve("nsswitch.conf"),
                    "passwd: files systemd\nhosts: files mdns4_minimal [NOTFOUND=return] resolve dns myhostname\nnetworks: files\n");
            Files.createDirectories(layout.proc().resolve("sys/net/ipv6"));
            Files.createDirectories(layout.netnsDir());
            Files.createDirectories(layout.tun().getParent());
            Files.writeString(layout.tun(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Host host() {
        return new Host(runner, layout, env, euid, n -> {
            String ip = names.get(n);
            if (ip == null) {
                throw new UnknownHostException(n);
            }
            return IpLiteral.parse(ip);
        }, p -> true, p -> missingPrograms.contains(p) ? java.util.Optional.empty()
                : java.util.Optional.of(Path.of("/usr/sbin", p)), clock, signals,
                org.wgns.os.Log.quiet());
    }

    /** What a user would see of one wgns command line run against this host. */
    public record Run(int code, String out, String err) {}

    /** Runs the real command line in-process, as `wgns ARGS`. */
    public Run wgns(String... args) {
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter e = new java.io.StringWriter();
        int code = org.wgns.cli.Main.run(new java.io.PrintWriter(o, true), new java.io.PrintWriter(e, true), host(), args);
        return new Run(code, o.toString(), e.toString());
    }

    /** The kernel has WireGuard loaded. */
    public FakeHost kernelModule() {
        mkdirs(layout.sys().resolve("module/wireguard"));
        return this;
    }

    /** No /dev/net/tun: the tun module is not loaded (or a container did not pass the device in). */
    public FakeHost noTun() {
        try {
            Files.delete(layout.tun());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The running kernel's module index exists and has no WireGuard. */
    public FakeHost noKernelModule() {
        write(layout.proc().resolve("sys/kernel/osrelease"), "6.1.0-test\n");
        write(layout.libModules().resolve("6.1.0-test/modules.dep"), "kernel/drivers/net/dummy.ko:\n");
        return this;
    }

    /** A route table with a default route via eth0 (MTU 1500) and 198.51.100.0/24 via veth0 (MTU 1400). */
    public FakeHost routes() {
        write(layout.proc().resolve("net/route"),
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                        + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                        + "veth0\t006433C6\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n");
        write(layout.sys().resolve("class/net/eth0/mtu"), "1500\n");
        write(layout.sys().resolve("class/net/veth0/mtu"), "1400\n");
        return this;
    }

    /** Makes `ip netns add NAME` visible, as the real one would. */
    public void netnsExists(String name) {
        write(layout.netns(name), "");
    }

    /** A process in the fake /proc: its stat (state S, start time), uid, argv and descriptors. */
    public void process(long pid, int uid, long start, List<String> argv, String... socketInodes) {
        Path d = layout.proc().resolve(Long.toString(pid));
        StringBuilder stat = new StringBuilder(pid + " (" + Path.of(argv.get(0)).getFileName() + ") S 1");
        for (int f = 5; f <= 21; f++) {
            stat.append(" 0");
        }
        write(d.resolve("stat"), stat.append(' ').append(start).append(" 0 0\n").toString());
        write(d.resolve("status"), "Name:\tx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
        write(d.resolve("cmdline"), String.join("\0", argv) + "\0");
        mkdirs(d.resolve("fd"));
        try {
            for (int i = 0; i < socketInodes.length; i++) {
                Files.createSymbolicLink(d.resolve("fd/" + (3 + i)), Path.of("socket:[" + socketInodes[i] + "]"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
