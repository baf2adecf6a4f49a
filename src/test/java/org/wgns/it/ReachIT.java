package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Netns;
import org.wgns.os.Result;

/**
 * up --reach: services on the host's 127.0.0.1 and on a test "LAN" namespace (joined to the host
 * by a veth on 203.0.113.0/24), TCP and UDP, reached from `wgns exec` on 127.0.0.1 inside, while
 * the namespace keeps only lo and the tunnel, every route via the tunnel, and nothing else of the
 * host or the LAN is reachable.
 */
class ReachIT extends WithTopology {
    static final String LAN_NS = "wgit-lan";
    static final String LAN_HOST = "203.0.113.1";
    static final String LAN_ADDR = "203.0.113.2";
    static final List<AutoCloseable> services = new ArrayList<>();

    @BeforeAll
    static void servicesOnTheHostAndTheLan() throws Exception {
        Sh.ok("ip", "netns", "add", LAN_NS);
        Sh.ok("ip", "link", "add", "wgit-l", "type", "veth", "peer", "name", "eth0", "netns", LAN_NS);
        Sh.ok("ip", "addr", "add", LAN_HOST + "/24", "dev", "wgit-l");
        Sh.ok("ip", "link", "set", "wgit-l", "up");
        Sh.ok("ip", "-n", LAN_NS, "addr", "add", LAN_ADDR + "/24", "dev", "eth0");
        Sh.ok("ip", "-n", LAN_NS, "link", "set", "eth0", "up");
        Sh.ok("ip", "-n", LAN_NS, "link", "set", "lo", "up");
        tcp(null, "127.0.0.1", 18201, "host tcp");
        udp(null, "127.0.0.1", 18202, "host udp");
        tcp(LAN_NS, LAN_ADDR, 18203, "lan tcp");
        udp(LAN_NS, LAN_ADDR, 18204, "lan udp");
        tcp(null, "127.0.0.1", 18205, "unpublished host tcp");
    }

    @AfterAll
    static void removeLan() throws Exception {
        for (AutoCloseable c : services) {
            c.close();
        }
        Sh.run("ip", "netns", "delete", LAN_NS);
        Sh.run("ip", "link", "delete", "wgit-l");
    }

    @AfterEach
    void nothingLeft() {
        Wgns.run("down", C1, "--kill");
        assertNothingLeft();
    }

