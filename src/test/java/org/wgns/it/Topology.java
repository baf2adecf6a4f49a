package org.wgns.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed test network: a "server" namespace with a userspace WireGuard peer, joined to the
 * host by a veth on TEST-NET-2 (198.51.100.0/24). The server has no route out of the machine and
 * forwarding stays off. Tunnel addresses: server 10.99.0.1 / fd00:99::1, client i 10.99.0.(i+2) /
 * fd00:99::(i+2). Closing it removes all of it.
 */
final class Topology implements AutoCloseable {
    static final String RANGE = "198.51.100.0/24";
    static final String SERVER_UNDERLAY = "198.51.100.2";
    static final String HOST_UNDERLAY = "198.51.100.1";
    static final String SERVER_TUNNEL = "10.99.0.1";
    static final String SERVER_TUNNEL6 = "fd00:99::1";
    static final String SERVER_NS = "wgit-srv";
    static final String VETH = "wgit-h";
    static final String SERVER_IF = "wgitsrv0";

    final String serverPublic;
    final List<String> clientPrivate = new ArrayList<>();
    final List<String> clientPublic = new ArrayList<>();

    private Topology(String serverPublic) {
        this.serverPublic = serverPublic;
    }

    static Topology start(int clients) {
        Leftovers.cleanAll();
        String routed = Sh.ok("ip", "route", "show", "match", SERVER_UNDERLAY).lines()
                .filter(l -> !l.startsWith("default")).collect(java.util.stream.Collectors.joining("; "));
        if (!routed.isEmpty()) {
            throw new AssertionError("198.51.100.0/24 is already routed on this machine (" + routed
                    + "): the tests' closed network would collide with it; remove it first");
        }
        // A safety net while the range is in use: should the server's namespace go first, a tunnel's
        // handshakes meet this route instead of leaving through the default one (the veth's own
        // route wins while it exists).
        Sh.ok("ip", "route", "add", "blackhole", RANGE, "metric", "4242");
        String serverKey = Sh.ok("wg", "genkey").strip();
        Topology t = new Topology(Sh.input(serverKey + "\n", "wg", "pubkey").out().strip());
        try {
            StringBuilder conf = new StringBuilder("[Interface]\nPrivateKey = " + serverKey + "\nListenPort = 51820\n");
            for (int i = 0; i < clients; i++) {
                String k = Sh.ok("wg", "genkey").strip();
                t.clientPrivate.add(k);
                t.clientPublic.add(Sh.input(k + "\n", "wg", "pubkey").out().strip());
                conf.append("[Peer]\nPublicKey = ").append(t.clientPublic.get(i))
                        .append("\nAllowedIPs = 10.99.0.").append(i + 2).append("/32, fd00:99::").append(i + 2).append("/128\n");
            }
            Sh.ok("ip", "netns", "add", SERVER_NS);
            Sh.ok("ip", "link", "add", VETH, "type", "veth", "peer", "name", "eth0", "netns", SERVER_NS);
            Sh.ok("ip", "addr", "add", HOST_UNDERLAY + "/24", "dev", VETH);
            Sh.ok("ip", "link", "set", VETH, "up");
            Sh.ok("ip", "-n", SERVER_NS, "addr", "add", SERVER_UNDERLAY + "/24", "dev", "eth0");
            Sh.ok("ip", "-n", SERVER_NS, "link", "set", "eth0", "up");
            Sh.ok("ip", "-n", SERVER_NS, "link", "set", "lo", "up");
            Sh.ok("ip", "netns", "exec", SERVER_NS, "wireguard-go", SERVER_IF);
            Machine.until(() -> Sh.run("wg", "show", SERVER_IF).success(), 2000);
            return t.configure(conf.toString());
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
    }

    private Topology configure(String conf) {
        org.wgns.os.Result r = Sh.input(conf, "wg", "setconf", SERVER_IF, "/dev/stdin");
        if (!r.success()) {
            throw new AssertionError("server wg setconf failed (" + r.exit() + "): " + r.err());
        }
        Sh.ok("ip", "-n", SERVER_NS, "addr", "add", SERVER_TUNNEL + "/24", "dev", SERVER_IF);
        Sh.ok("ip", "-n", SERVER_NS, "addr", "add", SERVER_TUNNEL6 + "/64", "dev", SERVER_IF);
        Sh.ok("ip", "-n", SERVER_NS, "link", "set", SERVER_IF, "up");
        return this;
    }

    /** A wg-quick config for client i, written 0600 into dir. */
    Path clientConfig(Path dir, int i, String extraInterfaceLines) throws Exception {
        String text = "[Interface]\nPrivateKey = " + clientPrivate.get(i) + "\n"
                + "Address = 10.99.0." + (i + 2) + "/32, fd00:99::" + (i + 2) + "/128\n"
                + "DNS = " + SERVER_TUNNEL + "\n" + extraInterfaceLines
                + "\n[Peer]\nPublicKey = " + serverPublic + "\nAllowedIPs = 0.0.0.0/0, ::/0\n"
                + "Endpoint = " + SERVER_UNDERLAY + ":51820\n";
        Path f = dir.resolve("client" + i + ".conf");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /**
     * Counts, on the server's underlay interface, every packet that can only be a leak: one with a
     * tunnel source address (it left a namespace outside the tunnel), or a ping.
     */
    static void startLeakCounter() {
        Sh.input("""
                table inet wgitleak {
                  chain pre {
                    type filter hook prerouting priority -300;
                    iifname "eth0" ip saddr 10.99.0.0/24 counter
                    iifname "eth0" ip6 saddr fd00:99::/64 counter
                    iifname "eth0" icmp type echo-request counter
                  }
                }
                """, "ip", "netns", "exec", SERVER_NS, "nft", "-f", "-");
    }

    static long leakedPackets() {
        String out = Sh.ok("ip", "netns", "exec", SERVER_NS, "nft", "list", "table", "inet", "wgitleak");
        long sum = 0;
        var m = java.util.regex.Pattern.compile("packets (\\d+)").matcher(out);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    @Override
    public void close() {
        Sh.run("ip", "netns", "delete", SERVER_NS);
        Sh.run("ip", "link", "delete", VETH);
        Machine.until(() -> !Files.exists(Path.of("/var/run/wireguard/" + SERVER_IF + ".sock")), 2000);
        Sh.run("pkill", "-f", "(^|/)wireguard-go " + SERVER_IF + "$");
        Sh.run("rm", "-f", "/var/run/wireguard/" + SERVER_IF + ".sock");
        Sh.run("ip", "route", "del", "blackhole", RANGE, "metric", "4242");
    }
}
