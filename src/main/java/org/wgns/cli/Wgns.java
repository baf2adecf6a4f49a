package org.wgns.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wgns.os.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command. Its subcommands are not in {@code @Command(subcommands = ...)}: picocli would
 * build the model of every one of them on each start (about half of a call's time). They are in
 * {@link #COMMANDS}, and {@link Main} registers only the one a call names.
 */
@Command(name = "wgns",
        description = "Run a WireGuard tunnel alone inside its own network namespace: "
                + "whatever runs there reaches the network through the tunnel or not at all.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        footer = {"", "Exit status: 0 success, 1 failure, 2 usage error.",
                "Example: sudo wgns up wireguard && wgns exec wireguard -- firefox"})
public final class Wgns implements Runnable {
    /**
     * Every subcommand by the name its {@code @Command} gives it (a unit test holds the two
     * equal; reading the annotations here would cost what laziness saves), in help's order.
     * New commands go here.
     */
    static final Map<String, Class<?>> COMMANDS = commands(
            "up", Up.class, "down", Down.class, "exec", Exec.class, "show", Show.class, "list", ListNamespaces.class,
            "check", CheckCommand.class, "reresolve", ReresolveCommand.class, "set", SetCommand.class,
            "syncconf", SyncconfCommand.class, "repair", RepairCommand.class, "systemd", Systemd.class,
            "helper", HelperCommand.class, "help", picocli.CommandLine.HelpCommand.class, "completion", Completion.class);

    final Host host;
    final org.wgns.exec.ExecPort execPort;

    @Mixin
    VerboseMixin verbose;

    public Wgns(Host host, org.wgns.exec.ExecPort execPort) {
        this.host = host;
        this.execPort = execPort;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // From the table, not the model: a call with no command has none of them built.
        String all = String.join(", ", COMMANDS.entrySet().stream().filter(e -> !e.getValue().getAnnotation(Command.class).hidden())
                .map(Map.Entry::getKey).toList());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is missing (one of " + all + ")");
    }

    private static Map<String, Class<?>> commands(Object... nameThenClass) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            out.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
