package org.wgns.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;
import org.wgns.wg.WgDump;

class StatusTest {
    static final String DUMP = String.join("\n",
            "wgnsaaaaaa\t" + Keys.PRIVATE + "\t" + Keys.PEER2 + "\t41000\toff",
            "wgnsaaaaaa\t" + Keys.PEER + "\t(none)\t198.51.100.2:51820\t0.0.0.0/0,::/0\t1700000000\t2048\t1536000\t25",
            "wgnsbbbbbb\t" + Keys.PRIVATE + "\t" + Keys.PSK + "\t41001\t0x10",
            "wgnsbbbbbb\t" + Keys.PEER2 + "\t" + Keys.PSK + "\t(none)\t(none)\t0\t0\t0\toff",
            "wg-other\t" + Keys.PRIVATE + "\t" + Keys.PEER + "\t1\toff", "");

    @TempDir
    Path dir;

    @Test
    void dumpParsingDropsThePrivateKey() {
        var all = WgDump.parseAll(DUMP);
        assertEquals(3, all.size());
        var a = all.get("wgnsaaaaaa");
        assertEquals(41000, a.listenPort());
        assertEquals(1700000000L, a.peers().get(0).latestHandshake());
        assertEquals(List.of("0.0.0.0/0", "::/0"), a.peers().get(0).allowedIps());
        assertEquals(25, a.peers().get(0).persistentKeepalive());
        assertTrue(all.get("wgnsbbbbbb").peers().get(0).presharedKey());
        assertEquals("0x10", all.get("wgnsbbbbbb").fwmark());
        assertFalse(all.toString().contains(Keys.PRIVATE));
    }

    List<NamespaceStatus> twoNamespaces(FakeHost fake) {
        StateStore store = new StateStore(fake.layout.stateDir());
        store.write(NamespaceState.starting(org.wgns.NamespaceName.of("alpha"), org.wgns.InterfaceName.of("wg0"), "wgnsaaaaaa", null, 1, 1).withMode(Mode.USERSPACE)
                .withDetails(new NamespaceState.Details(List.of(org.wgns.config.Cidr.parse("10.99.0.2/32")),
                        List.of(org.wgns.config.IpLiteral.parse("10.99.0.1")), List.of(), List.of(), List.of(), List.of(), List.of(),
                        org.wgns.firewall.Firewall.OFF)).up());
        store.write(NamespaceState.starting(org.wgns.NamespaceName.of("beta"), org.wgns.InterfaceName.of("vpn"), "wgnsbbbbbb", null, 1, 1).withMode(Mode.USERSPACE).up());
        fake.netnsExists("alpha");
        fake.netnsExists("beta");
        fake.runner.on(Result.ok(DUMP), "wg show all dump");
        StatusReader r = new StatusReader(fake.host());
        assertEquals(List.of(org.wgns.NamespaceName.of("alpha"), org.wgns.NamespaceName.of("beta")), r.names());
        return r.read(r.names());
    }

    @Test
    void userspaceTunnelsAreReadWithOneProcessAndShownUnderTheirNameInside() {
        FakeHost fake = new FakeHost(dir);
        List<NamespaceStatus> all = twoNamespaces(fake);
        assertEquals(List.of("wg show all dump"), fake.runner.transcript());
        String text = StatusText.show(all, 1700000063);
        assertTrue(text.startsWith("""
                namespace: alpha
                  mode: userspace
                  addresses: 10.99.0.2/32
                  dns: 10.99.0.1
                  processes: none
                  firewall: off

                interface: wg0
                  public key: %s
                  private key: (hidden)
                  listening port: 41000

                peer: %s
                  endpoint: 198.51.100.2:51820
                  allowed ips: 0.0.0.0/0, ::/0
                  latest handshake: 1 minute, 3 seconds ago
                  transfer: 2.00 KiB received, 1.46 MiB sent
                  persistent keepalive: every 25 seconds
                """.formatted(Keys.PEER2, Keys.PEER)), text);
        assertTrue(text.contains("\ninterface: vpn\n"));
        assertFalse(text.contains("wgnsaaaaaa"));
        assertFalse(text.contains(Keys.PRIVATE));
    }

