package org.wgns.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;
import org.wgns.dns.DnsFiles;

class CheckTest {
    static final long NOW = 1700000100;
    static final String LINKS = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\\    link/loopback\n5: wg0: <POINTOPOINT,UP> mtu 1420\\    link/none\n";
    static final String ROUTES4 = "default dev wg0 scope link \nlocal 10.99.0.2 dev wg0 table local proto kernel scope host src 10.99.0.2 \n"
            + "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 \n";
    static final String ROUTES6 = "fd00:99::2 dev wg0 proto kernel metric 256 pref medium\ndefault dev wg0 metric 1024 pref medium\n"
            + "local ::1 dev lo table local proto kernel metric 0 pref medium\nmulticast ff00::/8 dev wg0 table local proto kernel metric 256 pref medium\n";

    @TempDir
    Path dir;
    FakeHost fake;

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir);
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(org.wgns.NamespaceName.of("vpn"), org.wgns.InterfaceName.of("wg0"), "wgnsaaaaaa", null, 1, 1)
                .withMode(Mode.KERNEL).withDetails(new NamespaceState.Details(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                        new org.wgns.firewall.Firewall(true, List.of()))).up());
        fake.netnsExists("vpn");
        fake.write(fake.layout.etcNetns("vpn").resolve("resolv.conf"), DnsFiles.MARK + "vpn\nnameserver 10.99.0.1\n");
        fake.write(fake.layout.etcNetns("vpn").resolve("nsswitch.conf"), DnsFiles.MARK + "vpn\nhosts: files dns\n");
    }

    void replies(String links, String routes4, String nft, long handshake) {
        fake.runner.on(Result.ok(links), "ip -n vpn -o link show");
        fake.runner.on(Result.ok(routes4), "ip -n vpn -4 route show table all");
        fake.runner.on(Result.ok(ROUTES6), "ip -n vpn -6 route show table all");
        fake.runner.on(nft == null ? Result.fail(1, "Error: No such file or directory") : Result.ok(nft), "nft list table inet wgns");
        fake.runner.on(Result.ok(Keys.PRIVATE + "\t" + Keys.PEER2 + "\t51820\toff\n" + Keys.PEER
                + "\t(none)\t198.51.100.2:51820\t0.0.0.0/0\t" + handshake + "\t10\t10\toff\n"), "wg show wg0 dump");
    }

    List<Check.Result> check() {
        return new Check(fake.host(), Duration.ofMillis(300)).run(org.wgns.NamespaceName.of("vpn"), NOW);
    }

    static String dump(long handshake, String endpoint, String keepalive) {
        return Keys.PRIVATE + "\t" + Keys.PEER2 + "\t51820\toff\n" + Keys.PEER + "\t(none)\t" + endpoint + "\t0.0.0.0/0\t"
                + handshake + "\t10\t10\t" + keepalive + "\n";
    }

    /** The tunnel's dump says `before` until a keepalive is switched on, then `after`. */
    AtomicBoolean answersWhenPrompted(long before, long after) {
        AtomicBoolean prompted = new AtomicBoolean();
        fake.runner.on(c -> c.argv().contains("set") && c.argv().contains("25"), c -> {
            prompted.set(true);
            return Result.ok();
        });
        fake.runner.on(c -> c.argv().contains("dump"),
                c -> Result.ok(dump(prompted.get() ? after : before, "198.51.100.2:51820", "off")));
        return prompted;
    }

    @Test
    void allHold() {
        replies(LINKS, ROUTES4, "table inet wgns { chain input { policy drop; } }", NOW - 20);
        List<Check.Result> r = check();
        assertTrue(Check.passed(r), Check.text(r));
        assertEquals(List.of("state", "interfaces", "routes", "dns", "firewall", "handshake"), r.stream().map(Check.Result::check).toList());
        assertEquals("ok    handshake   20 seconds ago\n", Check.text(r.subList(5, 6)));
    }

    @Test
    void eachFailureIsNamed() {
        replies(LINKS + "6: veth0@if7: <BROADCAST> mtu 1500\n", ROUTES4 + "192.0.2.0/24 via 10.99.0.1 dev wg0\n", null, NOW - 400);
        fake.write(fake.layout.etcNetns("vpn").resolve("resolv.conf"), DnsFiles.MARK + "vpn\nnameserver 127.0.0.53\n");
        List<Check.Result> r = check();
        assertFalse(Check.passed(r));
        String t = Check.text(r);
        assertTrue(t.contains("fail  interfaces  other links besides lo and wg0: veth0"), t);
        assertTrue(t.contains("fail  routes      not via wg0: 192.0.2.0/24 via 10.99.0.1 dev wg0"), t);
        assertTrue(t.contains("fail  dns         resolv.conf has a loopback or bad nameserver 127.0.0.53"), t);
        assertTrue(t.contains("fail  firewall    table inet wgns is not loaded"), t);
        assertTrue(t.contains("fail  handshake   6 minutes, 40 seconds ago (more than 180 s), and no answer when prompted for"), t);
    }

    @Test
    void resolveInNsswitchAndNoHandshakeFail() {
        replies(LINKS, ROUTES4, "policy drop", 0);
        fake.write(fake.layout.etcNetns("vpn").resolve("nsswitch.conf"), DnsFiles.MARK + "vpn\nhosts: files resolve dns\n");
        String t = Check.text(check());
        assertTrue(t.contains("fail  dns         nsswitch.conf hosts: has resolve"), t);
        assertTrue(t.contains("fail  handshake   never, and no answer when prompted for"), t);
    }

    @Test
    void staleStateStopsTheRest() {
        java.nio.file.Path ns = fake.layout.netns("vpn");
        ns.toFile().delete();
        List<Check.Result> r = check();
        assertEquals(1, r.size());
        assertTrue(Check.text(r).startsWith("fail  state       stale: the namespace is gone (run: wgns down vpn)"));
    }

    @Test
    void anIdleTunnelWithAnOldHandshakeProvesItselfWhenPrompted() {
        answersWhenPrompted(NOW - 215, NOW - 1);
        replies(LINKS, ROUTES4, "policy drop", 0);
        List<Check.Result> r = check();
        assertTrue(Check.passed(r), Check.text(r));
        assertEquals("ok    handshake   just now, when prompted (the tunnel was idle; the one before: 3 minutes, 35 seconds ago)\n",
                Check.text(r.subList(5, 6)));
        List<String> t = fake.runner.transcript();
        assertTrue(t.contains("ip netns exec vpn wg set wg0 peer " + Keys.PEER + " persistent-keepalive 25"), t.toString());
        assertEquals("ip netns exec vpn wg set wg0 peer " + Keys.PEER + " persistent-keepalive off", t.get(t.size() - 1),
                "the keepalive the config does not ask for is off again");
    }

    @Test
    void anIdleTunnelThatNeverShookHandsProvesItselfToo() {
        answersWhenPrompted(0, NOW);
        replies(LINKS, ROUTES4, "policy drop", 0);
        List<Check.Result> r = check();
        assertTrue(Check.passed(r), Check.text(r));
        assertEquals("ok    handshake   just now, when prompted (the tunnel was idle; none before)\n", Check.text(r.subList(5, 6)));
    }

    @Test
    void aDeadTunnelFailsAfterThePromptAndKeepsItsKeepaliveOff() {
        AtomicBoolean prompted = answersWhenPrompted(NOW - 215, NOW - 215);
        replies(LINKS, ROUTES4, "policy drop", 0);
        List<Check.Result> r = check();
        assertFalse(Check.passed(r));
        assertTrue(prompted.get());
        assertTrue(Check.text(r).contains("fail  handshake   3 minutes, 35 seconds ago (more than 180 s), and no answer when prompted"
                + " for 0 s: is the endpoint reachable?"), Check.text(r));
        List<String> t = fake.runner.transcript();
        assertEquals("ip netns exec vpn wg set wg0 peer " + Keys.PEER + " persistent-keepalive off", t.get(t.size() - 1));
    }

    @Test
    void aPeerWithKeepaliveOnPromptsItselfAndIsLeftAlone() {
        fake.runner.on(Result.ok(dump(NOW - 400, "198.51.100.2:51820", "25")), "dump");
        replies(LINKS, ROUTES4, "policy drop", 0);
        String t = Check.text(check());
        assertTrue(t.contains("fail  handshake   6 minutes, 40 seconds ago (more than 180 s), and no answer when prompted"), t);
        assertTrue(fake.runner.transcript().stream().noneMatch(c -> c.contains("wg set")), fake.runner.transcript().toString());
    }

    @Test
    void withoutAnEndpointNothingCanBePrompted() {
        fake.runner.on(Result.ok(dump(NOW - 400, "(none)", "off")), "dump");
        replies(LINKS, ROUTES4, "policy drop", 0);
        String t = Check.text(check());
        assertTrue(t.contains("fail  handshake   6 minutes, 40 seconds ago (more than 180 s), and no peer has an endpoint to prompt"), t);
        assertTrue(fake.runner.transcript().stream().noneMatch(c -> c.contains("wg set")));
    }

    @Test
    void aUserspaceTunnelIsPromptedThroughItsSocketName() {
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(org.wgns.NamespaceName.of("vpn"), org.wgns.InterfaceName.of("wg0"), "wgnsaaaaaa", null, 1, 1)
                .withMode(Mode.USERSPACE).withDetails(new NamespaceState.Details(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                        new org.wgns.firewall.Firewall(true, List.of())))
                .up());
        fake.process(4242, 0, 1, List.of("wireguard-go", "wgnsaaaaaa"));
        answersWhenPrompted(NOW - 215, NOW - 1);
        replies(LINKS, ROUTES4, "policy drop", 0);
        List<Check.Result> r = check();
        assertTrue(fake.runner.transcript().contains("wg set wgnsaaaaaa peer " + Keys.PEER + " persistent-keepalive 25"),
                fake.runner.transcript().toString());
        assertEquals(Check.Status.OK, r.get(5).status(), Check.text(r));
    }
}
