package org.wgns.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.WgnsException;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;

class NamespaceExecTest {
    @TempDir
    Path dir;
    FakeHost fake;
    FakeExec port = new FakeExec();
    List<String> notices = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir);
        fake.netnsExists("demo");
        new StateStore(fake.layout.stateDir()).write(
                NamespaceState.starting(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), "wgnsabcdef", null, 1, 1).withMode(Mode.USERSPACE).up());
        fake.env.putAll(Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/alice/.Xauthority", "LD_PRELOAD", "/tmp/evil.so",
                "PATH", "/home/alice/bin:/usr/bin", "USER", "mallory", "LC_TIME", "de_DE.UTF-8", "LANG", "en_US.UTF-8",
                "JAVA_TOOL_OPTIONS", "-javaagent:x", "SUDO_UID", "1000", "SUDO_GID", "1000"));
    }

    ExecSpec exec(String user, String... command) {
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("/usr/local/bin/wgns"));
        WgnsException ex = assertThrows(WgnsException.class,
                () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), user, List.of(command), Map.of(), false)));
        assertTrue(ex.getMessage().startsWith("cannot run"), ex.getMessage());
        return port.executed;
    }

    /** The app's environment: the NAME=VALUE arguments of `env -i`, which runs as the user. */
    static Map<String, String> appEnv(ExecSpec s) {
        Map<String, String> env = new java.util.TreeMap<>();
        int i = s.argv().indexOf("-i") + 1;
        assertTrue(s.argv().get(i - 2).endsWith("/env"), s.argv().toString());
        for (; s.argv().get(i).contains("=") && !s.argv().get(i).startsWith("/"); i++) {
            String kv = s.argv().get(i);
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return env;
    }

    @Test
    void throughSudoTheAppRunsAsTheSudoUserWithTheirGroups() {
        ExecSpec s = exec(null, "id", "-a");
        assertTrue(s.path().endsWith("/ip"), s.path());
        assertEquals(s.path(), s.argv().get(0));
        List<String> argv = s.argv();
        assertEquals(List.of("netns", "exec", "demo", "/bin/sh", "-c", ExecChain.HIDE_HOST_RESOLVERS, "wgns-exec"), argv.subList(1, 8));
        assertTrue(argv.get(8).endsWith("setpriv"));
        assertEquals(List.of("--reuid=1000", "--regid=1000", "--init-groups", "--"), argv.subList(9, 13));
        assertTrue(argv.get(13).endsWith("/env"));
        assertEquals("-i", argv.get(14));
        assertEquals(List.of("id", "-a"), argv.subList(argv.size() - 2, argv.size()), "the command as given, found as the user");
    }

    /** The root steps see a fixed environment; the caller's variables reach only the app, as arguments of env. */
    @Test
    void theRootChainHasAFixedEnvironmentAndTheAppTheWhitelistPlusTheUsersOwnIdentity() {
        ExecSpec s = exec(null, "id");
        assertEquals(Map.of("PATH", EnvWhitelist.SAFE_PATH, "LC_ALL", "C"), s.env());
        assertEquals(Map.of("DISPLAY", ":0", "XAUTHORITY", "/home/alice/.Xauthority", "LC_TIME", "de_DE.UTF-8",
                "LANG", "en_US.UTF-8", "PATH", EnvWhitelist.SAFE_PATH, "HOME", "/home/alice", "USER", "alice",
                "LOGNAME", "alice", "SHELL", "/bin/zsh"), appEnv(s));
    }

    /** sudo drops LANGUAGE=../x and TZ=../x (they name files to load); what wgns hands back through sudo must not carry them either. */
    @Test
    void valuesSudoWouldDropAreDroppedHereToo() {
        Map<String, String> passed = Map.of("LANGUAGE", "../../../tmp/x", "TZ", "../../tmp/zone", "LC_MESSAGES", "%n%n",
                "TERM", "xterm-256color", "LANG", "de_DE.UTF-8", "DISPLAY", ":0\nLD_PRELOAD=/tmp/x.so");
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        assertThrows(WgnsException.class, () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null, List.of("id"),
                EnvWhitelist.filter(passed), false)));
        Map<String, String> env = appEnv(port.executed);
        assertEquals("xterm-256color", env.get("TERM"));
        assertEquals("de_DE.UTF-8", env.get("LANG"));
        for (String gone : List.of("LANGUAGE", "TZ", "LC_MESSAGES")) {
            assertFalse(env.containsKey(gone), gone);
        }
        assertEquals(":0", env.get("DISPLAY"), "the caller's own DISPLAY; the one with a newline was dropped");
        assertTrue(EnvWhitelist.safeValue("TZ", "Europe/Berlin"));
        assertTrue(EnvWhitelist.safeValue("TZ", ":/usr/share/zoneinfo/UTC"));
        assertFalse(EnvWhitelist.safeValue("TZ", "/etc/shadow"));
        assertFalse(EnvWhitelist.safeValue("TZ", "/usr/share/zoneinfo/../../../etc/shadow"));
        assertFalse(EnvWhitelist.safeValue("DISPLAY", "() { :; }; evil"));
    }

    @Test
    void rootWithoutSudoStaysRoot() {
        fake.env.remove("SUDO_UID");
        fake.env.remove("SUDO_GID");
        ExecSpec s = exec(null, "id");
        assertFalse(s.argv().stream().anyMatch(a -> a.endsWith("setpriv")));
        assertEquals("root", appEnv(s).get("USER"));
    }

    @Test
    void realRootMayChooseAUser() {
        fake.env.remove("SUDO_UID");
        ExecSpec s = exec("bob", "id");
        assertTrue(s.argv().contains("--reuid=1001"));
        assertEquals("/home/bob", appEnv(s).get("HOME"));
    }

    @Test
    void withoutACommandTheUsersLoginShell() {
        ExecSpec s = exec(null);
        assertEquals(List.of("/bin/zsh", "-l"), s.argv().subList(s.argv().size() - 2, s.argv().size()));
    }

    /** A command with '=' would be taken by env for one more variable. */
    @Test
    void aCommandWithAnEqualsSignIsStillACommand() {
        ExecSpec s = exec(null, "/opt/a=b/tool", "x");
        List<String> tail = s.argv().subList(s.argv().size() - 6, s.argv().size());
        assertEquals(List.of("/bin/sh", "-c", "exec \"$@\"", "wgns-exec", "/opt/a=b/tool", "x"), tail);
    }

    @Test
    void isolateAddsAPidNamespaceNoNewPrivsAndASecondForkAndLeavesTheDesktopOut() {
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        fake.env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus");
        assertThrows(WgnsException.class, () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null, List.of("curl", "-s"), Map.of(),
                false, true)));
        List<String> argv = port.executed.argv();
        assertTrue(argv.get(4).endsWith("/unshare"), argv.toString());
        assertEquals(List.of("--pid", "--fork", "--kill-child", "--mount-proc", "/bin/sh", "-c", ExecChain.ISOLATE, "wgns-exec",
                "1000", "1000", "/home/alice"), argv.subList(5, 16));
        assertTrue(argv.contains("--no-new-privs"));
        int u = argv.lastIndexOf("--fork");
        assertTrue(argv.get(u - 1).endsWith("/unshare") && u > argv.indexOf("-i"), "the second fork runs as the user");
        Map<String, String> env = appEnv(port.executed);
        for (String gone : List.of("DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS")) {
            assertFalse(env.containsKey(gone), gone);
        }
        assertEquals("/run/user/1000", env.get("XDG_RUNTIME_DIR"));
        fake.env.remove("SUDO_UID");
        fake.env.remove("SUDO_GID");
        WgnsException asRoot = assertThrows(WgnsException.class, () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null,
                List.of("id"), Map.of(), false, true)));
        assertTrue(asRoot.getMessage().startsWith("--isolate runs the command as a user"), asRoot.getMessage());
    }

    @Test
    void aSudoCallerNamingAnotherUserIsRefused() {
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        WgnsException ex = assertThrows(WgnsException.class,
                () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), "bob", List.of("id"), Map.of(), false)));
        assertEquals("--user bob refused: through sudo the command runs as alice", ex.getMessage());
        assertEquals(null, port.executed);
    }

    @Test
    void commandNotFoundIs127() {
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        WgnsException ex = assertThrows(WgnsException.class,
                () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null, List.of("no-such-command-xyz"), Map.of(), false)));
        assertEquals(127, ex.exitCode());
        assertEquals("no-such-command-xyz: command not found", ex.getMessage());
    }

    @Test
    void unknownAndForeignNamespaces() {
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        WgnsException unknown = assertThrows(WgnsException.class,
                () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("other"), null, List.of("id"), Map.of(), false)));
        assertEquals("no namespace other (start it with: sudo wgns up other)", unknown.getMessage());
        fake.netnsExists("foreign");
        WgnsException foreign = assertThrows(WgnsException.class,
                () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("foreign"), null, List.of("id"), Map.of(), false)));
        assertEquals("namespace foreign was not made by wgns", foreign.getMessage());
    }

    @Test
    void aCallerWhoIsNotRootGoesThroughSudoWithTheWhitelistedVariablesAsArguments() {
        fake.euid = 1000;
        fake.env.remove("SUDO_UID");
        ExecSpec s = exec(null, "firefox", "--private-window");
        assertTrue(s.path().endsWith("/sudo"));
        assertEquals(List.of("sudo", "--", "/usr/local/bin/wgns", "exec", "--pass-env", "DISPLAY=:0", "--pass-env",
                "LANG=en_US.UTF-8", "--pass-env", "LC_TIME=de_DE.UTF-8", "--pass-env", "XAUTHORITY=/home/alice/.Xauthority",
                "demo", "--", "firefox", "--private-window"), s.argv());
    }

    @Test
    void passedVariablesCountOnlyThroughSudo() {
        Map<String, String> passed = new HashMap<>(Map.of("WAYLAND_DISPLAY", "wayland-0"));
        NamespaceExec e = new NamespaceExec(fake.host(), port, notices::add, List.of("wgns"));
        assertThrows(WgnsException.class, () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null, List.of("id"), passed, false)));
        assertEquals("wayland-0", appEnv(port.executed).get("WAYLAND_DISPLAY"));
        fake.env.remove("SUDO_UID");
        assertThrows(WgnsException.class, () -> e.run(new NamespaceExec.Request(org.wgns.NamespaceName.of("demo"), null, List.of("id"), passed, false)));
        assertEquals(null, appEnv(port.executed).get("WAYLAND_DISPLAY"));
    }

    /** A process in the fake /proc: its command line, owner and network namespace. */
    void process(long pid, long uid, String netns, String... argv) throws Exception {
        java.nio.file.Path p = fake.layout.proc().resolve(Long.toString(pid));
        fake.write(p.resolve("cmdline"), String.join("\0", argv) + "\0");
        fake.write(p.resolve("status"), "Name:\tx\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
        fake.write(p.resolve("stat"), pid + " (x) S 1");
        java.nio.file.Files.createDirectories(p.resolve("ns"));
        java.nio.file.Files.createSymbolicLink(p.resolve("ns/net"), java.nio.file.Path.of(netns));
    }

    @Test
    void warnsWhenTheSameUsersBrowserRunsOutsideAndSaysHowToAvoidIt() throws Exception {
        process(4242, 1000, "net:[4026531840]", "/usr/lib/firefox-esr/firefox-esr", "-contentproc");
        exec(null, "sh", "-c", "true");
        assertTrue(notices.isEmpty(), "not a browser: no warning");
        java.nio.file.Path firefox = dir.resolve("bin/firefox");
        fake.write(firefox, "#!/bin/sh\n");
        firefox.toFile().setExecutable(true);
        exec(null, firefox.toString());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("warning: firefox-esr (pid 4242) already runs outside the namespace;"), notices.get(0));
        assertTrue(notices.get(0).endsWith("--no-remote -P PROFILE"), notices.get(0));
        notices.clear();
        exec(null, firefox.toString(), "--no-remote", "-P", "vpn");
        assertTrue(notices.isEmpty(), "a separate instance: no warning");
    }

    @Test
    void noWarningForAnotherUsersBrowser() throws Exception {
        process(4243, 1001, "net:[4026531840]", "/usr/bin/chromium");
        java.nio.file.Path chromium = dir.resolve("bin/chromium");
        fake.write(chromium, "#!/bin/sh\n");
        chromium.toFile().setExecutable(true);
        exec(null, chromium.toString());
        assertTrue(notices.isEmpty(), notices.toString());
    }

    @Test
    void whitelist() {
        assertTrue(EnvWhitelist.allowed("LC_ALL"));
        assertTrue(EnvWhitelist.allowed("DBUS_SESSION_BUS_ADDRESS"));
        for (String bad : List.of("LD_PRELOAD", "LD_LIBRARY_PATH", "PATH", "USER", "HOME", "JAVA_TOOL_OPTIONS", "LC_", "LCX", "SUDO_UID")) {
            assertFalse(EnvWhitelist.allowed(bad), bad);
        }
    }
}
