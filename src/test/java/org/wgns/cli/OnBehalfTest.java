package org.wgns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Result;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;
import org.wgns.testing.RecordingRunner;

/** Root acting for a user who came through sudo: what it refuses, and how it reads their file. */
class OnBehalfTest {
    static final String CONFIG = "[Interface]\nPrivateKey = " + Keys.PRIVATE + "\nAddress = 10.0.0.2/32\nDNS = 10.0.0.1\n"
            + "PreUp = touch /pwned\n[Peer]\nPublicKey = " + Keys.PEER + "\nAllowedIPs = 0.0.0.0/0\nEndpoint = 198.51.100.2:51820\n";

    @TempDir
    Path dir;
    FakeHost fake;
    FakeHost.Run r;

    @BeforeEach
    void throughSudo() {
        fake = new FakeHost(dir).kernelModule().routes();
        fake.env.put("SUDO_UID", "1000");
        fake.env.put("SUDO_GID", "1000");
        fake.runner.on(Result.ok("600\n" + Base64.getEncoder().encodeToString(CONFIG.getBytes(StandardCharsets.UTF_8))),
                "wgns-read");
    }

    void run(String... args) {
        r = fake.wgns(args);
    }

    @Test
    void aConfigNamedWithCIsReadByTheCallersOwnProcess() {
        run("up", "demo", "-c", "/home/u/vpn.conf");
        assertEquals(0, r.code(), r.err());
        String first = RecordingRunner.text(fake.runner.commands().get(0));
        assertTrue(first.startsWith("/usr/sbin/setpriv --reuid=1000 --regid=1000 --init-groups -- /bin/sh -c"), first);
        assertTrue(r.err().contains("skipped 1 PreUp"), r.err());
    }

    @Test
    void hooksNeverFromAFileTheCallerNamed() {
        run("up", "demo", "-c", "/home/u/vpn.conf", "--run-hooks");
        assertEquals(1, r.code());
        assertEquals("wgns up: --run-hooks refused: /home/u/vpn.conf was read as you, through sudo; hooks run only from"
                + " root's own configs; hooks run as root\n", r.err());
        assertEquals(1, fake.runner.commands().size(), "nothing but the read");
    }

    @Test
    void aConfigPathAsTheNameIsReadAsTheCallerToo() {
        run("up", "/home/u/vpn.conf");
        assertEquals(0, r.code(), r.err());
        assertTrue(RecordingRunner.text(fake.runner.commands().get(0)).contains("wgns-read /home/u/vpn.conf"));
    }

    @Test
    void rootsOwnDefaultConfigIsReadByRoot() throws Exception {
        Path etc = fake.layout.etc().resolve("wireguard");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("demo.conf"), CONFIG);
        run("up", "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(fake.runner.transcript().stream().noneMatch(c -> c.contains("wgns-read")));
    }

    @Test
    void noFirewallAndWidePublishingAreRefused() {
        run("up", "demo", "-c", "/home/u/vpn.conf", "--no-firewall");
        assertEquals("wgns up: --no-firewall refused through sudo: it opens every port inside to the VPN's network\n", r.err());
        run("up", "demo", "-c", "/home/u/vpn.conf", "--publish", "0.0.0.0:8080:80");
        assertEquals("wgns up: --publish 0.0.0.0:8080 refused through sudo: only a loopback address (127.0.0.1, ::1) may be"
                + " published\n", r.err());
        run("up", "demo", "-c", "/home/u/vpn.conf", "--publish", "80:80");
        assertEquals("wgns up: --publish 127.0.0.1:80 refused through sudo: host ports below 1024 are root's\n", r.err());
        assertTrue(fake.runner.commands().isEmpty(), "refused before anything ran");
    }

    @Test
    void aProgramNamedInTheEnvironmentIsNotRunForTheCaller() {
        fake = new FakeHost(dir.resolve("nomodule")).noKernelModule().routes();
        fake.env.put("SUDO_UID", "1000");
        fake.env.put("SUDO_GID", "1000");
        fake.env.put("WG_QUICK_USERSPACE_IMPLEMENTATION", "/home/u/evil");
        fake.runner.on(Result.ok("600\n" + Base64.getEncoder().encodeToString(CONFIG.getBytes(StandardCharsets.UTF_8))),
                "wgns-read");
        run("up", "demo", "-c", "/home/u/vpn.conf");
        assertEquals(0, r.code(), r.err());
        assertTrue(fake.runner.transcript().stream().noneMatch(c -> c.contains("evil")), fake.runner.transcript().toString());
        assertTrue(fake.runner.transcript().stream().anyMatch(c -> c.startsWith("wireguard-go wgns")), fake.runner.transcript().toString());
    }

    @Test
    void unitsAreNotChangedOnACallersBehalf() {
        run("systemd", "attach", "demo", "sshd");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("through sudo, units are not changed on your behalf"), r.err());
    }

    @Test
    void holesBeyondTheHostsOwnUnprivilegedLoopbackAreRefusedBeforeAnyChange() {
        run("up", "demo", "-c", "/home/u/vpn.conf", "--reach", "631:192.168.1.20:631");
        assertEquals("wgns up: --reach 631:192.168.1.20:631/tcp refused through sudo: only a loopback address of the host"
                + " (127.0.0.1, ::1) may be reached; a LAN address is root's to open\n", r.err());
        run("up", "demo", "-c", "/home/u/vpn.conf", "--reach", "[::1]:25");
        assertEquals("wgns up: --reach 25:[::1]:25/tcp refused through sudo: host ports below 1024 are root's services\n", r.err());
        run("up", "demo", "-c", "/home/u/vpn.conf", "--reach", "5353:127.0.0.54:5353/udp");
        assertTrue(r.err().endsWith("that is the host's resolver: lookups inside would leave outside the tunnel\n"), r.err());
        run("up", "demo", "-c", "/home/u/vpn.conf", "--port-forward", "natpmp", "--on-port-change", "x", "--on-port-change-user", "0");
        assertEquals(1, r.code());
        assertEquals(List.of(), fake.runner.transcript().stream().filter(c -> c.contains("netns add")).toList(), "nothing made");
    }
}
