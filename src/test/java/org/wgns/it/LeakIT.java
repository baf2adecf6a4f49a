package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * No packet from the namespace reaches the server's underlay or the host when the tunnel is
 * down, deleted or its daemon killed; no IPv6 without an IPv6 address; DNS only to the
 * configured server. Counted on the server's underlay and in the host's prerouting hook.
 */
class LeakIT extends WithTopology {

    @BeforeEach
    void counters() {
        Topology.startLeakCounter();
        Sh.input("""
                table inet wgitleakhost {
                  chain pre {
                    type filter hook prerouting priority -300;
                    ip saddr 10.99.0.0/24 counter
                    ip6 saddr fd00:99::/64 counter
                  }
                }
                """, "nft", "-f", "-");
    }

    @AfterEach
    void nothingLeft() {
        Sh.run("nft", "delete", "table", "inet", "wgitleakhost");
        Sh.run("ip", "netns", "exec", Topology.SERVER_NS, "nft", "delete", "table", "inet", "wgitleak");
        Wgns.run("down", C1, "--kill");
        assertNothingLeft();
    }

    static long hostLeaks() {
        String out = Sh.ok("nft", "list", "table", "inet", "wgitleakhost");
        long sum = 0;
        var m = java.util.regex.Pattern.compile("packets (\\d+)").matcher(out);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    void up(String extra) throws Exception {
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, extra).toString()));
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
    }

    void nothingGetsOut() {
        for (String addr : List.of(Topology.SERVER_TUNNEL, Topology.SERVER_UNDERLAY, Topology.HOST_UNDERLAY)) {
            assertTrue(UpDownIT.unreachable(C1, addr), addr);
        }
        assertTrue(!Sh.run("ip", "netns", "exec", C1, "ping", "-6", "-c", "1", "-W", "1", Topology.SERVER_TUNNEL6).success());
        // A UDP datagram too, not only ICMP (bash's /dev/udp: no extra tool).
        Sh.run("ip", "netns", "exec", C1, "bash", "-c", "echo leak > /dev/udp/" + Topology.SERVER_UNDERLAY + "/9");
        assertEquals(0, Topology.leakedPackets(), "on the server's underlay");
        assertEquals(0, hostLeaks(), "on the host");
    }

    @Test
    void theCountersDoCount() {
        // The counter-test: a ping from the host to the server's underlay is counted there.
        Sh.ok("ping", "-c", "1", "-W", "2", Topology.SERVER_UNDERLAY);
        assertTrue(Topology.leakedPackets() > 0);
    }

    @Test
    void withTheTunnelDeleted() throws Exception {
        up("");
        Sh.ok("ip", "-n", C1, "link", "delete", "wg0");
        nothingGetsOut();
    }

    @Test
    void withTheUserspaceDaemonKilled() throws Exception {
        SuiteMode.only(SuiteMode.USERSPACE, "a kernel tunnel has no daemon to kill; withTheTunnelDeleted is its counterpart");
        up("");
        String tmp = SuiteMode.tmpName(C1);
        Sh.ok("pkill", "-9", "-f", "(^|/)wireguard-go " + tmp + "$");
        Machine.until(() -> !Sh.ok("ip", "-n", C1, "-o", "link").contains("wg0"), 2000);
        nothingGetsOut();
        Result check = Wgns.run("check", C1);
        assertEquals(1, check.exit(), check.out());
        assertTrue(check.out().contains("fail  state"), check.out());
    }

    @Test
    void withTheTunnelDown() throws Exception {
        up("");
        Sh.ok("ip", "-n", C1, "link", "set", "wg0", "down");
        nothingGetsOut();
    }

    @Test
    void noIpv6WithoutAnIpv6Address() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        Files.writeString(conf, Files.readString(conf).replace(", fd00:99::2/128", ""));
        UpDownIT.ok(Wgns.run("up", C1, "-c", conf.toString()));
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), "IPv4 works");
        Sh.input("""
                table inet wgitv6 {
                  chain pre {
                    type filter hook prerouting priority -300;
                    meta nfproto ipv6 iifname "wgitsrv0" counter
                  }
                }
                """, "ip", "netns", "exec", Topology.SERVER_NS, "nft", "-f", "-");
        try {
            assertTrue(!Sh.run("ip", "netns", "exec", C1, "ping", "-6", "-c", "1", "-W", "1", Topology.SERVER_TUNNEL6).success());
            Sh.run("ip", "netns", "exec", C1, "bash", "-c", "echo leak > /dev/udp/" + Topology.SERVER_TUNNEL6 + "/9");
            String v6 = Sh.ok("ip", "netns", "exec", Topology.SERVER_NS, "nft", "list", "table", "inet", "wgitv6");
            assertTrue(v6.contains("packets 0 "), "IPv6 that came through the tunnel: " + v6);
            assertEquals(0, Topology.leakedPackets());
            assertEquals(0, hostLeaks());
        } finally {
            Sh.run("ip", "netns", "exec", Topology.SERVER_NS, "nft", "delete", "table", "inet", "wgitv6");
        }
    }

    @Test
    void dnsFromExecGoesOnlyToTheConfiguredServer() throws Exception {
        up("");
        Path decoyResolv = dir.resolve("decoy-resolv.conf");
        Files.writeString(decoyResolv, "nameserver " + Topology.HOST_UNDERLAY + "\n");
        try (DnsServer server = DnsServer.start(Topology.SERVER_NS, Topology.SERVER_TUNNEL, "probe.wgns.test", "10.99.0.99",
                     dir.resolve("server-dns.log"));
             DnsServer decoy = DnsServer.start(null, Topology.HOST_UNDERLAY, "probe.wgns.test", "203.0.113.66",
                     dir.resolve("decoy-dns.log"))) {
            // The host itself resolves with the decoy: wgns must not let the namespace do the same.
            String inPrivateMounts = "mount --bind " + decoyResolv + " /etc/resolv.conf && exec \"$@\"";
            Result counter = Sh.run("unshare", "-m", "sh", "-c", inPrivateMounts, "sh", "getent", "hosts", "decoy-check.wgns.test");
            assertTrue(decoy.queries().stream().anyMatch(q -> q.contains("decoy-check.wgns.test")),
                    "the decoy sees what the host asks: " + counter.err());
            Result r = Sh.run("unshare", "-m", "sh", "-c", inPrivateMounts, "sh",
                    Wgns.javaBin(), "-XX:-UsePerfData", "-jar", Wgns.JAR, "exec", C1, "--", "getent", "hosts", "probe.wgns.test");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("10.99.0.99"), "answered by the server through the tunnel: " + r.out());
            assertTrue(server.queries().stream().anyMatch(q -> q.contains("probe.wgns.test from 10.99.0.2")), server.queries().toString());
            assertTrue(decoy.queries().stream().noneMatch(q -> q.contains("probe.wgns.test")), "the decoy saw: " + decoy.queries());
        }
    }
}
