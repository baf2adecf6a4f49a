package org.wgns.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceLockTest {
    @TempDir
    Path dir;

    /** Runs {@link LockProbe} in a second JVM: locks are per process. */
    String probe() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), dir.toString(), "demo")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    @Test
    void anotherProcessIsRefusedWhileItIsHeldAndGetsItAfter() throws Exception {
        try (NamespaceLock l = NamespaceLock.acquire(dir, org.wgns.NamespaceName.of("demo"))) {
            Path file = dir.resolve(".locks/demo");
            assertTrue(Files.exists(file));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(".locks"))), "nobody else may open (and so lock) it");
            // Reading state files and listing the directory must not drop the lock (POSIX locks
            // go with any close of the file), as an earlier version's read-back did.
            Files.list(dir).close();
            String other = probe();
            assertTrue(other.startsWith("another wgns is working on demo (pid " + ProcessHandle.current().pid() + ")"), other);
        }
        assertFalse(Files.exists(dir.resolve(".locks/demo")), "released and removed");
        assertEquals("got", probe());
        assertFalse(Files.exists(dir.resolve(".locks/demo")));
    }

    /** A name ending in .lock is a name like any other: it never meets another name's lock. */
    @Test
    void aNameLikeALockIsJustAName() throws Exception {
        try (NamespaceLock a = NamespaceLock.acquire(dir, org.wgns.NamespaceName.of("x")); NamespaceLock b = NamespaceLock.acquire(dir, org.wgns.NamespaceName.of("x.lock"))) {
            new StateStore(dir).write(org.wgns.state.NamespaceState.starting(org.wgns.NamespaceName.of("x.lock"), org.wgns.InterfaceName.of("wg0"), "wgns000000", null, 1, 1));
            assertEquals(List.of(org.wgns.NamespaceName.of("x.lock")), new StateStore(dir).names());
        }
    }
}
