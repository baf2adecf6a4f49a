package org.wgns.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wgns.testing.FakeHost;

/** The real command line, in-process: what a user sees on stdout and stderr, and the exit code. */
class MainTest {
    @TempDir
    Path dir;
    FakeHost fake;
    String out;
    String err;

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir).kernelModule().routes();
    }

    int run(String... args) {
        FakeHost.Run r = fake.wgns(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void versionComesFromThePom() {
        assertEquals(0, run("--version"));
        assertTrue(out.matches("wgns \\d+\\.\\d+\\.\\d+.*\\n"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "exec", "show", "list"})
    void helpOnEveryLevel(String cmd) {
        assertEquals(0, run(cmd, "--help"));
        assertTrue(out.startsWith("Usage: wgns " + cmd), out);
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        assertEquals(2, run("upp"));
        assertEquals("wgns: Unmatched argument at index 0: 'upp' (did you mean up?) (see 'wgns --help')\n", err);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("up", "demo", "--bogus"));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("wgns up: Unknown option: '--bogus'"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", ".", "..", ".hidden", "", "name;rm", "0123456789012345678901234567890123456789012345678901234567890123X"})
    void invalidNamespaceNamesAreUsageErrorsBeforeAnythingIsTouched(String name) {
        assertEquals(2, run("up", name));
        assertTrue(err.startsWith("wgns up: invalid namespace name"), err);
        assertEquals(1, err.lines().count());
        assertTrue(fake.runner.commands().isEmpty());
    }

    @Test
    void longestValidNamespaceNameIsAccepted() throws Exception {
        String name = "n".repeat(64);
        Path conf = config("");
        assertEquals(0, run("up", name, "-c", conf.toString()), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wg0 1", "0123456789abcdef", "wg/0", "."})
    void invalidInterfaceNamesAreUsageErrors(String iface) {
        assertEquals(2, run("up", "demo", "-i", iface));
        assertTrue(err.startsWith("wgns up: invalid interface name"), err);
    }

    @Test
    void upAndDownNeedRoot() {
        fake.euid = 1000;
        assertEquals(1, run("up", "demo"));
        assertEquals("wgns up: must be run as root (try: sudo wgns up demo)\n", err);
        assertEquals(1, run("down", "demo"));
        assertEquals("wgns down: must be run as root (try: sudo wgns down demo)\n", err);
        assertTrue(fake.runner.commands().isEmpty());
    }

    @Test
    void aConfigErrorIsOneLineWithFileAndLine() throws Exception {
        Path conf = config("Address = 10.0.0.1/40\n");
        assertEquals(1, run("up", "demo", "-c", conf.toString()));
        assertEquals("wgns up: " + conf + ":3: Address: expected a prefix length of 0 to 32 after '/'\n", err);
        assertTrue(fake.runner.commands().isEmpty());
    }

    @Test
    void configDefaultsToNameConfThenWg0Conf() throws Exception {
        Path wireguard = fake.layout.etc().resolve("wireguard");
        Files.createDirectories(wireguard);
        assertEquals(1, run("up", "demo"));
        assertTrue(err.contains("no config: neither " + wireguard.resolve("demo.conf") + " nor " + wireguard.resolve("wg0.conf")), err);
        Files.copy(config(""), wireguard.resolve("wg0.conf"));
        assertEquals(0, run("up", "demo"), err);
        assertTrue(err.startsWith("wgns up: using config " + wireguard.resolve("wg0.conf")), err);
        assertEquals("demo is up: wg0 10.0.0.2/32 (kernel); run apps with: wgns exec demo -- COMMAND\n", out);
    }

    @Test
    void aReadableConfigIsWarnedAbout() throws Exception {
        Path conf = config("");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, run("up", "demo", "-c", conf.toString()), err);
        assertTrue(err.contains("warning: " + conf + " is readable by others"), err);
    }

    @Test
    void aStepFailureIsOneLineNamingTheStepAndNoStackTrace() throws Exception {
        fake.runner.on(org.wgns.os.Result.fail(1, "RTNETLINK answers: File exists\nCommand failed -:3\n"), "ip -batch -");
        assertEquals(1, run("up", "demo", "-c", config("").toString()));
        assertTrue(err.endsWith("wgns up: create link: RTNETLINK answers: File exists\n"), err);
        assertFalse(err.contains("\tat "));
    }

    @Test
    void verboseShowsCommandsAndTraces() throws Exception {
        fake.runner.on(org.wgns.os.Result.fail(1, "RTNETLINK answers: File exists\nCommand failed -:2\n"), "ip -batch -");
        assertEquals(1, run("-v", "up", "demo", "-c", config("").toString()));
        assertTrue(err.contains("\tat "), "a stack trace with -v");
    }

    @Test
    void completionCompletesNamespaceNamesFromTheLiveList() {
        assertEquals(0, run("completion"));
        assertTrue(out.startsWith(Completion.LIVE_NAMES));
        for (String cmd : new String[] {"down", "exec", "show"}) {
            int start = out.indexOf("function _picocli_wgns_" + cmd + "() {");
            String body = out.substring(start, out.indexOf("\n}\n", start));
            assertTrue(body.contains("local positionals=$(_wgns_namespaces)"), cmd);
        }
        assertTrue(out.contains("'--kill'") && out.contains("'--run-hooks'") && out.contains("'--user'"));
        assertFalse(out.contains("--pass-env"));
    }

    @Test
    void dnsOptionMustBeAnAddress() {
        assertEquals(2, run("up", "demo", "--dns", "dns.example"));
        assertTrue(err.startsWith("wgns up: Invalid value for option '--dns' (ADDR): 'dns.example' is not an IP address"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void runHooksRefusedWhenOthersMayWriteTheConfig() throws Exception {
        Path conf = config("PostUp = echo hi\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals(1, run("up", "demo", "-c", conf.toString(), "--run-hooks"));
        assertTrue(err.contains("--run-hooks refused: "), err);
        assertTrue(fake.runner.commands().isEmpty());
    }

    Path config(String extra) throws Exception {
        Path f = dir.resolve("test.conf");
        Files.writeString(f, "[Interface]\nPrivateKey = " + org.wgns.testing.Keys.PRIVATE + "\n" + extra
                + "Address = 10.0.0.2/32\nDNS = 10.0.0.1\n[Peer]\nPublicKey = " + org.wgns.testing.Keys.PEER
                + "\nAllowedIPs = 0.0.0.0/0\nEndpoint = 198.51.100.2:51820\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    /** picocli would read "@FILE" as the file's lines, as root: every argument must stay literal. */
    @Test
    void atFileArgumentsAreNeverExpanded() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "SECRETLINE\n");
        assertEquals(2, run("exec", "@" + secret));
        assertFalse(err.contains("SECRETLINE"), err);
        assertTrue(err.contains("invalid namespace name '@"), err);
        assertEquals(1, run("up", "@" + secret));
        assertFalse(err.contains("SECRETLINE"), err);
        assertEquals(2, run("up", "@secret"));
        assertEquals(2, run("@" + secret));
        assertFalse(err.contains("SECRETLINE"), err);
    }

    /** However little of the model a call builds, no subcommand reads "@FILE" as a file. */
    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "exec", "show", "list", "check", "reresolve", "systemd", "help", "completion"})
    void noCommandExpandsAtFiles(String cmd) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "SECRETLINE\n");
        run(cmd, "@" + secret);
        assertFalse(out.contains("SECRETLINE") || err.contains("SECRETLINE"), out + err);
        run("-v", cmd, "--", "@" + secret, "@" + secret);
        assertFalse(out.contains("SECRETLINE") || err.contains("SECRETLINE"), out + err);
    }

    @Test
    void watchPrintsJsonLinesOnly() {
        assertEquals(2, run("list", "--watch"));
        assertEquals("wgns list: --watch prints JSON lines: add --json (for a table that refreshes: watch wgns list)\n", err);
        assertEquals(2, run("show", "--json", "--watch=0"));
        assertEquals("wgns show: --watch takes 1 to 3600 seconds\n", err);
        fake.euid = 1000;
        assertEquals(2, run("list", "--watch=5"), "a usage error comes before the root check");
    }

    /** A start builds only the command it runs; help, completion and typos see them all. */
    @Test
    void aCallBuildsOnlyTheCommandItNames() {
        assertEquals(java.util.List.of("up"), java.util.List.copyOf(Main.needed("up", "demo", "--help")));
        assertEquals(java.util.List.of("list"), java.util.List.copyOf(Main.needed("-v", "list", "--json")));
        assertEquals(java.util.List.of(), java.util.List.copyOf(Main.needed("--version")));
        assertEquals(java.util.List.of(), java.util.List.copyOf(Main.needed()));
        for (String[] all : new String[][] {{"--help"}, {"-h"}, {"help", "up"}, {"completion"}, {"upp"}, {"-vh"}, {"@x"}}) {
            assertEquals(Wgns.COMMANDS.keySet(), Main.needed(all), String.join(" ", all));
        }
    }

    /** Wgns.COMMANDS names each class as its own @Command does, and the root's annotation lists none. */
    @Test
    void theCommandTableAgreesWithTheAnnotations() {
        assertEquals(0, Wgns.class.getAnnotation(picocli.CommandLine.Command.class).subcommands().length,
                "subcommands go into Wgns.COMMANDS, where they are built only when called");
        Wgns.COMMANDS.forEach((name, c) -> assertEquals(name, c.getAnnotation(picocli.CommandLine.Command.class).name()));
    }

    /** A command built alone is the same command as in the whole model: its help says so. */
    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "exec", "show", "list", "check", "reresolve", "systemd"})
    void aCommandBuiltAloneIsTheSameCommand(String cmd) {
        String whole = Main.commandLine(fake.host(), new RecordingExec()).getSubcommands().get(cmd).getUsageMessage();
        String alone = Main.commandLine(fake.host(), new RecordingExec(), java.util.List.of(cmd)).getSubcommands().get(cmd)
                .getUsageMessage();
        assertEquals(whole, alone);
        assertEquals(0, run(cmd, "--help"));
        assertEquals(whole, out);
    }

    @Test
    void aNameMayNotLookLikeAnOptionOrAHiddenFile() {
        assertEquals(2, run("up", "--", "-x"));
        assertTrue(err.startsWith("wgns up: invalid namespace name '-x'"), err);
    }

    /** As wg-quick takes it: `wgns up ./vpn.conf` is that config, in a namespace named vpn. */
    @Test
    void aPathInsteadOfANameIsTheConfigAndNamesTheNamespace() throws Exception {
        Path conf = Files.move(config(""), dir.resolve("vpn.conf"));
        assertEquals(0, run("up", conf.toString()), err);
        assertTrue(out.startsWith("vpn is up: wg0"), out);
        assertFalse(err.contains("using config"), err);
        assertEquals(2, run("up", conf.toString(), "-c", conf.toString()));
        assertEquals(2, run("up", dir.resolve("bad name.conf").toString()));
    }

    /** Records what exec would replace wgns with; alice is uid 1000. */
    static final class RecordingExec implements org.wgns.exec.ExecPort {
        java.util.List<String> argv;

        @Override
        public java.util.Optional<org.wgns.os.UserEntry> userById(long uid) {
            return java.util.Optional.of(new org.wgns.os.UserEntry(uid == 0 ? "root" : "alice", uid, uid,
                    uid == 0 ? "/root" : "/home/alice", "/bin/sh"));
        }

        @Override
        public java.util.Optional<org.wgns.os.UserEntry> userByName(String name) {
            return java.util.Optional.empty();
        }

        @Override
        public int execve(String path, java.util.List<String> argv, java.util.Map<String, String> env) {
            this.argv = argv;
            return 2;
        }
    }

    java.util.List<String> execArgv(String... args) throws Exception {
        fake.netnsExists("demo");
        new org.wgns.state.StateStore(fake.layout.stateDir()).write(org.wgns.state.NamespaceState
                .starting(org.wgns.NamespaceName.of("demo"), org.wgns.InterfaceName.of("wg0"), "wgnsabcdef", null, 1, 1).withMode(org.wgns.wg.Mode.USERSPACE).up());
        RecordingExec e = new RecordingExec();
        java.io.StringWriter o = new java.io.StringWriter();
        java.io.StringWriter x = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(o, true), new java.io.PrintWriter(x, true), fake.host(), e, args);
        assertEquals(1, code, x.toString());
        assertTrue(x.toString().contains("cannot run"), x.toString());
        return e.argv;
    }

    /** As with sudo and ip netns exec: the first word after NAME starts the command; its options are its own. */
    @Test
    void execOptionsEndAtTheCommand() throws Exception {
        fake.env.put("SUDO_UID", "1000");
        fake.env.put("SUDO_GID", "1000");
        java.util.List<String> a = execArgv("exec", "demo", "curl", "-s", "--user", "x", "@body.json", "--", "-v");
        assertEquals(java.util.List.of("curl", "-s", "--user", "x", "@body.json", "--", "-v"), a.subList(a.size() - 7, a.size()));
        a = execArgv("exec", "demo", "--", "curl", "-d", "@/etc/shadow");
        assertEquals(java.util.List.of("curl", "-d", "@/etc/shadow"), a.subList(a.size() - 3, a.size()));
        a = execArgv("exec", "demo", "--isolate", "--", "sh");
        assertTrue(a.contains("--no-new-privs") || a.contains("--mount-proc"), a.toString());
    }

    /** -v goes to the error stream wgns was given: every command as wg-quick echoes it, the key never. */
    @Test
    void verboseEchoesEveryCommandToTheGivenStream() throws Exception {
        Path conf = config("");
        assertEquals(0, run("-v", "up", "demo", "-c", conf.toString()), err);
        assertTrue(err.contains("[#] ip -batch -\n[#]     netns add demo"), err);
        assertTrue(err.contains("wg setconf wgns"), err);
        assertTrue(err.contains("(secret input on stdin)"), err);
        assertFalse(err.contains(org.wgns.testing.Keys.PRIVATE), err);
        assertEquals(0, run("up", "other", "-c", conf.toString()), err);
        assertFalse(err.contains("[#]"), "quiet without -v: " + err);
    }

    /** list, show and check for a user who is not root: the same command again through sudo, as exec does. */
    @Test
    void readOnlyCommandsGoThroughSudoForAUser() {
        fake.euid = 1000;
        for (String[] cmd : new String[][] {{"list", "--json"}, {"show", "demo"}, {"check", "demo", "--json"}}) {
            RecordingExec e = new RecordingExec();
            java.io.StringWriter x = new java.io.StringWriter();
            int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(x, true), fake.host(), e, cmd);
            assertEquals(1, code, x.toString());
            assertEquals("sudo", e.argv.get(0));
            assertEquals("--", e.argv.get(1));
            assertEquals(java.util.List.of(cmd), e.argv.subList(e.argv.size() - cmd.length, e.argv.size()));
        }
    }

    /** Every line of every command's help fits an 80-column terminal. */
    @Test
    void helpWrapsAt80Columns() {
        picocli.CommandLine cl = Main.commandLine(fake.host(), new RecordingExec());
        java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>(java.util.List.of(cl));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values().stream().filter(c -> !all.contains(c)).toList());
        }
        assertTrue(all.size() > 12, "every command: " + all.size());
        for (picocli.CommandLine c : all) {
            for (String line : c.getUsageMessage().split("\n")) {
                assertTrue(line.length() <= 80, c.getCommandSpec().qualifiedName() + ": " + line);
            }
        }
    }

    @Test
    void withoutACommandEveryCommandIsNamed() {
        assertEquals(2, run());
        for (String c : java.util.List.of("up", "down", "exec", "show", "list", "check", "reresolve", "set", "syncconf",
                "repair", "systemd")) {
            assertTrue(err.contains(" " + c + ",") || err.contains(" " + c + ")"), c + ": " + err);
        }
        assertFalse(err.contains("completion"), "a hidden command stays hidden: " + err);
    }

    /** Notices and warnings name the command they come from, as errors do. */
    @Test
    void everyMessageSaysWhichCommandSpeaks() throws Exception {
        Path conf = config("Table = off\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, run("up", "demo", "-c", conf.toString()), err);
        assertFalse(err.isEmpty());
        for (String line : err.split("\n")) {
            assertTrue(line.startsWith("wgns up: "), line);
        }
        assertTrue(err.contains("wgns up: warning: "), err);
    }
}
