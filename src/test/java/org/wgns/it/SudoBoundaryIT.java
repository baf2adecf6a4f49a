package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * What a user can get out of root through the sudoers rules admins write: the README's exec-only
 * line and the wider `up *`, `down *`. Every attack runs as a real unprivileged user through real
 * sudo; each would work on a wgns that trusted arguments, paths or names.
 */
class SudoBoundaryIT extends WithTopology {
    static final Path MARKER = Path.of("/run/wgnsit-marker");
    static final Path HOOKS = Path.of("/run/wgnsit-hooks");
    static TestUser user;

    @BeforeAll
    static void userWithWideRules() throws Exception {
        user = TestUser.create("exec *", "up *", "down *");
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        Files.createDirectories(MARKER);
        Files.createDirectories(HOOKS);
        Files.setPosixFilePermissions(HOOKS, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
        Sh.run("rm", "-rf", MARKER.toString(), HOOKS.toString(), "/run/wgnsit-secret");
        CProgram.removeAll();
    }

    @AfterEach
    void nothingOfC2Left() {
        Wgns.run("down", C2, "--kill");
        Wgns.run("down", C2 + ".lock", "--kill");
    }

    /** Client i's config in the user's home, theirs: what they would name with -c. */
    static Path userConfig(int client) throws Exception {
        Path f = TestUser.HOME.resolve("client" + client + ".conf");
        Files.writeString(f, Files.readString(topo.clientConfig(dir, client, "")));
        Sh.ok("chown", TestUser.NAME, f.toString());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    static void noPartOf(String secret, String text, String what) {
        for (int i = 0; i + 5 <= secret.length(); i++) {
            assertFalse(text.contains(secret.substring(i, i + 5)), what + " quotes '" + secret.substring(i, i + 5) + "': " + text);
        }
    }

    static void noShadow(String text) throws Exception {
        for (String line : Files.readAllLines(Path.of("/etc/shadow"))) {
            String[] f = line.split(":");
            assertFalse(text.contains(line) || f.length > 1 && f[1].length() > 3 && text.contains(f[1]), "shadow in: " + text);
        }
    }

    @Test
    void argumentsAreNeverReadAsFiles() throws Exception {
        Result r = user.sudo("exec", C1, "--", "/bin/echo", "@/etc/shadow");
        assertEquals(0, r.exit(), r.err());
        assertEquals("@/etc/shadow\n", r.out());
        r = user.sudo("exec", "@/etc/shadow");
        assertEquals(2, r.exit());
        noShadow(r.err());
        long t0 = System.nanoTime();
        r = user.sudo("exec", C1, "--", "/bin/echo", "@/dev/zero");
        assertEquals("@/dev/zero\n", r.out(), r.err());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "no root JVM spinning on /dev/zero");
        // Through the launcher's own sudo re-invocation, and with options after the command: curl -d @body.json.
        r = user.run(null, java.util.Map.of(), "exec", C1, "sh", "-c", "echo \"$1 $2\"", "x", "-d", "@body.json");
        assertEquals("-d @body.json\n", r.out(), r.err());
    }

    @Test
    void aConfigIsReadAsTheCallerAndNoMessageQuotesIt() throws Exception {
        Result r = user.sudo("up", C2, "-c", "/etc/shadow");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not readable by you"), r.err());
        noShadow(r.err());
        // World-readable, but in a directory the user cannot enter: still not theirs to read.
        Path secret = Path.of("/run/wgnsit-secret");
        Files.createDirectories(secret);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(secret.resolve("x.conf"), "[Interface]\nPrivateKey = SECRETSECRETSECRET\n");
        Files.setPosixFilePermissions(secret.resolve("x.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        r = user.sudo("up", C2, "-c", secret.resolve("x.conf").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().endsWith("no such file, or not one you can reach\n"), r.err());
        // A key file of the user's own, given as a config: the message carries none of the key.
        assertEquals(0, user.sh("umask 077; wg genkey > \"$HOME/key.conf\"").exit());
        Path keyFile = TestUser.HOME.resolve("key.conf");
        String key = Files.readString(keyFile).strip();
        r = user.sudo("up", C2, "-c", keyFile.toString());
        assertEquals(1, r.exit());
        noPartOf(key, r.err(), "through sudo");
        r = Wgns.run("up", C2, "-c", keyFile.toString());
        assertEquals(1, r.exit());
        noPartOf(key, r.err(), "as root");
        assertFalse(Files.exists(Path.of("/run/netns/" + C2)));
    }

    /** The config a hook-running root reads must be the file it judged: not a bind mount in the caller's own namespace. */
    @Test
    void hooksNeverRunFromACallersFileBehindProcRoot() throws Exception {
        Path rootsFile = HOOKS.resolve("hook.conf");
        Files.writeString(rootsFile, Files.readString(topo.clientConfig(dir, 1, "")));
        Files.setPosixFilePermissions(rootsFile, PosixFilePermissions.fromString("rw-r--r--"));
        Path evil = TestUser.HOME.resolve("evil.conf");
        Files.writeString(evil, Files.readString(topo.clientConfig(dir, 1, "PreUp = touch " + MARKER + "/pwned\n")));
        Sh.ok("chown", TestUser.NAME, evil.toString());
        Process ns = new ProcessBuilder("setpriv", "--reuid=" + TestUser.NAME, "--regid=" + TestUser.NAME, "--init-groups", "--",
                "unshare", "-Urm", "sh", "-c", "mount --bind " + evil + " " + rootsFile + " && echo ready && sleep 60")
                .redirectErrorStream(true).start();
        try {
            String ready = new String(ns.getInputStream().readNBytes(6));
            assertEquals("ready\n", ready, "the user made a mount namespace of their own");
            Path through = Path.of("/proc/" + ns.pid() + "/root" + rootsFile);
            assertTrue(Files.readString(through).contains("PreUp"), "the counter-test: that path opens the caller's file");
            Result r = user.sudo("up", C2, "-c", through.toString(), "--run-hooks");
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("--run-hooks refused"), r.err());
            r = Wgns.run("up", C2, "-c", through.toString(), "--run-hooks");
            assertEquals(1, r.exit(), "root itself, given that path, judges the file it opened");
            assertTrue(r.err().contains("is not owned by root"), r.err());
            assertFalse(Files.exists(MARKER.resolve("pwned")), "a hook ran as root");
        } finally {
            ns.destroyForcibly().waitFor();
        }
    }

    /** A symlink swapped between two files all the while: whatever is opened is what is judged. */
    @Test
    void hooksNeverRunFromAFileSwappedInAfterTheCheck() throws Exception {
        Path swap = CProgram.compile("swap", CProgram.SWAP);
        Path rootsFile = HOOKS.resolve("garbled.conf");
        // Root's own file here is not even a config: a hit on it fails fast, so the race is tried often.
        Files.writeString(rootsFile, "not a config\n");
        Path evil = TestUser.HOME.resolve("evil.conf");
        Files.writeString(evil, Files.readString(topo.clientConfig(dir, 1, "PreUp = touch " + MARKER + "/pwned\n")));
        Sh.ok("chown", TestUser.NAME, evil.toString());
        String home = TestUser.HOME.toString();
        assertEquals(0, user.sh("ln -sf " + rootsFile + " " + home + "/c.conf && ln -sf " + evil + " " + home + "/d.conf").exit());
        Process swapper = new ProcessBuilder("setpriv", "--reuid=" + TestUser.NAME, "--regid=" + TestUser.NAME, "--init-groups",
                "--", swap.toString(), home + "/c.conf", home + "/d.conf").start();
        int parsedRoots = 0;
        int refusedCallers = 0;
        try {
            long end = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < end) {
                Result r = Wgns.inProcess(new org.wgns.os.ProcessRunner(), "up", C2, "-c", home + "/c.conf", "--run-hooks");
                assertEquals(1, r.exit(), r.err());
                parsedRoots += r.err().contains("expected 'Key = Value'") ? 1 : 0;
                refusedCallers += r.err().contains("is not owned by root") ? 1 : 0;
            }
            Result r = user.sudo("up", C2, "-c", home + "/c.conf", "--run-hooks");
            assertEquals(1, r.exit());
        } finally {
            swapper.destroyForcibly().waitFor();
        }
        assertTrue(parsedRoots > 0 && refusedCallers > 0, "the race was live: " + parsedRoots + " / " + refusedCallers);
        assertFalse(Files.exists(MARKER.resolve("pwned")), "a hook ran as root");
    }

    @Test
    void underRootsUmask000NothingIsWritableOrTheStateReadableByOthers() throws Exception {
        Path conf = topo.clientConfig(dir, 1, "");
        Sh.ok("sh", "-c", "umask 000; exec " + Wgns.javaBin() + " -XX:-UsePerfData -jar " + Wgns.JAR + " up " + C2 + " -c " + conf);
        for (Path top : List.of(Path.of("/run/wgns"), Path.of("/etc/netns/" + C2))) {
            try (var s = Files.walk(top)) {
                for (Path p : s.toList()) {
                    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                    assertFalse(perms.charAt(4) == 'w' || perms.charAt(7) == 'w', p + " is " + perms);
                }
            }
        }
        Path state = Path.of("/run/wgns/" + C2);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("state"))));
        assertTrue(user.sh("cat /run/wgns/" + C2 + "/state").exit() != 0, "the state holds the hooks down runs");
    }

    @Test
    void aNameLikeALockIsANameAndNobodyElseCanHoldALock() throws Exception {
        Path conf = userConfig(1);
        UpDownIT.ok(user.sudo("up", C2 + ".lock", "-c", conf.toString()));
        UpDownIT.ok(Wgns.run("up", C2, "-c", conf.toString()));
        try (var lock = org.wgns.state.NamespaceLock.acquire(Path.of("/run/wgns"), org.wgns.NamespaceName.of("wgit-c3"))) {
            Result r = user.sh("exec 3</run/wgns/.locks/wgit-c3 && echo opened");
            assertFalse(r.out().contains("opened"), "the user could open (and so lock) a lock file");
        }
        UpDownIT.ok(user.sudo("down", C2 + ".lock"));
        UpDownIT.ok(Wgns.run("down", C2));
    }

    /**
     * A PATH of the caller's never picks root's programs: not through a sudo without
     * secure_path (which hands the caller's PATH over), and not when wgns itself is started with
     * it (the JDK looks a bare name up in its own PATH, not the child's). Every program wgns runs
     * has a look-alike first in that PATH that notes it ran, then runs the real one.
     */
    @Test
    void aCallersPathNeverPicksRootsPrograms() throws Exception {
        Path evil = TestUser.HOME.resolve("evil");
        Path ran = TestUser.HOME.resolve("ran");
        Files.createDirectories(evil);
        Files.writeString(ran, "");
        Sh.ok("chown", "-R", TestUser.NAME, evil.toString(), ran.toString());
        Sh.ok("chmod", "666", ran.toString());
        for (String program : List.of("ip", "wg", "nft", "wireguard-go", "setpriv", "sh", "env", "unshare", "nsenter",
                "systemd-socket-activate", "modprobe", "sysctl", "cat", "kill")) {
            Path p = evil.resolve(program);
            Files.writeString(p, "#!/bin/sh\necho \"$0\" >> " + ran + "\nPATH=" + org.wgns.os.ProcessRunner.SAFE_PATH
                    + "\nexec " + program + " \"$@\"\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path rules = TestUser.SUDOERS;
        String before = Files.readString(rules);
        try {
            Files.writeString(rules, before + "Defaults:" + TestUser.NAME + " !secure_path\n");
            Path conf = userConfig(1);
            String path = "PATH=" + evil + ":" + org.wgns.os.ProcessRunner.SAFE_PATH + " ";
            Result r = user.sh(path + "sudo -n " + user.launcher + " up " + C2 + " -c " + conf + " && "
                    + path + "sudo -n " + user.launcher + " exec " + C1 + " -- true && "
                    + path + "sudo -n " + user.launcher + " down " + C2);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("", Files.readString(ran), "through sudo without secure_path, these ran from the caller's PATH");
            UpDownIT.ok(Wgns.run(java.util.Map.of("PATH", evil + ":" + org.wgns.os.ProcessRunner.SAFE_PATH),
                    "up", C2, "-c", topo.clientConfig(dir, 1, "").toString()));
            UpDownIT.ok(Wgns.run(java.util.Map.of("PATH", evil + ":" + org.wgns.os.ProcessRunner.SAFE_PATH), "down", C2));
            assertEquals("", Files.readString(ran), "started with the caller's PATH, wgns ran these from it");
        } finally {
            Files.writeString(rules, before);
        }
    }
}
