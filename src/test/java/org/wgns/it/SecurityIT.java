package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/** What a caller through sudo can and cannot do to root, and what the app user can reach. */
class SecurityIT extends WithUser {
    static final Path MARKER_DIR = Path.of("/run/wgnsit-marker");

    @AfterAll
    static void removeMarkers() {
        Sh.run("rm", "-rf", MARKER_DIR.toString());
    }

    @Test
    void jvmOptionVariablesOfTheCallerNeverReachTheRootJvm() {
        Result r = user.run(null, Map.of("JAVA_TOOL_OPTIONS", "-javaagent:/nonexistent-agent.jar",
                        "_JAVA_OPTIONS", "-Xmx1k", "JDK_JAVA_OPTIONS", "-javaagent:/nonexistent-agent.jar",
                        "CLASSPATH", "/tmp", "JAVA_OPTS", "-javaagent:/nonexistent-agent.jar"),
                "exec", C1, "--", "true");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "no 'Picked up ...' and no agent error");
    }

    /** A library that, loaded into a root process, leaves a file named after that process. */
    static Path markerLibrary() throws Exception {
        Files.createDirectories(MARKER_DIR);
        Files.setPosixFilePermissions(MARKER_DIR, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
        Path c = MARKER_DIR.resolve("marker.c");
        Files.writeString(c, """
                #include <fcntl.h>
                #include <stdio.h>
                #include <unistd.h>
                __attribute__((constructor)) static void mark(void) {
                    if (geteuid() != 0) return;
                    char comm[64] = "?", path[160];
                    int f = open("/proc/self/comm", O_RDONLY);
                    if (f >= 0) { ssize_t n = read(f, comm, sizeof comm - 1); if (n > 0) comm[n - 1] = 0; close(f); }
                    snprintf(path, sizeof path, "/run/wgnsit-marker/root-%s-%d", comm, (int) getpid());
                    close(open(path, O_CREAT | O_WRONLY, 0644));
                }
                """);
        Path so = MARKER_DIR.resolve("marker.so");
        Result cc = Sh.run("gcc", "-shared", "-fPIC", "-o", so.toString(), c.toString());
        assumeTrue(cc.success(), "gcc (installed by scripts/test.sh): " + cc.err());
        return so;
    }

    static List<String> rootMarks() throws Exception {
        try (Stream<Path> s = Files.list(MARKER_DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("root-")).sorted().toList();
        }
    }

    @Test
    void ldPreloadOfTheCallerNeverReachesARootProcessOfExec() throws Exception {
        Path so = markerLibrary();
        // The counter-test: the library does mark a root process that loads it.
        Sh.run("env", "LD_PRELOAD=" + so, "/bin/true");
        assertTrue(rootMarks().stream().anyMatch(m -> m.startsWith("root-true-")), "the marker works");
        for (String m : rootMarks()) {
            Files.delete(MARKER_DIR.resolve(m));
        }
        Result r = user.run(null, Map.of("LD_PRELOAD", so.toString()), "exec", C1, "--", "sh", "-c", "echo ${LD_PRELOAD:-none}");
        assertEquals(0, r.exit(), r.err());
        assertEquals("none\n", r.out());
        assertEquals(List.of(), rootMarks(), "root processes that loaded the caller's LD_PRELOAD");
    }

    @Test
    void theAppUserCannotReadThePrivateKey() throws Exception {
        String key = topo.clientPrivate.get(0);
        Result asUser = user.run(null, Map.of(), "exec", C1, "--", "sh", "-c",
                "wg show all private-key; wg showconf wg0; cat /run/wgns/*/* " + dir.resolve("client0.conf") + " 2>&1; true");
        assertFalse(asUser.out().contains(key) || asUser.err().contains(key), "the key reached the user");
        // The counter-test: root inside the namespace can, so the probe above would have seen it.
        Result asRoot = Wgns.run("exec", C1, "--", "wg", "show", "all", "private-key");
        assertTrue(asRoot.out().contains(key));
        for (Path p : List.of(Path.of("/run/wgns"), Path.of("/etc/netns/" + C1))) {
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(key), f + " holds the key");
                }
            }
        }
    }

    @Test
    void whatWgnsWritesIsRootsAndWritableByNobodyElse() throws Exception {
        for (Path root : List.of(Path.of("/run/wgns"), Path.of("/etc/netns/" + C1))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.toList()) {
                    assertEquals(0, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), p + " owner");
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    assertFalse(perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE),
                            p + " is " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                }
            }
        }
        Result r = user.run(null, Map.of(), "exec", C1, "--", "sh", "-c", "echo x > /etc/resolv.conf");
        assertTrue(r.exit() != 0, "the app user cannot change the namespace's resolv.conf");
    }
}