    /** A TCP service that greets each connection with its name; in a namespace, or on the host (ns null). */
    static void tcp(String ns, String addr, int port, String name) throws Exception {
        ServerSocketChannel s = ns == null ? ServerSocketChannel.open()
                : Netns.inside(Path.of("/run/netns/" + ns), ServerSocketChannel::open);
        s.bind(new InetSocketAddress(addr, port));
        services.add(s);
        daemon(() -> {
            while (s.isOpen()) {
                try (Socket c = s.accept().socket()) {
                    c.getOutputStream().write((name + "\n").getBytes());
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    /** A UDP service that answers each datagram with its name and the datagram. */
    static void udp(String ns, String addr, int port, String name) throws Exception {
        DatagramChannel d = ns == null ? DatagramChannel.open() : Netns.inside(Path.of("/run/netns/" + ns), DatagramChannel::open);
        d.bind(new InetSocketAddress(addr, port));
        services.add(d);
        daemon(() -> {
            ByteBuffer b = ByteBuffer.allocate(2048);
            while (d.isOpen()) {
                try {
                    b.clear();
                    var from = d.receive(b);
                    b.flip();
                    String got = new String(b.array(), 0, b.limit()).strip();
                    d.send(ByteBuffer.wrap((name + " " + got + "\n").getBytes()), from);
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
    }

    static void daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
    }

    /** What a TCP connection to 127.0.0.1:port inside the namespace reads, through `wgns exec`. */
    static Result tcpInside(int port) {
        return Wgns.run("exec", C1, "--", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port + " && timeout 3 head -n 1 <&3");
    }

    static Result udpInside(int port) {
        return Wgns.run("exec", C1, "--", "bash", "-c", "exec 3<>/dev/udp/127.0.0.1/" + port
                + " && echo ping >&3 && timeout 3 head -n 1 <&3");
    }

    @Test
    void holesReachHostAndLanServicesTcpAndUdpAndNothingElse() throws Exception {
        Result r = Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--reach", "18301:127.0.0.1:18201",
                "--reach", "127.0.0.1:18202/udp", "--reach", "18303:" + LAN_ADDR + ":18203/tcp", "--reach", "18304:" + LAN_ADDR + ":18204/udp");
        UpDownIT.ok(r);
        assertEquals("host tcp\n", tcpInside(18301).out());
        assertEquals("host udp ping\n", udpInside(18202).out());
        assertEquals("lan tcp\n", tcpInside(18303).out());
        assertEquals("lan udp ping\n", udpInside(18304).out());
        assertEquals("host udp ping\n", udpInside(18202).out(), "again: each sender is served");
        // Nothing else crosses.
        assertEquals(List.of("lo", "wg0"), Sh.lines("ip", "-n", C1, "-o", "link", "show").stream()
                .map(l -> l.split(":")[1].strip().split("@")[0]).toList());
        assertTrue(tcpInside(18205).exit() != 0, "an unreached host port is not there");
        assertTrue(tcpInside(18201).exit() != 0, "the host's port itself is not inside");
        assertTrue(UpDownIT.unreachable(C1, LAN_ADDR), "the LAN is not routed");
        assertTrue(UpDownIT.unreachable(C1, LAN_HOST), "nor the host");
        assertFalse(Sh.run("ss", "-Hltn", "sport = :18301").out().contains("18301"), "the listener is not on the host");
        Result check = Wgns.run("check", C1);
        assertEquals(0, check.exit(), check.out());
        assertTrue(check.out().contains("ok    reach       127.0.0.1:18301 -> 127.0.0.1:18201/tcp, 127.0.0.1:18202 -> 127.0.0.1:18202/udp,"),
                check.out());
        assertTrue(check.out().contains("ok    routes      every route goes via wg0"), check.out());
        var reach = JsonParser.parseString(Wgns.run("show", C1, "--json").out()).getAsJsonObject().getAsJsonArray("namespaces")
                .get(0).getAsJsonObject().getAsJsonArray("reach");
        assertEquals("[\"18301:127.0.0.1:18201/tcp\",\"18202:127.0.0.1:18202/udp\",\"18303:203.0.113.2:18203/tcp\","
                + "\"18304:203.0.113.2:18204/udp\"]", reach.toString());
        assertTrue(Wgns.run("show", C1).out().contains("  reach: 127.0.0.1:18301 -> 127.0.0.1:18201/tcp\n"));
        // The kill switch holds with the holes open.
        Topology.startLeakCounter();
        Sh.ok("ip", "-n", C1, "link", "set", "wg0", "down");
        assertTrue(UpDownIT.unreachable(C1, Topology.SERVER_UNDERLAY));
        assertEquals(0, Topology.leakedPackets());
        UpDownIT.ok(Wgns.run("down", C1));
        assertTrue(Sh.run("pgrep", "-f", "org.wgns.cli.Main helper " + C1).exit() != 0, "down ended the helper");
    }

    @Test
    void aHelperNeverOutlivesAnUpThatWasKilled() throws Exception {
        String conf = java.nio.file.Files.readString(topo.clientConfig(dir, 0, ""))
                .replace(topo.serverPublic, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        Path wrongPeer = dir.resolve("wrong-peer.conf");
        java.nio.file.Files.writeString(wrongPeer, conf);
        Process p = new ProcessBuilder(Wgns.javaBin(), "-XX:-UsePerfData", "-jar", Wgns.JAR, "up", C1, "-c", wrongPeer.toString(),
                "--reach", "18311:127.0.0.1:18201", "--wait", "60").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 300 && !Sh.run("ip", "netns", "exec", C1, "ss", "-Hltn").out().contains(":18311"); i++) {
                Sh.sleep(50);
            }
            assertTrue(Sh.run("pgrep", "-f", "org.wgns.cli.Main helper " + C1).success(), "the helper runs while up waits");
        } finally {
            p.destroyForcibly().waitFor();
        }
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        assertTrue(Sh.run("pgrep", "-f", "org.wgns.cli.Main helper " + C1).exit() != 0, "the next up ended the killed one's helper");
        UpDownIT.ok(Wgns.run("down", C1));
    }

    @Test
    void aLocalPortGivenTwiceIsAUsageErrorBeforeAnyChange() throws Exception {
        Result r = Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--reach", "18320:127.0.0.1:18201",
                "--reach", "18320:127.0.0.1:18205");
        assertEquals(2, r.exit());
        assertEquals("wgns up: --reach: 127.0.0.1:18320/tcp is given twice\n", r.err());
        assertFalse(java.nio.file.Files.exists(Path.of("/run/netns/" + C1)));
    }

    /** set --reach and --no-reach on a namespace that is up: the hole opens and closes, the app inside keeps running. */
    @Test
    void setOpensAndClosesAHoleWithTheAppRunning() throws Exception {
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        Process app = new ProcessBuilder("ip", "netns", "exec", C1, "sleep", "300").start();
        try {
            assertFalse(tcpInside(18201).out().contains("host tcp"), "no hole yet");
            UpDownIT.ok(Wgns.run("set", C1, "--reach", "18301:127.0.0.1:18201"));
            assertEquals("host tcp\n", tcpInside(18301).out(), "the hole opened");
            assertTrue(Wgns.run("show", C1, "--json").out().contains("18301:127.0.0.1:18201"));
            UpDownIT.ok(Wgns.run("set", C1, "--no-reach", "18301:127.0.0.1:18201"));
            assertFalse(tcpInside(18301).out().contains("host tcp"), "the hole closed");
            assertTrue(app.isAlive(), "the app kept running");
        } finally {
            app.destroyForcibly().waitFor();
        }
    }
}
