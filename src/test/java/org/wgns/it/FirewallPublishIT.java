package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/** The namespace's firewall seen from the VPN's side, and --publish seen from the host. */
class FirewallPublishIT extends WithTopology {
    static final String NS_ADDR = "10.99.0.2";

    @AfterEach
    void nothingLeft() {
        Wgns.run("down", C1, "--kill");
        List<String> left = Leftovers.find();
        // The proxies of these tests: their host ports, or (after their first connection) their target.
        left.addAll(Sh.run("pgrep", "-a", "-f", "systemd-socket-(activate|proxyd)").out().lines()
                .filter(l -> l.contains(C1) || l.contains(":1808") || l.contains("127.0.0.1:8000")).toList());
        Leftovers.clean();
        assertEquals(List.of(), left, "leftovers");
    }

    /**
     * With --wait: the VPN's side can reach the namespace only once the tunnel has shaken hands,
     * since the server learns the client's address from its handshake. A kernel tunnel sends
     * nothing by itself; a userspace one happened to (its TUN's IPv6 link-local chatter), which is
     * what these tests used to rely on without saying so.
     */
    static Result up(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--wait"));
        args.addAll(List.of(extra));
        Result r = Wgns.run(args.toArray(String[]::new));
        UpDownIT.ok(r);
        return r;
    }

    /** A TCP connection from the VPN's side (the server namespace) through the tunnel. */
    static boolean fromVpnSide(int port) {
        return curlFromVpnSide(port, Machine.secondsArg(2));
    }

    /**
     * No connection from the VPN's side within 3 s: a dropped SYN is only ever a time-out, which
     * need not grow with a slow machine (one that opens connects in well under that, as the
     * open port beside it shows).
     */
    static boolean closedFromVpnSide(int port) {
        return !curlFromVpnSide(port, "3");
    }

    private static boolean curlFromVpnSide(int port, String seconds) {
        return Sh.run("ip", "netns", "exec", Topology.SERVER_NS, "curl", "-s", "-o", "/dev/null", "-m", seconds,
                "http://" + NS_ADDR + ":" + port + "/").success();
    }

    static boolean fromHost(String url) {
        return Sh.run("curl", "-s", "-o", "/dev/null", "-m", Machine.secondsArg(2), url).success();
    }

