package org.wgns.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import org.wgns.exec.EnvWhitelist;
import org.wgns.exec.NamespaceExec;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Run COMMAND inside namespace NAME, as you; without COMMAND, your login shell.",
                "Options end at the first word after NAME, as with sudo: wgns exec NAME curl -s URL.",
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

    @Option(names = "--isolate", description = {"For a program you do not trust: its own process namespace, no new privileges,",
            "no display, session bus, system bus or sound, a private /tmp, your home read-only."})
    boolean isolate;

    // How a non-root caller's variables survive sudo, which drops most of them. Only whitelisted names are taken.
    @Option(names = "--pass-env", hidden = true, paramLabel = "NAME=VALUE")
    List<String> passEnv = new ArrayList<>();

    @Parameters(index = "1..*", paramLabel = "COMMAND", parameterConsumer = RestIsTheCommand.class,
            description = "The command and its arguments (-- before it is allowed, not needed).")
    List<String> command = new ArrayList<>();

    /** From the first word after NAME on, everything is the command's: `wgns exec vpn curl -s URL`. */
    static final class RestIsTheCommand implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            List<String> list = argSpec.getValue();
            while (!args.isEmpty()) {
                list.add(args.pop());
            }
        }
    }

    @Override
    public Integer call() {
        Map<String, String> passed = new LinkedHashMap<>();
        for (String kv : passEnv) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                passed.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        new NamespaceExec(root.host, root.execPort, Cli.notices(root, "exec"), launcher()).run(new NamespaceExec.Request(ns.name(), user, command, EnvWhitelist.filter(passed),
                root.host.log().verbose(), isolate));
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
