package org.wgns.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wgns.testing.FakeHost;

class SystemdTest {
    static final Path EXAMPLES = Path.of(System.getProperty("wgns.basedir", ".")).resolve("examples/systemd");

    @TempDir
    Path dir;

    @Test
    void theShippedUnitsAreWhatWgnsGenerates() throws Exception {
        assertEquals(Units.template("/usr/local/bin/wgns"), Files.readString(EXAMPLES.resolve("wgns@.service")));
        assertEquals(Units.reresolveService("/usr/local/bin/wgns"), Files.readString(EXAMPLES.resolve("wgns-reresolve@.service")));
        assertEquals(Units.reresolveTimer(), Files.readString(EXAMPLES.resolve("wgns-reresolve@.timer")));
        assertEquals(Units.repairService("/usr/local/bin/wgns"), Files.readString(EXAMPLES.resolve("wgns-repair@.service")));
        assertEquals(Units.repairTimer(), Files.readString(EXAMPLES.resolve("wgns-repair@.timer")));
        assertEquals(DropIn.render("wireguard", "lighttpd.service", "/etc/resolv.conf", "/etc/nsswitch.conf"),
                Files.readString(EXAMPLES.resolve("lighttpd.service.d/wgns-wireguard.conf")));
    }

    @Test
    void theTemplateHasWhatTheIssueAsksAndNoPrivateMounts() {
        String t = Units.template("/usr/local/bin/wgns");
        for (String line : List.of("Type=oneshot", "RemainAfterExit=yes", "ExecStart=/usr/local/bin/wgns up %i $WGNS_UP_ARGS",
                "ExecStop=/usr/local/bin/wgns down %i --kill", "After=network-online.target nss-lookup.target",
                "Environment=WG_ENDPOINT_RESOLUTION_RETRIES=infinity")) {
            assertTrue(t.lines().anyMatch(l -> l.equals(line)), line);
        }
        for (String forbidden : List.of("PrivateMounts=", "ProtectSystem=", "ProtectHome=", "PrivateTmp=", "ReadOnlyPaths=",
                "TemporaryFileSystem=", "PrivateNetwork=")) {
            assertTrue(t.lines().noneMatch(l -> l.startsWith(forbidden)), forbidden);
        }
    }

    @Test
    void theDropInJoinsTheNamespaceWithItsDns() {
        assertEquals("""
                # Written by wgns: runs lighttpd.service inside network namespace wireguard.
                # Remove with: wgns systemd detach wireguard lighttpd.service
                [Unit]
                Requires=wgns@wireguard.service
                BindsTo=wgns@wireguard.service
                After=wgns@wireguard.service

                [Service]
                NetworkNamespacePath=/run/netns/wireguard
                # What ip netns exec gives and systemd does not: the namespace's DNS, no host resolver.
                BindReadOnlyPaths=/etc/netns/wireguard/resolv.conf:/etc/resolv.conf
                BindReadOnlyPaths=/etc/netns/wireguard/nsswitch.conf:/etc/nsswitch.conf
                InaccessiblePaths=-/run/systemd/resolve
                InaccessiblePaths=-/run/nscd
                """, DropIn.render("wireguard", "lighttpd.service", "/etc/resolv.conf", "/etc/nsswitch.conf"));
    }

    @Test
    void aResolvConfThatIsResolvedsStubBindsOverTheRealFileAndHidesOnlyTheSockets() {
        String d = DropIn.render("vpn", "x.service", "/run/systemd/resolve/stub-resolv.conf", "/etc/nsswitch.conf");
        assertTrue(d.contains("BindReadOnlyPaths=/etc/netns/vpn/resolv.conf:/run/systemd/resolve/stub-resolv.conf\n"));
        assertTrue(d.contains("InaccessiblePaths=-/run/systemd/resolve/io.systemd.Resolve\n"));
        assertFalse(d.contains("InaccessiblePaths=-/run/systemd/resolve\n"));
        assertTrue(d.contains("InaccessiblePaths=-/run/nscd\n"));
    }

    String out;
    String err;

    int run(FakeHost fake, String... args) {
        FakeHost.Run r = fake.wgns(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void attachThenDetachLeavesTheUnitsDirectoryAsItWas() throws Exception {
        FakeHost fake = new FakeHost(dir);
        Path units = fake.layout.systemdUnits();
        Files.createDirectories(units.resolve("other.service.d"));
        Files.writeString(units.resolve("other.service.d/keep.conf"), "[Service]\n");
        List<String> before = tree(units);
        assertEquals(0, run(fake, "systemd", "attach", "wireguard", "lighttpd"), err);
        Path file = units.resolve("lighttpd.service.d/wgns-wireguard.conf");
        assertEquals("wrote " + file + "\n", out);
        assertTrue(Files.readString(file).contains("NetworkNamespacePath=/run/netns/wireguard"));
        assertEquals(0, run(fake, "systemd", "attach", "wireguard", "getty@tty1.service"), err);
        assertEquals(0, run(fake, "systemd", "detach", "wireguard", "lighttpd.service"), err);
        assertEquals(0, run(fake, "systemd", "detach", "wireguard", "getty@tty1"), err);
        assertEquals(before, tree(units));
        assertEquals(1, run(fake, "systemd", "detach", "wireguard", "lighttpd"));
        assertTrue(err.contains("lighttpd.service is not attached to wireguard"), err);
    }

    @Test
    void detachLeavesAFileWgnsDidNotWrite() throws Exception {
        FakeHost fake = new FakeHost(dir);
        Path f = fake.layout.systemdUnits().resolve("x.service.d/wgns-vpn.conf");
        fake.write(f, "[Service]\nUser=me\n");
        assertEquals(1, run(fake, "systemd", "detach", "vpn", "x"));
        assertTrue(Files.exists(f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "a/b.service", "", "-x.service", "x.socket", "x y", ".service", "wgns@vpn"})
    void badUnitNamesAreUsageErrorsAndWriteNothing(String unit) throws Exception {
        FakeHost fake = new FakeHost(dir);
        assertEquals(2, run(fake, "systemd", "attach", "vpn", unit), err);
        assertFalse(Files.exists(fake.layout.systemdUnits()));
    }

    @Test
    void aBadNamespaceNameIsAUsageError() {
        assertEquals(2, run(new FakeHost(dir), "systemd", "attach", "../x", "lighttpd"));
    }

    static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
