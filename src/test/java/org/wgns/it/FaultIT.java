package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;
import org.wgns.testing.BadConfigs;
import org.wgns.testing.Keys;

/** Nothing is lost: hostile input, an up killed at random points, a hundred cycles. */
class FaultIT extends WithTopology {

    @AfterEach
    void nothingLeft() {
        assertNothingLeft();
    }

    record Case(String what, List<String> args) {}

    static Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    static List<Case> hostileCorpus() throws Exception {
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (BadConfigs.Bad b : BadConfigs.MALFORMED) {
            Path f = dir.resolve("bad" + n++ + ".conf");
            Files.write(f, b.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            cases.add(new Case(b.message(), List.of("up", C1, "-c", f.toString())));
        }
        StringBuilder huge = new StringBuilder();
        while (huge.length() < 5 * 1024 * 1024) {
            huge.append("# padding padding padding padding padding padding padding padding\n");
        }
        cases.add(new Case("huge file", List.of("up", C1, "-c", file("huge.conf", huge.toString()).toString())));
        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        Path g = dir.resolve("garbage.conf");
        Files.write(g, garbage);
        cases.add(new Case("binary garbage", List.of("up", C1, "-c", g.toString())));
        cases.add(new Case("NUL bytes", List.of("up", C1, "-c", file("nul.conf", "[Interface]\u0000\u0000PrivateKey = x\n").toString())));
        Path shadow = dir.resolve("shadow.conf");
        Files.createSymbolicLink(shadow, Path.of("/etc/shadow"));
        cases.add(new Case("symlink to /etc/shadow", List.of("up", C1, "-c", shadow.toString())));
        Path zero = dir.resolve("zero.conf");
        Files.createSymbolicLink(zero, Path.of("/dev/zero"));
        cases.add(new Case("symlink to /dev/zero", List.of("up", C1, "-c", zero.toString())));
        Path fifo = dir.resolve("fifo.conf");
        Sh.ok("mkfifo", fifo.toString());
        cases.add(new Case("a FIFO", List.of("up", C1, "-c", fifo.toString())));
        cases.add(new Case("a directory", List.of("up", C1, "-c", dir.toString())));
        cases.add(new Case("path with ..", List.of("up", C1, "-c", dir + "/../../nonexistent/../wg0.conf")));
        cases.add(new Case("namespace ..", List.of("up", "..", "-c", shadow.toString())));
        cases.add(new Case("namespace with ../", List.of("up", "../etc", "-c", shadow.toString())));
        cases.add(new Case("namespace of 65", List.of("up", "n".repeat(65))));
        cases.add(new Case("namespace of 64, bad config", List.of("up", "wgit-c" + "n".repeat(58), "-c", dir.resolve("bad0.conf").toString())));
        cases.add(new Case("interface of 16", List.of("up", C1, "-i", "i".repeat(16))));
        cases.add(new Case("interface of 15, bad config", List.of("up", C1, "-i", "i".repeat(15), "-c", dir.resolve("bad1.conf").toString())));
        cases.add(new Case("a very long line", List.of("up", C1, "-c",
                file("long.conf", "[Interface]\nPrivateKey = " + "A".repeat(100_000) + "\n").toString())));
        cases.add(new Case("dns not an address", List.of("up", C1, "--dns", "$(reboot)")));
        cases.add(new Case("publish garbage", List.of("up", C1, "--publish", "a:b:c:d")));
        cases.add(new Case("allow-in garbage", List.of("up", C1, "--allow-in", "tcp/0")));
        cases.add(new Case("unknown option", List.of("up", C1, "--frobnicate")));
        cases.add(new Case("exec without command", List.of("exec", C1)));
        cases.add(new Case("down of nothing", List.of("down", C1)));
        return cases;
    }

    @Test
    void everyHostileInputGivesOneLineAndNothingHalfMade() throws Exception {
        List<Case> cases = hostileCorpus();
        assertTrue(cases.size() >= 50, "at least 50 hostile inputs: " + cases.size());
        String shadowText = Files.readString(Path.of("/etc/shadow"));
        for (Case c : cases) {
            Result r = Wgns.inProcess(new ProcessRunner(), c.args().toArray(String[]::new));
            String what = c.what() + " -> exit " + r.exit() + ", stderr: " + r.err();
            assertTrue(r.exit() == 1 || r.exit() == 2, what);
            assertEquals(1, r.err().lines().count(), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
            assertEquals("", r.out(), what);
            for (String line : shadowText.lines().toList()) {
                String[] f = line.split(":");
                assertFalse(f.length > 1 && f[1].length() > 3 && r.err().contains(f[1]), "a hash from /etc/shadow leaked: " + what);
            }
            assertEquals(List.of(), Leftovers.find(), what);
        }
    }

    @Test
    void anUpKilledAtRandomPointsIsRecoveredByUpOrCleanedByDown() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        Random random = new Random(42);
        for (int round = 0; round < Machine.rounds(10, 3); round++) {
            int delay = 20 + random.nextInt(700);
            Process p = new ProcessBuilder(Wgns.command("up", C1, "-c", conf.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(Machine.millis(delay));
            p.destroyForcibly();
            p.waitFor(Machine.millis(5000), TimeUnit.MILLISECONDS);
            String when = "killed at " + delay + " ms";
            if (round % 2 == 0) {
                Result up = Wgns.run("up", C1, "-c", conf.toString());
                assertTrue(up.exit() == 0 || up.err().contains("is already up"), when + ": " + up.err());
                assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), () -> when + ": " + up.err() + "\n"
                        + Sh.run("wg", "show", "all").out() + Sh.run("ip", "-n", C1, "addr").out() + Sh.run("ps", "-ef").out());
                UpDownIT.ok(Wgns.run("down", C1));
            } else {
                Result down = Wgns.run("down", C1);
                assertTrue(down.exit() == 0 || down.err().contains("is not up"), when + ": " + down.err());
            }
            assertEquals(List.of(), Leftovers.find(), when);
        }
    }

    @Test
    void aHundredCyclesAccumulateNothing() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        long fdsBefore = fds();
        int netnsBefore = netNamespaces();
        for (int i = 0; i < Machine.rounds(100, 20); i++) {
            Result up = Wgns.inProcess(new ProcessRunner(), "up", C1, "-c", conf.toString());
            assertEquals(0, up.exit(), "cycle " + i + ": " + up.err());
            Result down = Wgns.inProcess(new ProcessRunner(), "down", C1);
            assertEquals(0, down.exit(), "cycle " + i + ": " + down.err());
        }
        assertEquals(List.of(), Leftovers.find());
        assertEquals(netnsBefore, netNamespaces(), "no invisible namespace left alive");
        assertTrue(fds() <= fdsBefore + 5, "file descriptors of wgns: before " + fdsBefore + ", after " + fds());
        assertTrue(UpDownIT.ping(Topology.SERVER_NS, Topology.SERVER_UNDERLAY), "the topology still works");
    }

    /** Open file descriptors of this JVM, where the hundred cycles ran. */
    static long fds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Network namespaces alive on the machine, visible or not. */
    static int netNamespaces() {
        return (int) Sh.ok("lsns", "-t", "net", "-n", "-o", "NS").lines().distinct().count();
    }
}