    @Test
    void jsonHasEpochSecondsAndNumbers() {
        FakeHost fake = new FakeHost(dir);
        JsonObject o = JsonParser.parseString(Json.write(StatusJson.show(twoNamespaces(fake), 0))).getAsJsonObject();
        var alpha = o.getAsJsonArray("namespaces").get(0).getAsJsonObject();
        assertEquals("alpha", alpha.get("name").getAsString());
        assertEquals("wg0", alpha.get("interface").getAsString());
        var peer = alpha.getAsJsonArray("peers").get(0).getAsJsonObject();
        assertEquals(1700000000L, peer.get("latestHandshake").getAsLong());
        assertEquals(2048, peer.get("rxBytes").getAsLong());
        assertEquals(1536000, peer.get("txBytes").getAsLong());
        assertTrue(alpha.get("processes").getAsJsonArray().isEmpty());
    }

    @Test
    void listIsOneLinePerNamespace() {
        FakeHost fake = new FakeHost(dir);
        List<NamespaceStatus> all = twoNamespaces(fake);
        assertEquals("""
                NAME   IFACE  MODE       ADDRESSES     HANDSHAKE  PROCS
                alpha  wg0    userspace  10.99.0.2/32  63s        0
                beta   vpn    userspace  -             never      0
                """, StatusText.list(all, 1700000063));
        var arr = JsonParser.parseString(Json.write(StatusJson.list(all, 1700000063))).getAsJsonArray();
        assertEquals(63, arr.get(0).getAsJsonObject().get("handshakeAgeSeconds").getAsLong());
        assertTrue(arr.get(1).getAsJsonObject().get("handshakeAgeSeconds").isJsonNull());
    }

    @Test
    void kernelTunnelsAreReadInsideTheirNamespace() {
        FakeHost fake = new FakeHost(dir);
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(org.wgns.NamespaceName.of("k"), org.wgns.InterfaceName.of("wg0"), "wgnscccccc", null, 1, 1).withMode(Mode.KERNEL).up());
        fake.netnsExists("k");
        fake.runner.on(Result.ok(Keys.PRIVATE + "\t" + Keys.PEER + "\t51820\toff\n"), "wg show wg0 dump");
        List<NamespaceStatus> all = new StatusReader(fake.host()).read(List.of(org.wgns.NamespaceName.of("k")));
        assertEquals(List.of("ip netns exec k wg show wg0 dump"), fake.runner.transcript());
        assertEquals(51820, all.get(0).wg().listenPort());
    }

    @Test
    void jsonEscapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"\n", Json.write("a\"b\\c\n\u0001"));
    }

    @Test
    void wgStyleDurationsAndSizes() {
        assertEquals("Now", StatusText.ago(0));
        assertEquals("1 day, 1 second ago", StatusText.ago(86401));
        assertEquals("1023 B", StatusText.bytes(1023));
        assertEquals("1.00 GiB", StatusText.bytes(1L << 30));
    }

    /** With nothing up, `list` starts no process (and reads no process in /proc: ProcsTest). */
    @Test
    void listWithNothingUpRunsNothing() {
        FakeHost fake = new FakeHost(dir);
        FakeHost.Run r = fake.wgns("list", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("[]\n", r.out());
        assertEquals(List.of(), fake.runner.transcript());
    }

    /** A status bar's watcher costs one process a tick, however many userspace tunnels are up. */
    @Test
    void eachWatchTickRunsOneProcessForEveryUserspaceTunnel() {
        FakeHost fake = new FakeHost(dir);
        twoNamespaces(fake);
        int before = fake.runner.transcript().size();
        int[] ticks = {0};
        org.wgns.testing.FakeClock clock = new org.wgns.testing.FakeClock(1_700_000_000_000L);
        clock.onSleep = () -> {
            if (++ticks[0] == 3) {
                throw org.wgns.WgnsException.failure("enough");
            }
        };
        fake.clock = clock;
        FakeHost.Run r = fake.wgns("list", "--json", "--watch=2");
        assertEquals(1, r.code(), "ended by the test's clock: " + r.err());
        assertEquals(1, r.out().lines().count(), "one line: nothing changed: " + r.out());
        assertEquals(List.of("wg show all dump", "wg show all dump", "wg show all dump"),
                fake.runner.transcript().subList(before, fake.runner.transcript().size()));
    }
}
