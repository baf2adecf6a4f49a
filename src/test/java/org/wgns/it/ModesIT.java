package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * Where kernel and userspace mode differ: the module loaded on demand, --userspace where the
 * module is, /dev/net/tun, and in both the UDP socket left in the host namespace.
 */
class ModesIT extends WithTopology {
    static final Path MODULE = Path.of("/sys/module/wireguard");

    @AfterEach
    void nothingLeft() {
        assertNothingLeft();
    }

    static boolean listening(String ns, int port) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        argv.addAll(List.of("ss", "-H", "-u", "-l", "-n"));
        return Sh.ok(argv.toArray(String[]::new)).lines().anyMatch(l -> l.contains(":" + port + " "));
    }

    @Test
    void theUdpSocketStaysInTheHostNamespaceWhereTheLinkWasBorn() throws Exception {
        // Both modes: the kernel link is created in the host and moved; wireguard-go runs in the host.
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "ListenPort = 51999\n").toString()));
        assertTrue(listening(null, 51999), "the tunnel's UDP port is open in the host namespace");
        assertFalse(listening(C1, 51999), "and not inside, where the tunnel is the only way out");
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
        UpDownIT.ok(Wgns.run("down", C1));
        assertFalse(listening(null, 51999), "down closes it");
    }

    @Test
    void theKernelModuleIsLoadedOnDemand() throws Exception {
        SuiteMode.only(SuiteMode.KERNEL, "loads the WireGuard module");
        if (Files.exists(MODULE)) {
            assumeTrue(Files.exists(MODULE.resolve("refcnt")), "WireGuard is built into this kernel: nothing to load");
            assumeTrue(Files.readString(MODULE.resolve("refcnt")).strip().equals("0"),
                    "the WireGuard module is in use here, so it cannot be unloaded for this test");
            Sh.ok("modprobe", "-r", "wireguard");
        }
        assertFalse(Files.exists(MODULE), "unloaded before up");
        // Without the module loaded, `ip link add … type wireguard` decides, and the kernel loads it.
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        assertTrue(Files.exists(MODULE), "loaded by up");
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
        UpDownIT.ok(Wgns.run("down", C1));
    }

    @Test
    void userspaceOnRequestWhereTheKernelHasTheModule() throws Exception {
        SuiteMode.only(SuiteMode.KERNEL, "--userspace matters only where the module is");
        Result r = Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--userspace");
        UpDownIT.ok(r);
        SuiteMode.USERSPACE.assertTunnel(C1, "wg0");
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
        Result check = Wgns.run("check", C1);
        assertEquals(0, check.exit(), check.out());
        UpDownIT.ok(Wgns.run("down", C1));
    }

    @Test
    void userspaceWithoutDevNetTunSaysWhatToDoAndLeavesNothing() throws Exception {
        // /dev/net/tun hidden in a mount namespace of this command's own.
        List<String> argv = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs none /dev/net && exec \"$@\"", "sh"));
        argv.addAll(Wgns.command("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--userspace"));
        Result r = Sh.run(argv.toArray(String[]::new));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().endsWith("wgns up: start wireguard-go: /dev/net/tun does not exist, and userspace WireGuard needs it:"
                + " load the tun module (modprobe tun); in a container, pass the device in\n"), r.err());
    }
}
