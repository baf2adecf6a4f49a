package org.wgns.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wgns.WgnsException;
import org.wgns.config.ConfigParser;
import org.wgns.config.WgConfig;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;
import org.wgns.dns.DnsFiles;
import org.wgns.firewall.Firewall;
import org.wgns.firewall.PortRule;
import org.wgns.publish.Publish;
import org.wgns.publish.PublishedPort;
import org.wgns.publish.PublishProxy;

class TunnelUpTest {
    static final String TMP = "wgnstest01";
    static final String CONFIG = """
            [Interface]
            PrivateKey = %s
            Address = 10.99.0.2/32, fd00:99::2/128
            DNS = 10.99.0.1

            [Peer]
            PublicKey = %s
            AllowedIPs = 0.0.0.0/0, ::/0
            Endpoint = 198.51.100.2:51820
            """.formatted(Keys.PRIVATE, Keys.PEER);

    @TempDir
    Path dir;
    FakeHost fake;
    List<String> notices = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir).routes();
    }

    NamespaceState up(String config, boolean userspace) throws Exception {
        WgConfig cfg = ConfigParser.parse(Path.of("/etc/wireguard/wg0.conf"), config);
        UpRequest req = new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, userspace, List.of(), false, Firewall.OFF, List.of());
        return new TunnelUp(fake.host(), notices::add, () -> TMP).run(req);
    }

    static final List<String> KERNEL = List.of(
            "ip -batch - | netns add demo; link add wgnstest01 type wireguard; link set dev wgnstest01 netns demo",
            "ip netns exec demo wg setconf wgnstest01 /dev/stdin <secret>",
            "ip -n demo -batch - | link set dev wgnstest01 name wg0; link set dev wg0 mtu 1320;"
                    + " address add 10.99.0.2/32 dev wg0; address add fd00:99::2/128 dev wg0;"
                    + " link set dev lo up; link set dev wg0 up; route add 0.0.0.0/0 dev wg0; route add ::/0 dev wg0");

    static final List<String> USERSPACE = List.of(
            "ip -batch - | netns add demo",
            "wireguard-go wgnstest01",
            "wg setconf wgnstest01 /dev/stdin <secret>",
            "ip -batch - | link set dev wgnstest01 mtu 1320; link set dev wgnstest01 netns demo",
            "ip -n demo -batch - | link set dev wgnstest01 name wg0;"
                    + " address add 10.99.0.2/32 dev wg0; address add fd00:99::2/128 dev wg0;"
                    + " link set dev lo up; link set dev wg0 up; route add 0.0.0.0/0 dev wg0; route add ::/0 dev wg0");

    @Test
    void kernelModeRunsTheSeedSequenceInThreeProcesses() throws Exception {
        fake.kernelModule();
        NamespaceState s = up(CONFIG, false);
        assertEquals(KERNEL, fake.runner.transcript());
        assertEquals(Mode.KERNEL, s.mode());
        assertEquals(3, fake.runner.commands().size(), "kernel-mode up spawns at most 3 processes");
        assertEquals("""
                # Written by wgns for namespace demo; removed by wgns down.
                nameserver 10.99.0.1
                """, Files.readString(fake.layout.etcNetns("demo").resolve("resolv.conf")));
        String nss = Files.readString(fake.layout.etcNetns("demo").resolve("nsswitch.conf"));
        assertTrue(nss.contains("\nhosts: files dns\n"));
        assertTrue(nss.contains("\npasswd: files systemd\n"));
        assertEquals(List.of("hosts: files dns"), nss.lines().filter(l -> l.startsWith("hosts:")).toList());
    }

    @Test
    void theKeyGoesOnStdinOnly() throws Exception {
        fake.kernelModule();
        up(CONFIG, false);
        var setconf = fake.runner.commands().get(1);
        assertTrue(setconf.secretInput());
        assertTrue(setconf.inputText().contains("PrivateKey = " + Keys.PRIVATE));
        assertFalse(setconf.inputText().contains("Address"), "wg-quick keys never reach wg setconf");
        for (var c : fake.runner.commands()) {
            assertFalse(String.join(" ", c.argv()).contains(Keys.PRIVATE));
        }
    }

    @Test
    void userspaceWhenTheKernelHasNoModule() throws Exception {
        fake.noKernelModule();
        NamespaceState s = up(CONFIG, false);
        assertEquals(USERSPACE, fake.runner.transcript());
        assertEquals(Mode.USERSPACE, s.mode());
        assertTrue(notices.contains("this kernel has no WireGuard module; using userspace wireguard-go"));
    }

    @Test
    void aSetconfErrorIsReportedAsIs() {
        fake.noKernelModule();
        fake.runner.on(Result.fail(1, "Line unrecognized: `Foo=bar'\n"), "wg setconf");
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertEquals("configure link (wg setconf): Line unrecognized: `Foo=bar'", e.getMessage());
        assertEquals(1, fake.runner.transcript().stream().filter(x -> x.contains("setconf")).count());
    }

    @Test
    void userspaceOnRequestEvenWithTheModule() throws Exception {
        fake.kernelModule();
        up(CONFIG, true);
        assertEquals(USERSPACE, fake.runner.transcript());
        assertTrue(notices.stream().noneMatch(n -> n.contains("no WireGuard")));
    }

    /** The module is in the running kernel's index but not loaded: `ip link add` loads it, or tells. */
    void moduleNotLoaded() {
        fake.write(fake.layout.proc().resolve("sys/kernel/osrelease"), "6.1.0-test\n");
        fake.write(fake.layout.libModules().resolve("6.1.0-test/modules.dep"),
                "kernel/drivers/net/wireguard/wireguard.ko: kernel/lib/crypto/libchacha20poly1305.ko\n");
    }

    @Test
    void noModuleDirectoryMeansNoKernelWireGuard() throws Exception {
        fake.write(fake.layout.proc().resolve("sys/kernel/osrelease"), "6.18.0-custom\n");
        up(CONFIG, false);
        assertEquals(USERSPACE, fake.runner.transcript());
    }

    @Test
    void kernelFirstWhenUnknownThenFallsBackOnUnknownDeviceType() throws Exception {
        moduleNotLoaded();
        fake.runner.on(Result.fail(2, "Error: Unknown device type.\n"), "ip link add wgnstest01 type wireguard");
        up(CONFIG, false);
        List<String> expected = new ArrayList<>();
        expected.add("ip link add wgnstest01 type wireguard");
        expected.addAll(USERSPACE);
        assertEquals(expected, fake.runner.transcript());
        assertTrue(notices.contains("this kernel has no WireGuard; using userspace wireguard-go"));
    }

    @Test
    void kernelFirstWhenUnknownAndTheLinkCanBeMade() throws Exception {
        moduleNotLoaded();
        NamespaceState s = up(CONFIG, false);
        assertEquals(Mode.KERNEL, s.mode());
        assertEquals(List.of("ip link add wgnstest01 type wireguard",
                "ip -batch - | netns add demo; link set dev wgnstest01 netns demo",
                KERNEL.get(1), KERNEL.get(2)), fake.runner.transcript());
    }

    @Test
    void userspaceImplementationFromTheEnvironment() throws Exception {
        fake.noKernelModule();
        fake.env.put("WG_QUICK_USERSPACE_IMPLEMENTATION", "/opt/boringtun");
        up(CONFIG, false);
        assertEquals("/opt/boringtun wgnstest01", fake.runner.transcript().get(1));
    }

    @Test
    void mtuFromTheConfigAndHostnameEndpointsResolvedBeforehand() throws Exception {
        fake.kernelModule();
        fake.names.put("vpn.example.com", "203.0.113.7");
        up(CONFIG.replace("DNS = 10.99.0.1", "DNS = 10.99.0.1\nMTU = 1380").replace("198.51.100.2:51820", "vpn.example.com:51820"), false);
        assertTrue(fake.runner.transcript().get(2).contains("link set dev wg0 mtu 1380"));
        assertTrue(fake.runner.commands().get(1).inputText().contains("Endpoint = 203.0.113.7:51820"));
    }

    @Test
    void automaticMtuFollowsTheRouteToEachEndpoint() throws Exception {
        fake.kernelModule();
        // 198.51.100.2 goes via veth0 (1400): 1320. Another endpoint via eth0 (1500) does not raise it.
        up(CONFIG + "[Peer]\nPublicKey = " + Keys.PEER2 + "\nEndpoint = 192.0.2.77:51820\n", false);
        assertTrue(fake.runner.transcript().get(2).contains("mtu 1320"));
    }

    @Test
    void noEndpointTakesTheDefaultRoutesDevice() throws Exception {
        fake.kernelModule();
        up(CONFIG.replace("Endpoint = 198.51.100.2:51820\n", ""), false);
        assertTrue(fake.runner.transcript().get(2).contains("mtu 1420"));
    }

    @Test
    void noIpv6RouteWhenTheKernelHasNoIpv6() throws Exception {
        fake.kernelModule();
        Files.delete(fake.layout.proc().resolve("sys/net/ipv6"));
        up(CONFIG, false);
        assertFalse(fake.runner.transcript().get(2).contains("::/0"));
    }

    @Test
    void noDnsCopiesNoLoopbackResolverAndWarns() throws Exception {
        fake.kernelModule();
        up(CONFIG.replace("DNS = 10.99.0.1\n", ""), false);
        String rc = Files.readString(fake.layout.etcNetns("demo").resolve("resolv.conf"));
        assertFalse(rc.contains("127.0.0.53"));
        assertTrue(rc.lines().noneMatch(l -> l.startsWith("nameserver")), rc);
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("warning: no DNS=")));
    }

    @Test
    void hooksAreSkippedWithOneLineAndTableAndSaveConfigIgnored() throws Exception {
        fake.kernelModule();
        up(CONFIG.replace("DNS = 10.99.0.1", "DNS = 10.99.0.1\nTable = 1234\nSaveConfig = true\nPostUp = iptables -A x\nPreDown = echo")
                , false);
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("skipped 2 PreUp/PostUp/PreDown/PostDown hooks")));
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("ignoring Table = 1234")));
        assertTrue(notices.stream().anyMatch(n -> n.startsWith("ignoring SaveConfig")));
        assertTrue(fake.runner.transcript().stream().noneMatch(c -> c.contains("iptables")));
    }

    @Test
    void runHooksRunsThemInsideTheNamespaceWithPercentI() throws Exception {
        fake.kernelModule();
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"),
                CONFIG.replace("DNS = 10.99.0.1", "DNS = 10.99.0.1\nPreUp = echo pre %i\nPostUp = echo post %i"));
        new TunnelUp(fake.host(), notices::add, () -> TMP)
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("tun7"), cfg, false, List.of(), true, Firewall.OFF, List.of()));
        List<String> t = fake.runner.transcript();
        assertEquals("ip -batch - | netns add demo", t.get(0));
        assertEquals("ip netns exec demo /bin/sh -c echo pre tun7", t.get(1));
        assertEquals("ip netns exec demo /bin/sh -c echo post tun7", t.get(t.size() - 1));
    }

    @Test
    void refusesANamespaceItDidNotMake() {
        fake.kernelModule();
        fake.netnsExists("demo");
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertTrue(e.getMessage().startsWith("a namespace demo exists that wgns did not make"));
        assertEquals(List.of(), fake.runner.transcript());
    }

    @Test
    void refusesWhenAlreadyUpAndLeavesItAlone() throws Exception {
        fake.kernelModule();
        up(CONFIG, false);
        fake.netnsExists("demo");
        int before = fake.runner.commands().size();
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertEquals("demo is already up (wgns down demo first)", e.getMessage());
        assertEquals(before, fake.runner.commands().size());
        assertTrue(Files.exists(fake.layout.stateDir().resolve("demo/state")));
    }

    @Test
    void refusesToOverwriteAResolvConfItDidNotWrite() throws Exception {
        fake.kernelModule();
        fake.write(fake.layout.etcNetns("demo").resolve("resolv.conf"), "nameserver 10.1.1.1\n");
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertTrue(e.getMessage().contains("was not written by wgns"));
        assertEquals("nameserver 10.1.1.1\n", Files.readString(fake.layout.etcNetns("demo").resolve("resolv.conf")));
    }

    @Test
    void anUnresolvableEndpointFailsBeforeAnyChange() {
        fake.kernelModule();
        fake.env.put("WG_ENDPOINT_RESOLUTION_RETRIES", "0");
        WgnsException e = assertThrows(WgnsException.class,
                () -> up(CONFIG.replace("198.51.100.2:51820", "nowhere.invalid:51820"), false));
        assertEquals("/etc/wireguard/wg0.conf: cannot resolve endpoint nowhere.invalid", e.getMessage());
        assertEquals(List.of(), fake.runner.transcript());
        assertFalse(Files.exists(fake.layout.stateDir()));
    }

    /** A failure at each step: the message names the step, and exactly what was done is undone. */
    static Stream<Arguments> kernelFailures() {
        return Stream.of(
                Arguments.of("netns add demo", 1, "create namespace", List.of()),
                Arguments.of("link add wgnstest01", 2, "create link", List.of("netns delete demo")),
                Arguments.of("netns demo\n", 3, "move link into namespace", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("wg setconf", 0, "configure link (wg setconf)", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("name wg0", 1, "rename link", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("mtu 1320", 2, "set MTU", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("address add 10.99", 3, "add addresses", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("address add fd00", 4, "add addresses", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("link set dev lo up", 5, "bring links up", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("route add 0.0.0.0/0", 7, "add default routes", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("route add ::/0", 8, "add default routes", List.of("link delete dev wgnstest01", "netns delete demo")));
    }

    @ParameterizedTest(name = "{2} fails")
    @MethodSource("kernelFailures")
    void kernelFailureAtEachStepUndoesEverythingBefore(String fragment, int line, String step, List<String> undo) {
        fake.kernelModule();
        failureUndoesEverythingBefore(fragment, line > 0 ? "RTNETLINK answers: File exists\nCommand failed -:" + line + "\n"
                : "Line unrecognized\n", step, undo);
    }

    static Stream<Arguments> userspaceFailures() {
        return Stream.of(
                Arguments.of("netns add demo", 1, "create namespace", List.of()),
                Arguments.of("wireguard-go", 0, "start wireguard-go", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("wg setconf", 0, "configure link (wg setconf)", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("mtu 1320", 1, "set MTU", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("netns demo\n", 2, "move link into namespace", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("name wg0", 1, "rename link", List.of("link delete dev wgnstest01", "netns delete demo")),
                Arguments.of("route add ::/0", 7, "add default routes", List.of("link delete dev wgnstest01", "netns delete demo")));
    }

    @ParameterizedTest(name = "{2} fails")
    @MethodSource("userspaceFailures")
    void userspaceFailureAtEachStepUndoesEverythingBefore(String fragment, int line, String step, List<String> undo) {
        fake.noKernelModule();
        failureUndoesEverythingBefore(fragment, line > 0 ? "RTNETLINK answers: Invalid argument\nCommand failed -:" + line + "\n"
                : "it broke\n", step, undo);
    }

    /**
     * A command that reports failure may still have done its work (a timeout, a killed ip): for a
     * fault at every command, in every mode, whatever that command or an earlier one could have
     * made is taken away. Judged from the transcript: after the fault, a namespace added is deleted
     * and a link added in the host is deleted (in kernel mode with the module not yet loaded, the
     * probe's `ip link add` too).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kernel", "kernel-probe", "userspace"})
    void aFaultAfterEveryCommandLeavesNothingItMayHaveMade(String mode) throws Exception {
        int commands = faultRun(mode, -1).size();
        assertTrue(commands >= 3, "up runs several commands: " + commands);
        for (int i = 0; i < commands; i++) {
            List<String> t = faultRun(mode, i);
            List<String> before = t.subList(0, i + 1);
            String after = String.join("\n", t.subList(i + 1, t.size()));
            if (before.stream().anyMatch(c -> c.contains("netns add demo"))) {
                assertTrue(after.contains("netns delete demo"), mode + ", fault at " + i + ": " + t);
            }
            if (before.stream().anyMatch(c -> c.contains("link add " + TMP))) {
                assertTrue(after.contains("link delete dev " + TMP), mode + ", fault at " + i + ": " + t);
            }
            assertNothingLeft();
        }
    }

    /** An up killed while it wrote the DNS files leaves its temporary file; down removes it, and the directory. */
    @Test
    void downRemovesTheTemporaryFilesOfAKilledWrite() throws Exception {
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), TMP, null, 1, 1));
        fake.write(fake.layout.etcNetns("demo").resolve("resolv.conf"), DnsFiles.MARK + "demo\n");
        fake.write(fake.layout.etcNetns("demo").resolve("nsswitch.conf" + org.wgns.os.SafeFiles.TMP_SUFFIX), "hosts: files");
        new TunnelDown(fake.host(), notices::add).run(org.wgns.NamespaceName.of("demo"), false);
        assertFalse(Files.exists(fake.layout.etcNetns("demo")), "nothing of wgns in /etc/netns");
        assertNothingLeft();
    }

    /** up in a fresh host of that mode, the command at index fault (none: -1) timing out after running. */
    List<String> faultRun(String mode, int fault) throws Exception {
        fake = new FakeHost(dir.resolve(mode + fault)).routes();
        switch (mode) {
            case "kernel" -> fake.kernelModule();
            case "kernel-probe" -> {
                fake.write(fake.layout.proc().resolve("sys/kernel/osrelease"), "6.1.0-test\n");
                fake.write(fake.layout.libModules().resolve("6.1.0-test/modules.dep"), "kernel/drivers/net/wireguard/wireguard.ko:\n");
            }
            default -> fake.noKernelModule();
        }
        int[] n = {0};
        fake.runner.on(c -> !c.argv().contains("-force") && n[0]++ == fault, c -> new Result(-1, "", "ip timed out after 30 s"));
        if (fault < 0) {
            up(CONFIG, false);
        } else {
            assertThrows(WgnsException.class, () -> up(CONFIG, false));
        }
        return fake.runner.transcript();
    }

    /** The command containing fragment fails with err: the message names the step, and exactly undo is undone. */
    void failureUndoesEverythingBefore(String fragment, String err, String step, List<String> undo) {
        fake.runner.on(c -> !c.argv().contains("-force") && (String.join(" ", c.argv()) + "\n" + c.inputText()).contains(fragment),
                c -> Result.fail(1, err));
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertTrue(e.getMessage().startsWith(step + ": "), e.getMessage());
        List<String> t = fake.runner.transcript();
        String last = t.get(t.size() - 1);
        if (undo.isEmpty()) {
            assertFalse(last.contains("-force"), "nothing to undo: " + t);
        } else {
            assertEquals("ip -force -batch - | " + String.join("; ", undo), last);
        }
        assertNothingLeft();
    }

    @Test
    void aBatchThatDiesWithoutNamingTheLineIsUndoneWhole() {
        fake.kernelModule();
        fake.runner.on(Result.fail(255, "Error: argument \"type\" is wrong: Invalid \"txqueuelen\" value\n"), "ip -batch -", "link add");
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertEquals("create namespace ... move link into namespace: Error: argument \"type\" is wrong: Invalid \"txqueuelen\" value",
                e.getMessage());
        List<String> t = fake.runner.transcript();
        assertEquals("ip -force -batch - | link delete dev wgnstest01; netns delete demo", t.get(t.size() - 1));
        assertNothingLeft();
    }

    @Test
    void aFailedDnsFileStepRemovesWhatItWrote() throws Exception {
        fake.kernelModule();
        // /etc/netns is a file: the directory for the namespace cannot be made.
        fake.write(fake.layout.etcNetns(), "in the way");
        WgnsException e = assertThrows(WgnsException.class, () -> up(CONFIG, false));
        assertTrue(e.getMessage().startsWith("write /etc/netns/demo DNS files: "), e.getMessage());
        List<String> t = fake.runner.transcript();
        assertEquals("ip -force -batch - | link delete dev wgnstest01; netns delete demo", t.get(t.size() - 1));
        assertFalse(Files.exists(fake.layout.stateDir()));
    }

    @Test
    void theFirewallIsLoadedRightAfterTheNamespaceIsMadeBeforeTheTunnelExists() throws Exception {
        fake.kernelModule();
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        Firewall fw = new Firewall(true, List.of(PortRule.parse("tcp/80"), PortRule.parse("udp/6881-6889")));
        NamespaceState s = new TunnelUp(fake.host(), notices::add, () -> TMP)
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false, List.of(), false, fw, List.of()));
        Path file = fake.layout.stateDir().resolve("demo/firewall.nft");
        assertEquals("ip -batch - | netns add demo; netns exec demo nft -f " + file
                + "; link add wgnstest01 type wireguard; link set dev wgnstest01 netns demo", fake.runner.transcript().get(0));
        assertEquals(3, fake.runner.commands().size(), "still three processes with the firewall");
        String rules = Files.readString(file);
        assertTrue(rules.contains("type filter hook input priority filter; policy drop;"));
        assertTrue(rules.contains("type filter hook forward priority filter; policy drop;"));
        assertTrue(rules.contains("iifname \"wg0\" tcp dport 80 accept"));
        assertTrue(rules.contains("iifname \"wg0\" udp dport 6881-6889 accept"));
        assertTrue(s.details().firewall().enabled());
        assertEquals(List.of("tcp/80", "udp/6881-6889"), s.details().firewall().allowIn().stream().map(Object::toString).toList());
    }

    @Test
    void withoutNftUpFailsBeforeAnyChangeNamingThePackage() throws Exception {
        fake.kernelModule();
        fake.missingPrograms.add("nft");
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        WgnsException e = assertThrows(WgnsException.class, () -> new TunnelUp(fake.host(), notices::add, () -> TMP)
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false, List.of(), false, new Firewall(true, List.of()), List.of())));
        assertEquals("nft not found: install the nftables package (or run up with --no-firewall)", e.getMessage());
        assertEquals(List.of(), fake.runner.transcript());
        assertNothingLeft();
    }

    @Test
    void aFirewallThatDoesNotLoadUndoesTheNamespace() throws Exception {
        fake.kernelModule();
        fake.runner.on(Result.fail(1, "Error: syntax error\nCommand failed -:2\n"), "nft -f");
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        WgnsException e = assertThrows(WgnsException.class, () -> new TunnelUp(fake.host(), notices::add, () -> TMP)
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false, List.of(), false, new Firewall(true, List.of()), List.of())));
        assertEquals("load firewall: Error: syntax error", e.getMessage());
        List<String> t = fake.runner.transcript();
        assertEquals("ip -force -batch - | netns delete demo", t.get(t.size() - 1));
        assertNothingLeft();
    }

    @Test
    void publishStartsOneProxyPerPortAfterTheTunnelAndRecordsItBeforeItListens() throws Exception {
        fake.kernelModule();
        List<List<PublishedPort>> recorded = new java.util.ArrayList<>();
        fake.runner.on(c -> c.argv().get(0).equals("setsid"), c -> {
            recorded.add(new StateStore(fake.layout.stateDir()).read(org.wgns.NamespaceName.of("demo")).orElseThrow().published());
            fake.process(4242, 0, 777, c.argv().subList(1, c.argv().size()), "9001");
            fake.write(fake.layout.proc().resolve("net/tcp"), "  sl  local_address rem_address   st tx rx tr tm retr uid to inode\n"
                    + "   0: 0100007F:4E87 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9001\n");
            return Result.started(4242);
        });
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), CONFIG);
        NamespaceState s = new TunnelUp(fake.host(), notices::add, () -> TMP).run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, false,
                List.of(), false, Firewall.OFF, List.of(Publish.parse("20103:80"))));
        List<String> t = fake.runner.transcript();
        String last = t.get(t.size() - 1);
        assertTrue(last.startsWith("setsid /usr/sbin/systemd-socket-activate -l 127.0.0.1:20103 /usr/sbin/ip netns exec demo "), last);
        assertTrue(last.endsWith("systemd-socket-proxyd 127.0.0.1:80"), last);
        assertTrue(fake.runner.commands().get(t.size() - 1).detached(), "started, not waited for");
        assertEquals(List.of(List.of(PublishedPort.pending(Publish.parse("20103:80")))), recorded, "in the state before it started");
        assertEquals(List.of(new PublishedPort(Publish.parse("20103:80"), 4242, 777)), s.published(), "then by pid and start time");
    }

    @Test
    void publishSyntax() {
        assertEquals("127.0.0.1:8080:80/tcp", Publish.parse("8080:80").toString());
        assertEquals("0.0.0.0:8080:80/tcp", Publish.parse("0.0.0.0:8080:80/tcp").toString());
        assertEquals("[::1]:8443:443/tcp", Publish.parse("[::1]:8443:443").toString());
        for (String bad : List.of("80", "a:80", "8080:80/udp", "1.2.3.4:70000:80", "host:1:2")) {
            assertThrows(IllegalArgumentException.class, () -> Publish.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> PortRule.parse("icmp/1"));
        assertThrows(IllegalArgumentException.class, () -> PortRule.parse("tcp/90-80"));
    }

    void assertNothingLeft() {
        assertFalse(Files.exists(fake.layout.stateDir()), "no state, no lock");
        assertFalse(Files.exists(fake.layout.etcNetns("demo")), "no /etc/netns/demo");
    }
}
