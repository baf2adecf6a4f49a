package org.wgns.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.testing.FakeHost;

/**
 * How wgns reads /proc scales with the machine, not with what wgns looks for: a process outside
 * the namespaces sought is never opened beyond its ns/net link. Its other files are FIFOs here,
 * which block whoever opens them, so reading one more file than promised hangs the test.
 */
class ProcsTest {
    static final int OTHERS = 1000;

    @TempDir
    Path dir;
    FakeHost fake;
    Procs procs;
    Path nsFile;
    String netId;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeHost(dir);
        procs = fake.host().procs();
        fake.netnsExists("vpn");
        nsFile = fake.layout.netns("vpn");
        netId = Procs.netnsId(nsFile);
        for (int pid = 1000; pid < 1000 + OTHERS; pid++) {
            Path d = fake.layout.proc().resolve(Integer.toString(pid));
            Files.createDirectories(d.resolve("ns"));
            Files.createSymbolicLink(d.resolve("ns/net"), Path.of("net:[4026531840]"));
            for (String f : List.of("stat", "status", "cmdline")) {
                mkfifo(d.resolve(f));
            }
        }
    }

    static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assertEquals(0, mk.waitFor());
    }

    void inside(long pid, String... argv) throws Exception {
        fake.process(pid, 1000, 1, List.of(argv));
        Path d = fake.layout.proc().resolve(Long.toString(pid));
        Files.createDirectories(d.resolve("ns"));
        Files.createSymbolicLink(d.resolve("ns/net"), Path.of(netId));
    }

    @Test
    void aThousandProcessesElsewhereCostOneReadlinkEach() throws Exception {
        inside(3000, "firefox", "--no-remote");
        inside(17, "sleep", "60");
        Map<String, List<Procs.Proc>> by = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.byNetns(Set.of(netId)));
        assertEquals(Map.of(netId, List.of(new Procs.Proc(17, "sleep 60"), new Procs.Proc(3000, "firefox --no-remote"))),
                Map.of(netId, by.get(netId).stream().sorted((a, b) -> Long.compare(a.pid(), b.pid())).toList()));
        assertEquals(2, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.inNetns(nsFile)).size());
    }

    @Test
    void noNamespaceSoughtReadsNoProcess() {
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.byNetns(Set.of())).isEmpty());
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.inNetns(dir.resolve("no-such-ns"))).isEmpty());
    }

    /** The daemon up just started is among the newest pids: the search ends there. */
    @Test
    void theProcessJustStartedIsFoundWithoutReadingTheOthers() throws Exception {
        fake.process(4999, 0, 1, List.of("wireguard-go", "wgns123456"));
        fake.process(5000, 0, 1, List.of("/usr/bin/wireguard-go", "wgnsabcdef"));
        fake.process(5001, 1000, 1, List.of("wireguard-go", "wgns123456"));
        assertEquals(5000, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.find("wireguard-go", "wgnsabcdef")));
        assertEquals(4999, assertTimeoutPreemptively(Duration.ofSeconds(30), () -> procs.find("wireguard-go", "wgns123456")),
                "a user's process of the same name is not wgns's daemon");
    }
}
