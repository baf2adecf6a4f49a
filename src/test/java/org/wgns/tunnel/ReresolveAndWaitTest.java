package org.wgns.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.WgnsException;
import org.wgns.config.ConfigParser;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;
import org.wgns.firewall.Firewall;

class ReresolveAndWaitTest {
    @TempDir
    Path dir;
    List<String> out = new ArrayList<>();

    FakeHost withState(Mode mode, long handshake, String current) {
        FakeHost fake = new FakeHost(dir);
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(org.wgns.NamespaceName.of("vpn"), org.wgns.InterfaceName.of("wg0"), "wgnsaaaaaa", null, 1, 1).withMode(mode)
                .withDetails(new NamespaceState.Details(List.of(), List.of(), List.of(), List.of(), List.of(
                        org.wgns.config.PeerEndpoint.parse(Keys.PEER + " vpn.example.com:51820"),
                        org.wgns.config.PeerEndpoint.parse(Keys.PEER2 + " 198.51.100.9:51820")),
                        List.of(), List.of(), org.wgns.firewall.Firewall.OFF)).up());
        fake.runner.on(Result.ok(Keys.PRIVATE + "\t" + Keys.PSK + "\t51820\toff\n"
                + Keys.PEER + "\t(none)\t" + current + "\t0.0.0.0/0\t" + handshake + "\t1\t1\t25\n"
                + Keys.PEER2 + "\t(none)\t198.51.100.9:51820\t10.0.0.0/8\t0\t0\t0\toff\n"), "show", "dump");
        fake.names.put("vpn.example.com", "203.0.113.9");
        return fake;
    }

    @Test
    void aStaleNamedEndpointThatMovedIsPointedAtItsNewAddress() {
        FakeHost fake = withState(Mode.USERSPACE, 1000, "203.0.113.7:51820");
        assertEquals(1, new Reresolve(fake.host(), out::add).run(org.wgns.NamespaceName.of("vpn"), 1200));
        assertEquals(List.of("wg show wgnsaaaaaa dump", "wg set wgnsaaaaaa peer " + Keys.PEER + " endpoint 203.0.113.9:51820"),
                fake.runner.transcript());
        assertEquals(List.of("peer " + Keys.PEER + ": vpn.example.com:51820 now resolves to 203.0.113.9:51820 (was 203.0.113.7:51820)"), out);
    }

    @Test
    void aFreshHandshakeOrAnUnchangedAddressIsLeftAlone() {
        FakeHost fresh = withState(Mode.KERNEL, 1100, "203.0.113.7:51820");
        assertEquals(0, new Reresolve(fresh.host(), out::add).run(org.wgns.NamespaceName.of("vpn"), 1200));
        assertEquals(List.of("ip netns exec vpn wg show wg0 dump"), fresh.runner.transcript());
    }

    @Test
    void unchangedAddress() {
        FakeHost same = withState(Mode.KERNEL, 0, "203.0.113.9:51820");
        assertEquals(0, new Reresolve(same.host(), out::add).run(org.wgns.NamespaceName.of("vpn"), 1200));
        assertEquals(1, same.runner.transcript().size());
    }

    static final String CONFIG = "[Interface]\nPrivateKey = " + Keys.PRIVATE + "\nAddress = 10.0.0.2/32\nDNS = 10.0.0.1\n"
            + "[Peer]\nPublicKey = " + Keys.PEER + "\nAllowedIPs = 0.0.0.0/0\nEndpoint = 198.51.100.2:51820\n";

    @Test
    void waitStartsTheHandshakeWithAKeepaliveAndSwitchesItOffAgain() throws Exception {
        FakeHost fake = new FakeHost(dir).routes().noKernelModule();
        AtomicInteger polls = new AtomicInteger();
        fake.runner.on(c -> c.argv().contains("dump"), c -> Result.ok(Keys.PRIVATE + "\t" + Keys.PEER2 + "\t1\toff\n" + Keys.PEER
                + "\t(none)\t198.51.100.2:51820\t0.0.0.0/0\t" + (polls.incrementAndGet() < 3 ? 0 : 1700000000) + "\t1\t1\t25\n"));
        var cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        new TunnelUp(fake.host(), out::add, () -> "wgnstest01").run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false, List.of(), false,
                Firewall.OFF, List.of(), 5));
        List<String> t = fake.runner.transcript();
        int set = t.indexOf("wg set wgnstest01 peer " + Keys.PEER + " persistent-keepalive 25");
        assertTrue(set > 0, t.toString());
        assertEquals("wg show wgnstest01 dump", t.get(set + 1));
        assertEquals("wg set wgnstest01 peer " + Keys.PEER + " persistent-keepalive off", t.get(t.size() - 1));
        assertEquals(3, polls.get());
        assertFalse(fake.runner.commands().get(2).inputText().contains("PersistentKeepalive"));
    }

    @Test
    void noHandshakeInTimeUndoesEverything() throws Exception {
        FakeHost fake = new FakeHost(dir).routes().kernelModule();
        fake.runner.on(c -> c.argv().contains("dump"), c -> Result.ok(Keys.PRIVATE + "\t" + Keys.PEER2 + "\t1\toff\n" + Keys.PEER
                + "\t(none)\t198.51.100.2:51820\t0.0.0.0/0\t0\t0\t0\t25\n"));
        var cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        WgnsException e = assertThrows(WgnsException.class, () -> new TunnelUp(fake.host(), out::add, () -> "wgnstest01")
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false, List.of(), false, Firewall.OFF, List.of(), 1)));
        assertTrue(e.getMessage().startsWith("wait for the first handshake: no handshake within 1 s"), e.getMessage());
        List<String> t = fake.runner.transcript();
        assertEquals("ip -force -batch - | link delete dev wgnstest01; netns delete demo", t.get(t.size() - 1));
        assertFalse(java.nio.file.Files.exists(fake.layout.stateDir()));
    }
}