    @Test
    void byDefaultNothingComesInFromTheTunnelButOutboundWorks() throws Exception {
        up();
        try (WebServer web = WebServer.start(C1, 8000)) {
            assertTrue(closedFromVpnSide(8000), "a service inside is closed to the VPN's side");
            assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), "outbound and its replies pass");
            assertTrue(Sh.run("ip", "netns", "exec", C1, "curl", "-s", "-m", Machine.secondsArg(2), "http://127.0.0.1:8000/").success(),
                    "loopback inside is open");
            String rules = Sh.ok("ip", "netns", "exec", C1, "nft", "list", "table", "inet", "wgns");
            assertTrue(rules.contains("policy drop"), rules);
            JsonObject ns = JsonParser.parseString(Wgns.run("show", C1, "--json").out()).getAsJsonObject()
                    .getAsJsonArray("namespaces").get(0).getAsJsonObject();
            assertTrue(ns.getAsJsonObject("firewall").get("enabled").getAsBoolean());
            assertTrue(Wgns.run("show", C1).out().contains("  firewall: on, nothing inbound\n"));
        }
    }

    @Test
    void allowInOpensExactlyThatPort() throws Exception {
        up("--allow-in", "tcp/8000");
        try (WebServer a = WebServer.start(C1, 8000); WebServer b = WebServer.start(C1, 8001)) {
            assertTrue(fromVpnSide(8000), "tcp/8000 is open");
            assertTrue(closedFromVpnSide(8001), "tcp/8001 is not");
            assertTrue(Wgns.run("show", C1).out().contains("  firewall: on, inbound open: tcp/8000\n"));
        }
    }

    @Test
    void noFirewallLeavesItOpenAndSaysSo() throws Exception {
        Result r = up("--no-firewall");
        assertTrue(r.err().contains("firewall off (--no-firewall)"), r.err());
        try (WebServer web = WebServer.start(C1, 8000)) {
            assertTrue(fromVpnSide(8000));
        }
    }

    @Test
    void thePublishedPortAndNothingElseReachesTheNamespaceFromTheHost() throws Exception {
        up("--publish", "18080:8000");
        try (WebServer a = WebServer.start(C1, 8000); WebServer b = WebServer.start(C1, 8001)) {
            Result page = Sh.run("curl", "-s", "-m", Machine.secondsArg(3), "http://127.0.0.1:18080/");
            assertEquals("hello from " + C1 + "\n", page.out(), page.err());
            assertTrue(fromHost("http://127.0.0.1:18080/"), "again: the proxy serves every connection");
            assertFalse(fromHost("http://127.0.0.1:8001/"), "an unpublished port is not on the host");
            assertEquals(List.of("lo", "wg0"), Sh.lines("ip", "-n", C1, "-o", "link", "show").stream()
                    .map(l -> l.split(":")[1].strip()).toList(), "no link between host and namespace");
            assertTrue(UpDownIT.unreachable(C1, Topology.HOST_UNDERLAY), "from inside, the host is not reachable");
            assertTrue(Wgns.run("show", C1).out().contains("  published: 127.0.0.1:18080:8000/tcp\n"));
            assertTrue(Wgns.run("list").out().lines().filter(l -> l.startsWith(C1 + " ")).findFirst().orElseThrow().endsWith(" 2"),
                    "the two lighttpd count, the proxy does not");
            // The kill switch holds with a published port.
            Topology.startLeakCounter();
            Sh.ok("ip", "-n", C1, "link", "set", "wg0", "down");
            assertTrue(UpDownIT.unreachable(C1, Topology.SERVER_UNDERLAY));
            assertTrue(UpDownIT.unreachable(C1, Topology.HOST_UNDERLAY));
            assertEquals(0, Topology.leakedPackets());
        }
        UpDownIT.ok(Wgns.run("down", C1));
        assertFalse(fromHost("http://127.0.0.1:18080/"), "down removes the published port");
    }

    @Test
    void aPortInUseOnTheHostFailsUpAndLeavesNothing() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(18081, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--publish", "18081:80");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("publish 127.0.0.1:18081 to port 80: 127.0.0.1:18081 cannot be used on the host"), r.err());
        }
    }

    static boolean listening(int port) {
        return Sh.ok("ss", "-Hltn", "sport = :" + port).contains(":" + port);
    }

    /** Killed while it waits for a handshake, with a port published: the next up of that name must not forward into it. */
    @Test
    void aPublishedPortNeverOutlivesAnUpThatWasKilled() throws Exception {
        String conf = java.nio.file.Files.readString(topo.clientConfig(dir, 0, ""))
                .replace(topo.serverPublic, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        java.nio.file.Path wrongPeer = dir.resolve("wrong-peer.conf");
        java.nio.file.Files.writeString(wrongPeer, conf);
        Process p = new ProcessBuilder(Wgns.command("up", C1, "-c", wrongPeer.toString(),
                "--publish", "18082:8000", "--wait", "60")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("up.out").toFile()).start();
        try {
            Machine.until(() -> listening(18082) || !p.isAlive(), 15_000);
            assertTrue(listening(18082), () -> "the proxy listens while up waits; up: "
                    + (p.isAlive() ? "running" : "ended, " + Sh.run("cat", dir.resolve("up.out").toString()).out()));
        } finally {
            p.destroyForcibly().waitFor();
        }
        up();
        assertFalse(listening(18082), "the next up ended the proxy of the killed one");
        UpDownIT.ok(Wgns.run("down", C1));
    }

    /** A user's process that looks like the proxy is not the proxy: down ends the real one and leaves theirs alone. */
    @Test
    void aLookAlikeOfTheProxyIsNeverTakenForIt() throws Exception {
        java.nio.file.Path decoy = CProgram.compile("decoy", CProgram.DECOY);
        Process fake = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "bash", "-c",
                "exec -a /usr/bin/systemd-socket-activate " + decoy + " -l 127.0.0.1:18083 /usr/sbin/ip netns exec " + C1
                        + " /lib/systemd/systemd-socket-proxyd 127.0.0.1:8000").start();
        try {
            Sh.sleep(200);
            assertTrue(fake.isAlive());
            up("--publish", "18083:8000");
            assertTrue(listening(18083));
            UpDownIT.ok(Wgns.run("down", C1));
            assertFalse(listening(18083), "the real proxy is gone");
            assertTrue(fake.isAlive(), "root did not end the look-alike");
        } finally {
            fake.destroyForcibly().waitFor();
            CProgram.removeAll();
        }
    }
}
