package org.wgns.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.WgnsException;
import org.wgns.config.ConfigParser;
import org.wgns.firewall.Firewall;
import org.wgns.os.Result;
import org.wgns.testing.FakeHost;
import org.wgns.wg.UserspaceDaemonTest;

/** When the userspace daemon cannot start, the user reads why and what to do, and nothing is left. */
class UserspaceStartTest {
    static final String NO_TUN = "ERROR: (wgnstest01) 2026/11/30 11:29:40 Failed to create TUN device:"
            + " CreateTUN(\"wgnstest01\") failed; /dev/net/tun does not exist\n";

    @TempDir
    Path dir;
    FakeHost fake;

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir).routes().noKernelModule();
    }

    WgnsException upFails() throws Exception {
        var cfg = ConfigParser.parse(Path.of("/etc/wireguard/wg0.conf"), TunnelUpTest.CONFIG);
        return assertThrows(WgnsException.class, () -> new TunnelUp(fake.host(), n -> { }, () -> TunnelUpTest.TMP)
                .run(new UpRequest(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), cfg, true, List.of(), false, Firewall.OFF, List.of())));
    }

    @Test
    void withoutDevNetTunUpSaysWhatToDoAndStartsNoDaemon() throws Exception {
        fake.noTun();
        WgnsException e = upFails();
        assertEquals("start wireguard-go: " + fake.layout.tun() + " does not exist, and userspace WireGuard needs it:"
                + " load the tun module (modprobe tun); in a container, pass the device in", e.getMessage());
        List<String> t = fake.runner.transcript();
        assertTrue(t.stream().noneMatch(c -> c.startsWith("wireguard-go")), t.toString());
        assertEquals("ip -force -batch - | link delete dev wgnstest01; netns delete demo", t.get(t.size() - 1));
        assertFalse(Files.exists(fake.layout.stateDir()));
    }

    @Test
    void aDaemonThatFailsIsReportedByItsErrorNotItsBanner() throws Exception {
        fake.runner.on(new Result(1, NO_TUN, UserspaceDaemonTest.BANNER), "wireguard-go wgnstest01");
        WgnsException e = upFails();
        assertEquals("start wireguard-go: wireguard-go wgnstest01: Failed to create TUN device: CreateTUN(\"wgnstest01\") failed;"
                + " /dev/net/tun does not exist", e.getMessage());
        List<String> t = fake.runner.transcript();
        assertEquals("ip -force -batch - | link delete dev wgnstest01; netns delete demo", t.get(t.size() - 1));
    }
}
