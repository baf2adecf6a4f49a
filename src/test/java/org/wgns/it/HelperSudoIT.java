package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * --reach and --port-forward through real sudo, as a real user with `up *`, `down *` and
 * `helper *`: holes only to the host's loopback services from port 1024 up and never to its
 * resolver, the on-change command only as the caller, and the helper never started for them.
 */
class HelperSudoIT extends WithTopology {
    static TestUser user;

    @BeforeAll
    static void userWithWideRules() throws Exception {
        user = TestUser.create("exec *", "up *", "down *", "helper *");
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    @AfterEach
    void nothingLeft() {
        Wgns.run("down", C2, "--kill");
        assertTrue(Sh.run("pgrep", "-f", "org.wgns.cli.Main helper").exit() != 0, "no helper left");
        assertNothingLeft();
    }

    static Result sudoUp(String... extra) throws Exception {
        Path f = TestUser.HOME.resolve("client1.conf");
        Files.writeString(f, Files.readString(topo.clientConfig(dir, 1, "")));
        Sh.ok("chown", TestUser.NAME, f.toString());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        String[] args = new String[extra.length + 4];
        args[0] = "up";
        args[1] = C2;
        args[2] = "-c";
        args[3] = f.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return user.sudo(args);
    }

    static void refused(Result r, String line) {
        assertEquals(1, r.exit(), r.err());
        assertEquals("wgns up: " + line + "\n", r.err());
        assertFalse(Files.exists(Path.of("/run/netns/" + C2)), "nothing was made");
    }

    @Test
    void holesThroughSudoReachOnlyTheHostsOwnUnprivilegedLoopbackServices() throws Exception {
        refused(sudoUp("--reach", "18501:203.0.113.2:8080"), "--reach 18501:203.0.113.2:8080/tcp refused through sudo:"
                + " only a loopback address of the host (127.0.0.1, ::1) may be reached; a LAN address is root's to open");
        refused(sudoUp("--reach", "18502:127.0.0.1:631"),
                "--reach 18502:127.0.0.1:631/tcp refused through sudo: host ports below 1024 are root's services");
        refused(sudoUp("--reach", "18503:127.0.0.1:53/udp"),
                "--reach 18503:127.0.0.1:53/udp refused through sudo: host ports below 1024 are root's services");
        refused(sudoUp("--reach", "18504:127.0.0.53:5353/udp"), "--reach 18504:127.0.0.53:5353/udp refused through sudo:"
                + " that is the host's resolver: lookups inside would leave outside the tunnel");
        UpDownIT.ok(sudoUp("--reach", "18505:127.0.0.1:18506"));
        assertTrue(Sh.run("ip", "netns", "exec", C2, "ss", "-Hltn").out().contains("127.0.0.1:18505"));
    }

    @Test
    void theOnChangeCommandRunsAsTheCallerAndNoOneElse() throws Exception {
        refused(sudoUp("--port-forward", "natpmp", "--on-port-change", "true", "--on-port-change-user", "root"),
                "--on-port-change-user refused through sudo: the command runs as you (uid " + user.uid + ")");
        Path seen = TestUser.HOME.resolve("uid");
        try (NatPmpResponder gw = NatPmpResponder.start()) {
            Result r = sudoUp("--port-forward", "natpmp", "--on-port-change", "id -u > " + seen + "; echo");
            UpDownIT.ok(r);
            for (int i = 0; i < 200 && !Files.exists(seen); i++) {
                Sh.sleep(50);
            }
            assertEquals(user.uid + "", Files.readString(seen).strip());
            assertEquals(user.uid, (long) (Integer) Files.getAttribute(seen, "unix:uid"), "written by the caller");
        }
        Result r = Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--port-forward", "natpmp",
                "--on-port-change", "true");
        assertEquals(1, r.exit());
        assertEquals("wgns up: --on-port-change never runs as root: name its user with --on-port-change-user USER\n", r.err());
    }

    @Test
    void theHelperIsNeverStartedForACaller() throws Exception {
        UpDownIT.ok(sudoUp("--reach", "18507:127.0.0.1:18508"));
        Result r = user.sudo("helper", C2);
        assertEquals(1, r.exit());
        assertEquals("wgns helper: through sudo, the helper is not started on your behalf; up starts it\n", r.err());
        assertEquals(1, Sh.lines("pgrep", "-f", "org.wgns.cli.Main helper " + C2).size(), "only up's own helper runs");
    }
}
