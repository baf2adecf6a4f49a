package org.wgns.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.ConfigParser;
import org.wgns.config.IpLiteral;
import org.wgns.config.WgConfig;
import org.wgns.firewall.Firewall;
import org.wgns.firewall.PortRule;
import org.wgns.os.Result;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;

/** set, syncconf and repair on a namespace that is up: what they run, and that a failure changes nothing. */
class InPlaceTest {
    static final NamespaceName DEMO = NamespaceName.of("demo");

    @TempDir
    Path dir;
    FakeHost fake;
    List<String> notices = new ArrayList<>();
    Path conf;

    @BeforeEach
    void up() throws Exception {
        fake = new FakeHost(dir).kernelModule().routes();
        conf = dir.resolve("wg0.conf");
        Files.writeString(conf, TunnelUpTest.CONFIG);
        WgConfig cfg = ConfigParser.parse(conf);
        new TunnelUp(fake.host(), notices::add, () -> TunnelUpTest.TMP).run(new UpRequest(DEMO, InterfaceName.of("wg0"), cfg,
                false, List.of(), false, new Firewall(true, List.of()), List.of()));
        fake.netnsExists("demo");
        fake.runner.commands().size();
    }

    NamespaceState state() {
        return new StateStore(fake.layout.stateDir()).read(DEMO).orElseThrow();
    }

    List<String> since(int from) {
        List<String> t = fake.runner.transcript();
        return t.subList(from, t.size());
    }

    TunnelSet.Changes changes(List<PortRule> allow, List<java.net.InetAddress> dns) {
        return new TunnelSet.Changes(List.of(), List.of(), allow, List.of(), dns, List.of());
    }

    @Test
    void setReplacesTheFirewallInOneTransactionAndTheNameserversWhereRunningAppsSeeThem() throws Exception {
        Path resolv = fake.layout.etcNetns("demo").resolve("resolv.conf");
        Object inode = Files.getAttribute(resolv, "unix:ino");
        int from = fake.runner.transcript().size();
        new TunnelSet(fake.host(), notices::add).run(DEMO, changes(List.of(PortRule.parse("tcp/80")),
                List.of(IpLiteral.parse("10.99.0.53"))));
        assertEquals(List.of("ip netns exec demo nft -f " + Undos.firewallFile(fake.host(), DEMO)), since(from));
        String rules = Files.readString(Undos.firewallFile(fake.host(), DEMO));
        assertTrue(rules.startsWith("table inet wgns\ndelete table inet wgns\n"), rules);
        assertTrue(rules.contains("tcp dport 80 accept"), rules);
        assertEquals(inode, Files.getAttribute(resolv, "unix:ino"), "rewritten in place: bind mounts of it see it");
        assertTrue(Files.readString(resolv).contains("nameserver 10.99.0.1\nnameserver 10.99.0.53\n"));
        NamespaceState s = state();
        assertEquals("[tcp/80]", s.details().firewall().allowIn().toString());
        assertEquals(List.of(IpLiteral.parse("10.99.0.53")), s.details().extraDns());
    }

    @Test
    void aSetThatFailsChangesNothing() throws Exception {
        Path resolv = fake.layout.etcNetns("demo").resolve("resolv.conf");
        String before = Files.readString(resolv);
        NamespaceState was = state();
        fake.runner.on(c -> c.argv().contains("nft") && c.argv().size() > 4, c -> Result.fail(1, "Error: bad"));
        WgnsException e = assertThrows(WgnsException.class, () -> new TunnelSet(fake.host(), notices::add).run(DEMO,
                changes(List.of(PortRule.parse("tcp/80")), List.of(IpLiteral.parse("10.99.0.53")))));
        assertTrue(e.getMessage().startsWith("replace firewall: "), e.getMessage());
        assertEquals(before, Files.readString(resolv));
        assertEquals(was, state());
    }

    @Test
    void setRefusesWhatCannotBe() {
        NamespaceState s = state();
        new StateStore(fake.layout.stateDir()).write(s.withDetails(new NamespaceState.Details(s.details().addresses(),
                s.details().dns(), s.details().search(), List.of(), s.details().endpoints(), List.of(), List.of(), Firewall.OFF)));
        assertTrue(assertThrows(WgnsException.class, () -> new TunnelSet(fake.host(), notices::add).run(DEMO,
                changes(List.of(PortRule.parse("tcp/80")), List.of()))).getMessage().startsWith("the firewall is off"));
        assertTrue(assertThrows(WgnsException.class, () -> new TunnelSet(fake.host(), notices::add).run(DEMO,
                changes(List.of(), List.of(IpLiteral.parse("127.0.0.53"))))).getMessage().contains("loopback"));
        assertTrue(assertThrows(WgnsException.class, () -> new TunnelSet(fake.host(), notices::add).run(NamespaceName.of("nope"),
                changes(List.of(), List.of(IpLiteral.parse("10.0.0.1"))))).getMessage().equals("nope is not up"));
    }

