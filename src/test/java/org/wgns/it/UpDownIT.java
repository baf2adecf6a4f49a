package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.Command;
import org.wgns.os.CommandRunner;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/**
 * up and down for real: a userspace WireGuard peer in a server namespace, real traffic. Every
 * test runs in the suite's mode ({@link SuiteMode}); the few checks that differ say so.
 */
class UpDownIT extends WithTopology {

    @AfterEach
    void nothingLeft() {
        assertNothingLeft();
    }

    static Result up(String ns, int client) throws Exception {
        return Wgns.run("up", ns, "-c", topo.clientConfig(dir, client, "").toString());
    }

    static void ok(Result r) {
        assertEquals(0, r.exit(), () -> "exit " + r.exit() + "\nstdout: " + r.out() + "\nstderr: " + r.err());
    }

    /**
     * One ping that may wait 6 s: if the first handshake packet is lost, WireGuard sends the next
     * after 5 s (REKEY_TIMEOUT). That is the protocol, not wgns.
     */
    static boolean ping(String ns, String addr) {
        return Sh.run("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "6", addr).success();
    }

    /** True when a ping gets no answer within 1 s: used where nothing may get through. */
    static boolean unreachable(String ns, String addr) {
        return !Sh.run("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "1", addr).success();
    }

    @Test
    void upGivesOnlyLoAndTheTunnelWithTrafficOverIpv4AndIpv6ThenDownLeavesNothing() throws Exception {
        Result r = up(C1, 0);
        ok(r);
        assertTrue(r.out().startsWith(C1 + " is up: wg0 10.99.0.2/32 fd00:99::2/128"), r.out());
        List<String> links = Sh.lines("ip", "-n", C1, "-o", "link", "show").stream()
                .map(l -> l.split(":")[1].strip()).toList();
        assertEquals(List.of("lo", "wg0"), links);
        assertTrue(ping(C1, Topology.SERVER_TUNNEL), "IPv4 through the tunnel");
        assertTrue(ping(C1, Topology.SERVER_TUNNEL6), "IPv6 through the tunnel");
        assertEquals("default dev wg0 scope link", Sh.ok("ip", "-n", C1, "-4", "route", "show", "default").strip());
        assertTrue(Sh.ok("ip", "-n", C1, "-6", "route", "show", "default").startsWith("default dev wg0"));
        String resolv = Sh.ok("ip", "netns", "exec", C1, "cat", "/etc/resolv.conf");
        assertTrue(resolv.contains("nameserver 10.99.0.1"), resolv);
        assertTrue(Sh.ok("ip", "netns", "exec", C1, "grep", "^hosts:", "/etc/nsswitch.conf").strip().equals("hosts: files dns"));
        Result check = Wgns.run("check", C1);
        assertEquals(0, check.exit(), check.out() + check.err());
        assertEquals(6, check.out().lines().filter(l -> l.startsWith("ok ")).count(), check.out());
        ok(Wgns.run("down", C1));
        assertTrue(!Sh.ok("nft", "list", "tables").contains("wgns"), "the firewall never touched the host");
        assertFalse(Files.exists(Path.of("/run/netns/" + C1)));
    }

    /** No cap on peers: a hub namespace can have thousands; only the file size protects the parser. */
    @Test
    void tenThousandPeersComeUpAndGoDown() throws Exception {
        StringBuilder b = new StringBuilder(Files.readString(topo.clientConfig(dir, 0, "")));
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            b.append("[Peer]\nPublicKey = ").append(java.util.Base64.getEncoder().encodeToString(k))
                    .append("\nAllowedIPs = 10.").append(100 + i / 250).append('.').append(i % 250).append(".0/24\n");
        }
        Path conf = dir.resolve("hub.conf");
        Files.writeString(conf, b);
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        ok(Wgns.run("up", C1, "-c", conf.toString()));
        Result show = Wgns.run("show", C1, "--json");
        ok(show);
        assertEquals(10_001, show.out().split("\"latestHandshake\"", -1).length - 1, "peers in show --json");
        assertTrue(ping(C1, Topology.SERVER_TUNNEL), "the tunnel still works with 10,000 peers");
        ok(Wgns.run("down", C1));
    }

    @Test
    void upWaitReturnsWithAHandshakeOrFailsAndUndoesEverything() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        ok(Wgns.run("up", C1, "-c", conf.toString(), "--wait"));
        String hs = SuiteMode.wg(C1, "show", "latest-handshakes");
        assertTrue(hs.lines().anyMatch(l -> !l.isBlank() && !l.endsWith("\t0")), "a handshake already: " + hs);
        ok(Wgns.run("down", C1));
        // A peer that does not exist never answers.
        Path wrong = topo.clientConfig(dir, 1, "");
        java.nio.file.Files.writeString(wrong, java.nio.file.Files.readString(wrong).replace(topo.serverPublic, topo.clientPublic.get(0)));
        Result r = Wgns.run("up", C1, "-c", wrong.toString(), "--wait=2");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("wait for the first handshake: no handshake within 2 s"), r.err());
        assertEquals(List.of(), Leftovers.find());
    }

    @Test
    void checkTellsAnIdleTunnelFromADeadOne() throws Exception {
        // No traffic and no keepalive: nothing makes the tunnel shake hands (a kernel one never has
        // by now), so check has to prompt it.
        ok(up(C1, 0));
        Result idle = Wgns.run("check", C1);
        assertEquals(0, idle.exit(), idle.out());
        String line = idle.out().lines().filter(l -> l.contains(" handshake ")).findFirst().orElseThrow();
        if (SuiteMode.kernel()) {
            assertTrue(line.startsWith("ok    handshake   just now, when prompted (the tunnel was idle; none before)"), line);
        }
        assertTrue(SuiteMode.wg(C1, "show", "persistent-keepalive").strip().endsWith("\toff"), "the keepalive is off again");
        ok(Wgns.run("down", C1));
        // A peer that never answers: the server does not know this key.
        Path wrong = topo.clientConfig(dir, 1, "");
        Files.writeString(wrong, Files.readString(wrong).replace(topo.serverPublic, topo.clientPublic.get(0)));
        ok(Wgns.run("up", C1, "-c", wrong.toString()));
        Result dead = Wgns.run("check", C1);
        assertEquals(1, dead.exit(), dead.out());
        assertTrue(dead.out().contains("fail  handshake   never, and no answer when prompted for 6 s"), dead.out());
        ok(Wgns.run("down", C1));
    }

    @Test
    void killSwitchNothingLeavesWithTheTunnelDown() throws Exception {
        ok(up(C1, 0));
        assertTrue(ping(C1, Topology.SERVER_TUNNEL));
        Topology.startLeakCounter();
        Sh.ok("ip", "-n", C1, "link", "set", "wg0", "down");
        assertTrue(unreachable(C1, Topology.SERVER_TUNNEL), "nothing through a tunnel that is down");
        assertTrue(unreachable(C1, Topology.SERVER_UNDERLAY), "nothing to the server's real address");
        assertTrue(unreachable(C1, Topology.HOST_UNDERLAY), "nothing to the host");
        assertFalse(Sh.run("ip", "netns", "exec", C1, "ping", "-6", "-c", "1", "-W", "1", Topology.SERVER_TUNNEL6).success());
        assertEquals(0, Topology.leakedPackets(), "packets from the namespace on the server's underlay");
        ok(Wgns.run("down", C1));
    }

    @Test
    void twoNamespacesAtOnceEachWithItsOwnTunnel() throws Exception {
        ok(up(C1, 0));
        ok(up(C2, 1));
        assertTrue(ping(C1, Topology.SERVER_TUNNEL));
        assertTrue(ping(C2, Topology.SERVER_TUNNEL6));
        List<String> sockets = Leftovers.find().stream().filter(l -> l.startsWith("socket ")).toList();
        // Userspace: a daemon and socket each, named apart. Kernel: no socket, two links of their own.
        assertEquals(SuiteMode.kernel() ? 0 : 2, sockets.size(), sockets.toString());
        SuiteMode.CURRENT.assertTunnel(C1, "wg0");
        SuiteMode.CURRENT.assertTunnel(C2, "wg0");
        ok(Wgns.run("down", C2));
        assertTrue(ping(C1, Topology.SERVER_TUNNEL), "the other namespace is untouched");
        ok(Wgns.run("down", C1));
    }

    @Test
    void upOfANameAlreadyUpFailsAndLeavesTheRunningOneAlone() throws Exception {
        ok(up(C1, 0));
        Result again = up(C1, 0);
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("wgns up: " + C1 + " is already up"), again.err());
        assertTrue(ping(C1, Topology.SERVER_TUNNEL));
        ok(Wgns.run("down", C1));
    }

    @Test
    void refusesANamespaceWgnsDidNotMake() throws Exception {
        Sh.ok("ip", "netns", "add", C1);
        Result r = up(C1, 0);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("exists that wgns did not make"), r.err());
        Result d = Wgns.run("down", C1);
        assertEquals(1, d.exit());
        assertTrue(d.err().contains("was not made by wgns"), d.err());
        assertTrue(Files.exists(Path.of("/run/netns/" + C1)), "left alone");
        Sh.ok("ip", "netns", "delete", C1);
    }

    @Test
    void downRefusesWhileAProcessIsInsideAndKillEndsIt() throws Exception {
        ok(up(C1, 0));
        Process p = new ProcessBuilder("ip", "netns", "exec", C1, "sleep", "600").start();
        try {
            Machine.until(() -> !Sh.run("ip", "netns", "pids", C1).out().isBlank(), 2000);
            Result r = Wgns.run("down", C1);
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("1 process still inside " + C1) && r.err().contains("sleep 600")
                    && r.err().contains("--kill"), r.err());
            assertTrue(ping(C1, Topology.SERVER_TUNNEL), "still up");
            ok(Wgns.run("down", C1, "--kill"));
            assertTrue(p.waitFor(Machine.millis(5000), TimeUnit.MILLISECONDS), "the process was ended");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void downOfAnUnknownName() {
        Result r = Wgns.run("down", "wgit-c9");
        assertEquals(1, r.exit());
        assertEquals("wgns down: wgit-c9 is not up\n", r.err());
    }

    @Test
    void aFaultAtEveryCommandOfUpLeavesNothing() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        countCommands(conf); // once before: the first kernel-mode up may load the module, with a command more
        int total = countCommands(conf);
        // Kernel mode: one ip batch in the host, wg setconf inside, one ip batch inside. Userspace has more.
        assertTrue(SuiteMode.kernel() ? total == 3 : total >= 4, SuiteMode.CURRENT.label + " up runs several commands: " + total);
        for (int n = 1; n <= total; n++) {
            Faulting f = new Faulting(n);
            Result r = Wgns.inProcess(f, "up", C1, "-c", conf.toString());
            assertEquals(1, r.exit(), "fault at command " + n + " (" + f.failed + ")\n" + r.err());
            assertTrue(r.err().contains("injected fault"), r.err());
            List<String> left = Leftovers.find();
            assertEquals(List.of(), left, "after a fault at command " + n + ": " + f.failed);
        }
    }

    private static int countCommands(Path conf) {
        AtomicInteger count = new AtomicInteger();
        ProcessRunner real = new ProcessRunner();
        Result r = Wgns.inProcess(c -> {
            count.incrementAndGet();
            return real.run(c);
        }, "up", C1, "-c", conf.toString());
        ok(r);
        int n = count.get();
        ok(Wgns.run("down", C1));
        return n;
    }

    /** Runs every command for real but the nth, which fails as if the program had. Undo runs for real. */
    static final class Faulting implements CommandRunner {
        final int failAt;
        int seen;
        String failed = "";
        final ProcessRunner real = new ProcessRunner();

        Faulting(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Result run(Command c) {
            boolean undo = c.argv().contains("-force");
            if (!undo && ++seen == failAt) {
                failed = String.join(" ", c.argv());
                return Result.fail(1, "injected fault\n");
            }
            return real.run(c);
        }
    }

    @Test
    void twoUpsOfOneNameAtOnceExactlyOneWins() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        // Several rounds: the race between the two is different each time.
        for (int round = 0; round < Machine.rounds(6, 2); round++) {
            CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> Wgns.run("up", C1, "-c", conf.toString()));
            CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> Wgns.run("up", C1, "-c", conf.toString()));
            Result ra = a.get();
            Result rb = b.get();
            String both = "round " + round + "\nA: " + ra.err() + "\nB: " + rb.err();
            assertEquals(1, (ra.exit() == 0 ? 1 : 0) + (rb.exit() == 0 ? 1 : 0), both);
            Result loser = ra.exit() == 0 ? rb : ra;
            assertEquals(1, loser.exit(), both);
            assertTrue(loser.err().contains("another wgns is working on " + C1) || loser.err().contains("is already up"), both);
            assertTrue(ping(C1, Topology.SERVER_TUNNEL), both);
            ok(Wgns.run("down", C1));
            assertEquals(List.of(), Leftovers.find(), both);
        }
    }

    @Test
    void anUpKilledHalfwayIsCleanedUpByTheNextUp() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        for (int delay : new int[] {150, 250, 350, 450}) {
            Process p = new ProcessBuilder(Wgns.command("up", C1, "-c", conf.toString())).redirectErrorStream(true).start();
            Sh.sleep(Machine.millis(delay));
            p.destroyForcibly();
            p.waitFor(Machine.millis(5000), TimeUnit.MILLISECONDS);
            Result r = Wgns.run("up", C1, "-c", conf.toString());
            if (r.exit() != 0) {
                // Killed after it finished: the name is simply up.
                assertTrue(r.err().contains("is already up"), "after a kill at " + delay + " ms: " + r.err());
            }
            assertTrue(ping(C1, Topology.SERVER_TUNNEL), "after a kill at " + delay + " ms");
            ok(Wgns.run("down", C1));
            assertEquals(List.of(), Leftovers.find(), "after a kill at " + delay + " ms");
        }
    }
}
