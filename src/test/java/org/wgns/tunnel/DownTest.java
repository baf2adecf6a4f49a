package org.wgns.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.ConfigParser;
import org.wgns.config.WgConfig;
import org.wgns.dns.DnsFiles;
import org.wgns.firewall.Firewall;
import org.wgns.os.Result;
import org.wgns.publish.Publish;
import org.wgns.publish.PublishedPort;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.wg.Mode;

/** down, and the recovery of an up that was killed: the same undos up unwinds with, from the recorded state. */
class DownTest {
    static final NamespaceName DEMO = NamespaceName.of("demo");
    static final InterfaceName WG0 = InterfaceName.of("wg0");

    @TempDir
    Path dir;
    List<String> notices = new ArrayList<>();

    FakeHost host(String mode) {
        FakeHost fake = new FakeHost(dir.resolve(mode)).routes();
        if (mode.equals("kernel")) {
            fake.kernelModule();
        } else {
            fake.noKernelModule();
        }
        return fake;
    }

    NamespaceState up(FakeHost fake, int waitSeconds) throws Exception {
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), TunnelUpTest.CONFIG);
        return new TunnelUp(fake.host(), notices::add, () -> TunnelUpTest.TMP).run(new UpRequest(DEMO, WG0, cfg, false,
                List.of(), false, new Firewall(true, List.of()), List.of(), waitSeconds));
    }

    /**
     * One definition of each undo: what up unwinds when its very last step fails is, command for
     * command, what down takes away from the state of an up that completed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kernel", "userspace"})
    void downIsTheUnwindOfACompleteUp(String mode) throws Exception {
        FakeHost done = host(mode);
        NamespaceState s = up(done, 0);
        FakeHost failing = host(mode + "-failing");
        failing.runner.on(c -> c.argv().contains("wg") && c.argv().contains("set"), c -> Result.fail(1, "Unable to modify interface"));
        assertThrows(WgnsException.class, () -> up(failing, 5));
        List<String> t = failing.runner.transcript();
        List<String> unwound = t.subList(t.indexOf(t.stream().filter(c -> c.contains("wg set ")).findFirst().orElseThrow()) + 1,
                t.size());
        FakeHost down = host(mode + "-down");
        done.netnsExists("demo");
        new TunnelDown(down.host(), notices::add).takeAway(s, true);
        assertEquals(unwound, down.runner.transcript());
        assertTrue(unwound.contains("ip -force -batch - | link delete dev wgnstest01; netns delete demo"), unwound.toString());
    }

    @Test
    void downRunsThePreDownAndPostDownHooksAroundTheLinkAndEndsTheRecordedProxy() {
        FakeHost fake = host("kernel");
        fake.netnsExists("demo");
        fake.process(4242, 0, 777, List.of("/usr/bin/systemd-socket-activate", "-l", "127.0.0.1:8080"));
        fake.process(4343, 0, 1, List.of("/usr/bin/systemd-socket-activate", "-l", "127.0.0.1:8081"));
        NamespaceState s = NamespaceState.starting(DEMO, WG0, TunnelUpTest.TMP, null, 1, 1).withMode(Mode.KERNEL)
                .withPublished(List.of(new PublishedPort(Publish.parse("8080:80"), 4242, 777),
                        new PublishedPort(Publish.parse("8081:80"), 4343, 2)))
                .withDetails(new NamespaceState.Details(List.of(), List.of(), List.of(), List.of(), List.of(), List.of("echo pre"), List.of("echo post"),
                        Firewall.OFF)).up();
        new StateStore(fake.layout.stateDir()).write(s);
        fake.runner.on(c -> c.argv().contains("delete") && c.argv().contains("demo") && c.argv().size() == 4, c -> {
            deleteNetns(fake);
            return Result.ok();
        });
        fake.runner.on(c -> c.inputText().contains("netns delete demo"), c -> {
            deleteNetns(fake);
            return Result.ok();
        });
        new TunnelDown(fake.host(), notices::add).run(DEMO, false);
        assertEquals(List.of("ip netns exec demo /bin/sh -c echo pre",
                "ip -n demo -force -batch - | link delete dev wg0; link delete dev wgnstest01",
                "ip netns exec demo /bin/sh -c echo post",
                "ip -force -batch - | link delete dev wgnstest01; netns delete demo"), fake.runner.transcript());
        assertEquals(List.of("TERM 4242", "KILL 4242"), fake.signalsSent, "the recorded proxy, not the one started later");
        assertFalse(Files.exists(fake.layout.stateDir()));
    }

    private static void deleteNetns(FakeHost fake) {
        try {
            Files.deleteIfExists(fake.layout.netns("demo"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The next up finds what a killed one left: the same undos, without hooks, then its own work. */
    @Test
    void anUpThatWasKilledIsTakenAwayByTheNextUp() throws Exception {
        FakeHost fake = host("userspace");
        new StateStore(fake.layout.stateDir()).write(NamespaceState.starting(DEMO, WG0, "wgnsdead01", null, 1, 1)
                .withMode(Mode.USERSPACE).withPublished(List.of(PublishedPort.pending(Publish.parse("8080:80")))));
        fake.write(fake.layout.etcNetns("demo").resolve("resolv.conf"), DnsFiles.MARK + "demo\n");
        up(fake, 0);
        List<String> t = fake.runner.transcript();
        assertEquals("ip -n demo -force -batch - | link delete dev wg0; link delete dev wgnsdead01", t.get(0));
        assertEquals("ip -force -batch - | link delete dev wgnsdead01; netns delete demo", t.get(1));
        assertTrue(notices.get(0).startsWith("cleaning up what an earlier wgns left of demo (an up that did not finish)"),
                notices.toString());
    }

    /** A state file of the previous format (no version; proxies as SPEC@PID) is still read. */
    @Test
    void aStateFileOfTheFirstFormatIsStillRead() throws Exception {
        FakeHost fake = host("kernel");
        Path f = fake.layout.stateDir().resolve("demo/state");
        fake.write(f, """
                phase=UP
                mode=USERSPACE
                iface=wg0
                tmpName=wgnsabc123
                daemonPid=77
                address.count=1
                address.0=10.99.0.2/32
                dns.count=1
                dns.0=10.99.0.1
                endpoint.count=1
                endpoint.0=%s vpn.example.com\\:51820
                firewall=true
                allowIn.count=1
                allowIn.0=tcp/80
                publish.count=1
                publish.0=127.0.0.1\\:8080\\:80/tcp@1234
                created=5
                ownerPid=9
                """.formatted(org.wgns.testing.Keys.PEER));
        NamespaceState s = new StateStore(fake.layout.stateDir()).read(DEMO).orElseThrow();
        assertEquals(org.wgns.state.Phase.UP, s.phase());
        assertEquals("wgnsabc123", s.tmpName());
        assertEquals(List.of(new PublishedPort(Publish.parse("8080:80"), 1234, -1)), s.published());
        assertEquals("vpn.example.com:51820", s.details().endpoints().get(0).endpoint().toString());
        assertEquals("[tcp/80]", s.details().firewall().allowIn().toString());
    }

    /** An up killed between making its state directory and writing the state: down leaves nothing of it. */
    @Test
    void downRemovesTheDirectoryOfAnUpKilledBeforeItsFirstState() {
        FakeHost fake = host("kernel");
        fake.write(fake.layout.stateDir().resolve("demo/state" + org.wgns.os.SafeFiles.TMP_SUFFIX), "phase=STA");
        WgnsException e = assertThrows(WgnsException.class, () -> new TunnelDown(fake.host(), notices::add).run(DEMO, false));
        assertEquals("demo is not up", e.getMessage());
        assertFalse(Files.exists(fake.layout.stateDir()), "nothing of it left");
    }

    /** Version 3 records the helper and its work; a version-2 file reads as a namespace without one. */
    @Test
    void theHelperRoundTripsAndAVersion2StateHasNone() throws Exception {
        FakeHost fake = host("kernel");
        StateStore store = new StateStore(fake.layout.stateDir());
        var helping = new NamespaceState.Helping(new org.wgns.portforward.PortForward(org.wgns.config.IpLiteral.parse("10.2.0.1"),
                List.of("ip", "netns", "exec", "demo", "/bin/sh", "-c", "x \"$@\"", "wgns-port-change")),
                List.of(org.wgns.reach.Reach.parse("1143:127.0.0.1:1143"), org.wgns.reach.Reach.parse("[::1]:5353/udp")),
                new org.wgns.os.OwnedProcess(4242, 777));
        NamespaceState s = NamespaceState.starting(DEMO, WG0, "wgnsabc123", null, 1, 1).withMode(Mode.USERSPACE).withHelping(helping);
        store.write(s);
        assertEquals(s, store.read(DEMO).orElseThrow());
        assertTrue(Files.readString(fake.layout.stateDir().resolve("demo/state")).contains("version=3"));
        fake.write(fake.layout.stateDir().resolve("demo/state"), "version=2\nphase=UP\nmode=KERNEL\niface=wg0\ntmpName=wgnsabc123\n");
        assertEquals(NamespaceState.Helping.NONE, store.read(DEMO).orElseThrow().helping());
        fake.write(fake.layout.stateDir().resolve("demo/state"), "version=3\nphase=STARTING\niface=wg0\nhelper=0\nreach.count=x\n");
        assertEquals(org.wgns.os.OwnedProcess.PENDING, store.read(DEMO).orElseThrow().helping().process(),
                "a state cut short still names a helper about to start");
    }

    /** The helper is in the state before it starts, then by pid and start time; down ends that very process first. */
    @Test
    void theHelperIsRecordedBeforeItStartsAndDownEndsItFirst() throws Exception {
        FakeHost fake = host("kernel");
        List<NamespaceState.Helping> recorded = new ArrayList<>();
        fake.runner.on(c -> c.argv().get(0).equals("setsid"), c -> {
            recorded.add(new StateStore(fake.layout.stateDir()).read(DEMO).orElseThrow().helping());
            fake.process(4242, 0, 777, c.argv().subList(1, c.argv().size()));
            fake.write(fake.layout.stateDir().resolve("demo/helper"), "ok\n");
            return Result.started(4242);
        });
        WgConfig cfg = ConfigParser.parse(Path.of("wg0.conf"), TunnelUpTest.CONFIG);
        var reach = List.of(org.wgns.reach.Reach.parse("18301:127.0.0.1:18201"));
        NamespaceState s = new TunnelUp(fake.host(), notices::add, () -> TunnelUpTest.TMP).run(new UpRequest(DEMO, WG0, cfg, false,
                List.of(), false, new Firewall(true, List.of()), List.of(), 0,
                new org.wgns.config.ConfigRef(Path.of("wg0.conf").toAbsolutePath(), 0, 0, ""), null, reach));
        assertEquals(List.of(new NamespaceState.Helping(null, reach, org.wgns.os.OwnedProcess.PENDING)), recorded);
        assertEquals(new org.wgns.os.OwnedProcess(4242, 777), s.helping().process());
        String start = fake.runner.transcript().stream().filter(c -> c.startsWith("setsid")).findFirst().orElseThrow();
        assertTrue(start.endsWith(" -cp " + java.nio.file.Path.of(System.getProperty("java.class.path")).toAbsolutePath()
                + " org.wgns.cli.Main helper demo"), start);
        fake.netnsExists("demo");
        deleteNetns(fake);
        new TunnelDown(fake.host(), notices::add).run(DEMO, false);
        assertEquals("TERM 4242", fake.signalsSent.get(0), "the helper goes first, before the namespace it has sockets in");
    }
}
