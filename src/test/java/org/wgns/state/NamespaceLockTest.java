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
        try (NamespaceLock l = NamespaceLock.acquire(dir, "demo")) {
            assertTrue(Files.exists(dir.resolve("demo.lock")));
            // Reading state files and listing the directory must not drop the lock (POSIX locks
            // go with any close of the file), as an earlier version's read-back did.
            Files.list(dir).close();
            String other = probe();
            assertTrue(other.startsWith("another wgns is working on demo (pid " + ProcessHandle.current().pid() + ")"), other);
        }
        assertFalse(Files.exists(dir.resolve("demo.lock")), "released and removed");
        assertEquals("got", probe());
        assertFalse(Files.exists(dir.resolve("demo.lock")));
    }
}
