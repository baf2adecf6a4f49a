package org.wgns.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wgns.tunnel.TunnelSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "syncconf", mixinStandardHelpOptions = true,
        description = {"Apply a changed config to NAME while it is up, as wg syncconf does, addresses and DNS too.",
                "Peers, keys, endpoints and allowed IPs change without a new handshake for unchanged peers;",
                "the apps inside keep running. Config: --config, else the one NAME came up with."})
public final class SyncconfCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The wg-quick config to apply.")
    Path config;

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "syncconf " + ns.name());
        new TunnelSync(root.host, Cli.notices(root, "syncconf")).run(ns.name(), config);
        Cli.out(root).println(ns.name() + " now runs " + (config != null ? config : "its config") + "; apps kept running");
        return 0;
    }
}
