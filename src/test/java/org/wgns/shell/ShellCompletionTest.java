package org.wgns.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.testing.FakeHost;

/**
 * The zsh and fish scripts `wgns completion zsh|fish` prints (the .deb ships them). Whether the
 * shells really load them and complete live names is checked in a fresh Debian root by
 * scripts/package-test.sh; here: what they offer, and their syntax when the shell is installed.
 */
class ShellCompletionTest {
    static final List<String> NAMESPACE_COMMANDS = List.of("down", "exec", "show", "check", "reresolve");

    @TempDir
    Path dir;

    String completion(String shell) {
        FakeHost.Run r = new FakeHost(dir).wgns("completion", shell);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void zshCompletesCommandsOptionsNamespacesAndConfigs() {
        String s = completion("zsh");
        assertTrue(s.startsWith("#compdef wgns\n"));
        for (String cmd : NAMESPACE_COMMANDS) {
            assertTrue(body(s, "_wgns_" + cmd + "() {").contains("'1:NAME:_wgns_namespaces'")
                    || body(s, "_wgns_" + cmd + "() {").contains("'1::NAME:_wgns_namespaces'"), cmd);
        }
        assertTrue(body(s, "_wgns_up() {").contains("'1:NAME:_wgns_configs'"));
        assertTrue(body(s, "_wgns_up() {").contains("'(-c --config)--config=[wg-quick config file]:FILE:_files'"));
        assertTrue(body(s, "_wgns_systemd_attach() {").contains("_wgns_namespaces"));
        assertTrue(body(s, "_wgns_exec() {").contains("_normal"), "the command after NAME completes as a command");
        assertTrue(s.contains("'up:Create namespace NAME"));
        assertTrue(s.contains("names=(/run/wgns/*(N/:t))") && s.contains("${names:#.*}"), "never the .locks directory");
        assertTrue(s.contains("confs=(/etc/wireguard/*.conf(N:t:r))"));
        assertFalse(s.contains("_wgns_completion"), "hidden commands stay hidden");
        assertFalse(s.contains("--pass-env"), "hidden options stay hidden");
        syntax("zsh", s, "-n");
    }

    @Test
    void fishCompletesCommandsOptionsNamespacesAndConfigs() {
        String s = completion("fish");
        for (String cmd : NAMESPACE_COMMANDS) {
            assertTrue(s.contains("complete -c wgns -n '__wgns_at \"" + cmd + "\" 0' -a '(__wgns_namespaces)'"), cmd);
        }
        assertTrue(s.contains("complete -c wgns -n '__wgns_at \"up\" 0' -a '(__wgns_configs)'"));
        assertTrue(s.contains("complete -c wgns -n '__wgns_at \"up\"' -s c -l config -r -F"));
        assertTrue(s.contains("complete -c wgns -n '__wgns_at \"\" 0' -a up -d 'Create namespace NAME"));
        assertTrue(s.contains("complete -c wgns -n '__wgns_at \"systemd attach\" 0' -a '(__wgns_namespaces)'"));
        assertTrue(s.contains("complete -c wgns -n '__wgns_at \"exec\" 1' -a '(__fish_complete_command)'"));
        assertTrue(s.contains("string match -v -- '.*'"), "never the .locks directory");
        assertTrue(s.contains("printf '%s\\n' -c --config -i --interface"), "values of options are no positionals");
        assertFalse(s.contains("-a completion"));
        assertFalse(s.contains("pass-env"));
        syntax("fish", s, "--no-execute");
    }

    @Test
    void bashListsNoDotDirectoryEvenWithDotglob() {
        assertTrue(completion("bash").contains("for d in /run/wgns/[!.]*/"));
    }

    @Test
    void hintsAreWholeFirstSentences() {
        assertEquals("Run as USER", Completes.summary(new String[] {"Run as USER.", "Only as real root."}));
        assertEquals("For a program you do not trust: its own namespace",
                Completes.summary(new String[] {"For a program you do not trust:", "its own namespace. No more."}));
        assertEquals("Open a port, e.g. tcp/80 (repeatable)", Completes.summary(new String[] {"Open a port, e.g. tcp/80 (repeatable)."}));
        assertEquals("", Completes.summary(new String[0]));
    }

    @Test
    void anotherShellIsAUsageError() {
        FakeHost.Run r = new FakeHost(dir).wgns("completion", "tcsh");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no completion for shell tcsh (bash, zsh or fish)"), r.err());
    }

    private static String body(String script, String head) {
        int start = script.indexOf(head);
        assertTrue(start >= 0, head);
        return script.substring(start, script.indexOf("\n}\n", start));
    }

    private void syntax(String shell, String script, String flag) {
        Path bin = Path.of("/usr/bin", shell);
        if (!Files.isExecutable(bin)) {
            return; // package-test.sh loads the script for real, in a Debian root that has the shell
        }
        try {
            Path f = dir.resolve("script." + shell);
            Files.writeString(f, script);
            Process p = new ProcessBuilder(bin.toString(), flag, f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
