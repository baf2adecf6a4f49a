package org.wgns.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wgns.WgnsException;
import org.wgns.exec.EnvWhitelist;
import org.wgns.exec.NamespaceExec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run COMMAND inside namespace NAME, as you.",
                "Through sudo: as the user who ran sudo, with your groups and a fixed list of your variables",
                "(DISPLAY, WAYLAND_DISPLAY, XAUTHORITY, XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS, PULSE_*,",
                "TERM, LANG, LC_*, TZ). Not root? wgns runs itself through sudo. The command replaces wgns:",
                "its exit status is yours (127: command not found)."})
public final class Exec implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Option(names = "--user", paramLabel = "USER", description = "Run as USER (only when you really are root, not through sudo).")
    String user;

    // How a non-root caller's variables survive sudo, which drops most of them. Only whitelisted names are taken.
    @Option(names = "--pass-env", hidden = true, paramLabel = "NAME=VALUE")
    List<String> passEnv = new ArrayList<>();

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        Map<String, String> passed = new LinkedHashMap<>();
        for (String kv : passEnv) {
            int eq = kv.indexOf('=');
            if (eq > 0 && EnvWhitelist.allowed(kv.substring(0, eq))) {
                passed.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (command.isEmpty()) {
            throw WgnsException.usage("no command given (wgns exec " + ns.name() + " -- COMMAND [ARGS...])");
        }
        var err = Cli.err(root);
        new NamespaceExec(root.host, root.execPort, n -> {
            err.println("wgns: " + n);
            err.flush();
        }, launcher()).run(new NamespaceExec.Request(ns.name(), user, command, passed, org.wgns.os.Log.verbose()));
        return 0;
    }

    /** The installed launcher (set by it), else this very JVM and jar. */
    static List<String> launcher() {
        String l = System.getProperty("wgns.launcher");
        if (l != null && !l.isEmpty()) {
            return List.of(l);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        return List.of(java, "-XX:-UsePerfData", "-cp", Path.of(cp).toAbsolutePath().toString(), Main.class.getName());
    }
}
