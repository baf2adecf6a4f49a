package org.wgns.cli;

import org.wgns.os.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "wgns",
        description = "Run a WireGuard tunnel alone inside its own network namespace: "
                + "whatever runs there reaches the network through the tunnel or not at all.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {Up.class, Down.class, Exec.class, Show.class, ListNamespaces.class, CheckCommand.class,
                ReresolveCommand.class, SetCommand.class, SyncconfCommand.class, RepairCommand.class, Systemd.class,
                HelperCommand.class,
                picocli.CommandLine.HelpCommand.class, Completion.class},
        footer = {"", "Exit status: 0 success, 1 failure, 2 usage error.",
                "Example: sudo wgns up wireguard && wgns exec wireguard -- firefox"})
public final class Wgns implements Runnable {
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
        String all = String.join(", ", spec.subcommands().values().stream().map(c -> c.getCommandSpec())
                .filter(c -> !c.usageMessage().hidden()).map(c -> c.name()).distinct().toList());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is missing (one of " + all + ")");
    }
}
