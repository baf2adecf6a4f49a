package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * What the app inside gets of root's, and what a hostile app can reach: descriptors, variables,
 * the terminal of whoever looks at it; and with --isolate, nothing of the host but the tunnel.
 */
class AppBoundaryIT extends WithUser {
    @AfterAll
    static void removePrograms() {
        CProgram.removeAll();
    }

    static Result asUser(String... args) {
        return user.run(null, Map.of(), args);
    }

    @Test
    void noDescriptorOfTheRootJvmReachesTheApp() {
        Result r = asUser("exec", C1, "--", "ls", "-l", "/proc/self/fd");
        assertEquals(0, r.exit(), r.err());
        List<String> fds = r.out().lines().filter(l -> l.contains(" -> ")).map(l -> l.substring(l.indexOf(" -> ") + 4)).toList();
        // 0, 1, 2 and the directory ls is reading.
        assertEquals(4, fds.size(), r.out());
        assertFalse(r.out().contains(".jar") || r.out().contains(".jsa") || r.out().contains("/run/wgns"), r.out());
    }

    /** sudo drops such values (they name files for root to load); wgns must not hand them back across sudo. */
    @Test
    void valuesSudoDropsStayDropped() {
        Result r = user.sudo("exec", "--pass-env", "LANGUAGE=../../../tmp/x", "--pass-env", "TZ=../../../tmp/x",
                "--pass-env", "LC_ALL=%n%n", "--pass-env", "LANG=C.UTF-8", "--pass-env", "LD_PRELOAD=/tmp/x.so", C1, "--", "env");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("LANG=C.UTF-8\n"), r.out());
        for (String gone : List.of("LANGUAGE=", "TZ=", "LC_ALL=%n", "LD_PRELOAD=")) {
            assertFalse(r.out().contains(gone), gone + " in " + r.out());
        }
    }

    /** A process inside names itself; its name must not repaint the terminal of whoever runs show, check or down. */
    @Test
    void aProcessCannotRepaintTheTerminalOfWhoeverLooks() throws Exception {
        Process p = new ProcessBuilder(user.argv("exec", C1, "--", "bash", "-c",
                "exec -a \"$(printf 'x\\033]0;pwned\\007\\033[2J')\" sleep 60")).start();
        try {
            for (int i = 0; i < 100 && !Wgns.run("show", C1).out().contains("pwned"); i++) {
                Sh.sleep(100);
            }
            for (String[] cmd : List.of(new String[] {"show", C1}, new String[] {"show", C1, "--json"}, new String[] {"list"},
                    new String[] {"down", C1}, new String[] {"check", C1})) {
                Result r = Wgns.run(cmd);
                String all = r.out() + r.err();
                assertFalse(all.contains("\u001b") || all.contains("\u0007"), String.join(" ", cmd) + ": " + all);
            }
            assertTrue(Wgns.run("show", C1).out().contains("x\\x1b]0;pwned\\x07"), "shown, escaped");
        } finally {
            p.destroyForcibly().waitFor();
            Sh.run("pkill", "-u", TestUser.NAME, "sleep");
        }
    }

    /**
     * A UNIX socket at path (only where there is none) that closes every connection at once: a
     * real bus or nscd socket that never answered would hang every program on the machine that
     * asks it something (sudo among them). Removed by the returned handle.
     */
    static AutoCloseable decoySocket(Path path, String owner) throws Exception {
        if (Files.exists(path)) {
            return () -> { };
        }
        boolean madeDir = !Files.exists(path.getParent());
        Files.createDirectories(path.getParent());
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    ch.accept().close();
                }
            } catch (java.io.IOException e) {
                // closed: the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        Sh.ok("chown", owner, path.toString());
        Sh.ok("chmod", "666", path.toString());
        return () -> {
            ch.close();
            Files.deleteIfExists(path);
            if (madeDir) {
                Files.deleteIfExists(path.getParent());
            }
        };
    }

    @Test
    void isolatedTheAppSeesNoHostProcessAndCannotTraceOne() throws Exception {
        Path ptrace = CProgram.compile("ptrace", CProgram.PTRACE);
        Process outside = new ProcessBuilder("setpriv", "--reuid=" + TestUser.NAME, "--regid=" + TestUser.NAME, "--init-groups",
                "--", "sleep", "60").start();
        try {
            Result notIsolated = asUser("exec", C1, "--", ptrace.toString(), Long.toString(outside.pid()));
            assertEquals("attached\n", notIsolated.out(), "the counter-test: without --isolate the app can trace you");
            Result isolated = asUser("exec", C1, "--isolate", "--", ptrace.toString(), Long.toString(outside.pid()));
            assertEquals("No such process\n", isolated.out(), isolated.err());
            Result procs = asUser("exec", C1, "--isolate", "--", "sh", "-c", "ls /proc | grep -c '^[0-9]'");
            assertTrue(Integer.parseInt(procs.out().strip()) <= 4, "processes seen: " + procs.out());
            Result kill = asUser("exec", C1, "--isolate", "--", "kill", "-0", Long.toString(outside.pid()));
            assertTrue(kill.exit() != 0, "no signal to a process outside");
        } finally {
            outside.destroyForcibly().waitFor();
        }
    }

    @Test
    void isolatedTheAppReachesNoBusNoRuntimeDirectoryAndNoResolver() throws Exception {
        Path bus = Path.of("/run/user/" + user.uid + "/bus");
        try (AutoCloseable a = decoySocket(bus, TestUser.NAME); AutoCloseable b = decoySocket(Path.of("/run/dbus/system_bus_socket"), "root");
                AutoCloseable c = decoySocket(Path.of("/run/nscd/socket"), "root")) {
            String probe = "for s in " + bus + " /run/dbus/system_bus_socket /run/nscd/socket; do [ -S $s ] && echo $s; done; true";
            Map<String, String> env = Map.of("XDG_RUNTIME_DIR", bus.getParent().toString());
            Result plain = user.run(null, env, "exec", C1, "--", "sh", "-c", probe);
            assertEquals(bus + "\n/run/dbus/system_bus_socket\n", plain.out(), "the counter-test: a plain exec reaches the buses");
            Result isolated = user.run(null, env, "exec", C1, "--isolate", "--", "sh", "-c",
                    probe + "; ls -A $XDG_RUNTIME_DIR; echo runtime=$XDG_RUNTIME_DIR");
            assertEquals("runtime=" + bus.getParent() + "\n", isolated.out(), isolated.err());
        }
    }

    @Test
    void isolatedTheAppGetsNoNewPrivilegesAPrivateTmpAndAReadOnlyHome() throws Exception {
        Path outsideTmp = Path.of("/tmp/wgnsit-outside");
        Files.writeString(outsideTmp, "x");
        Result r;
        try {
            r = asUser("exec", C1, "--isolate", "--", "sh", "-c", "grep NoNewPrivs /proc/self/status;"
                + " [ -e " + outsideTmp + " ] && echo shared-tmp; touch /tmp/mine && echo tmp-writable;"
                + " touch \"$HOME/.bashrc-planted\" 2>/dev/null && echo home-writable; sudo -n true 2>/dev/null && echo sudo; true");
        } finally {
            Files.deleteIfExists(outsideTmp);
        }
        assertEquals("NoNewPrivs:\t1\ntmp-writable\n", r.out(), r.err());
        Result plain = asUser("exec", C1, "--", "sh", "-c", "touch \"$HOME/.plain\" && echo home-writable");
        assertEquals("home-writable\n", plain.out(), "the counter-test: a plain exec writes the home");
    }

    @Test
    void isolatedOrdinaryAppsStillWork() throws Exception {
        Result shell = asUser("exec", C1, "--isolate", "--", "sh", "-c", "echo hello; exit 7");
        assertEquals("hello\n", shell.out());
        assertEquals(7, shell.exit(), "the app's exit status comes back");
        try (WebServer web = WebServer.start(Topology.SERVER_NS, 8080)) {
            Result curl = asUser("exec", C1, "--isolate", "--", "curl", "-s", "-m", "5", "http://" + Topology.SERVER_TUNNEL + ":8080/");
            assertEquals("hello from " + Topology.SERVER_NS + "\n", curl.out(), curl.err());
        }
        Result server = asUser("exec", C1, "--isolate", "--", "sh", "-c", "cd /tmp && echo served > f &&"
                + " (python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1 &) ; for i in $(seq 50); do"
                + " curl -s http://127.0.0.1:8000/f && break; sleep 0.1; done");
        assertEquals("served\n", server.out(), server.err());
    }
}