    @Test
    void syncconfChangesAddressesThenTheTunnelAndRecordsTheNewConfig() throws Exception {
        Files.writeString(conf, TunnelUpTest.CONFIG.replace("10.99.0.2/32", "10.99.0.3/32").replace(Keys.PEER, Keys.PEER2));
        int from = fake.runner.transcript().size();
        new TunnelSync(fake.host(), notices::add).run(DEMO, null);
        assertEquals(List.of("ip -n demo -batch - | address del 10.99.0.2/32 dev wg0; address add 10.99.0.3/32 dev wg0",
                "ip netns exec demo wg syncconf wg0 /dev/stdin <secret>"), since(from));
        String text = fake.runner.commands().get(fake.runner.commands().size() - 1).inputText();
        assertTrue(text.contains("PublicKey = " + Keys.PEER2), "the new peer goes to wg, on stdin");
        NamespaceState s = state();
        assertEquals("[10.99.0.3/32, fd00:99::2/128]", s.details().addresses().toString());
        assertEquals(Keys.PEER2, s.details().endpoints().get(0).publicKey().base64());
    }

    @Test
    void aSyncconfWhoseTunnelStepFailsTakesTheAddressesBack() throws Exception {
        Files.writeString(conf, TunnelUpTest.CONFIG.replace("10.99.0.2/32", "10.99.0.3/32"));
        fake.runner.on(c -> c.argv().contains("syncconf"), c -> Result.fail(1, "Unable to modify interface"));
        int from = fake.runner.transcript().size();
        assertThrows(WgnsException.class, () -> new TunnelSync(fake.host(), notices::add).run(DEMO, null));
        List<String> t = since(from);
        assertEquals("ip -n demo -force -batch - | address del 10.99.0.3/32 dev wg0; address add 10.99.0.2/32 dev wg0",
                t.get(t.size() - 1));
        assertEquals("[10.99.0.2/32, fd00:99::2/128]", state().details().addresses().toString());
    }

    @Test
    void repairOfAHealthyNamespaceChangesNothing() {
        fake.runner.on(Result.ok(Keys.PRIVATE + "\t" + Keys.PEER2 + "\t0\toff\n" + Keys.PEER + "\t(none)\t198.51.100.2:51820\t"
                + "0.0.0.0/0\t" + fake.host().clock().epochSeconds() + "\t10\t10\toff\n"), "wg show wg0 dump");
        int from = fake.runner.transcript().size();
        assertEquals(List.of(), new Repair(fake.host(), notices::add, () -> "wgnsnew001").run(DEMO));
        assertFalse(since(from).stream().anyMatch(c -> c.contains("link add") || c.contains("wg set")), since(from).toString());
    }

    @Test
    void aLinkThatIsGoneIsBornAgainIntoTheSameNamespaceRoutesLast() {
        fake.runner.on(Result.fail(1, "Device \"wg0\" does not exist."), "ip -n demo link show dev wg0");
        fake.runner.on(Result.ok(Keys.PRIVATE + "\t" + Keys.PEER2 + "\t0\toff\n" + Keys.PEER + "\t(none)\t198.51.100.2:51820\t"
                + "0.0.0.0/0\t" + (fake.host().clock().epochSeconds() + 1) + "\t10\t10\toff\n"), "wg show wg0 dump");
        int from = fake.runner.transcript().size();
        List<String> fixed = new Repair(fake.host(), notices::add, () -> "wgnsnew001").run(DEMO);
        assertEquals(List.of("link: born again (kernel), configured and moved into demo"), fixed);
        List<String> t = since(from);
        assertTrue(t.contains("ip -batch - | link add wgnsnew001 type wireguard; link set dev wgnsnew001 netns demo"), t.toString());
        assertFalse(t.stream().anyMatch(c -> c.contains("netns add") || c.contains("netns delete")), "the same namespace");
        String inside = t.stream().filter(c -> c.startsWith("ip -n demo -batch")).findFirst().orElseThrow();
        assertTrue(inside.endsWith("route add 0.0.0.0/0 dev wg0; route add ::/0 dev wg0"), "routes last: " + inside);
        assertEquals("wgnsnew001", state().tmpName());
    }
}
