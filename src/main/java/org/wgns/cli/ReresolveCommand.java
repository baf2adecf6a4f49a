package org.wgns.cli;

import java.util.concurrent.Callable;
import org.wgns.tunnel.Reresolve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "reresolve", mixinStandardHelpOptions = true,
        description = {"Re-resolve the endpoint names of NAME's peers whose handshake is stale.",
                "Stale: older than 135 s. Peers whose name now resolves elsewhere are pointed at the new",
                "address: after a suspend, or when a dynamic-IP server moved. wgns-reresolve@NAME.timer",
                "runs it every 30 seconds."})
public final class ReresolveCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "reresolve " + ns.name());
        var out = Cli.out(root);
        new Reresolve(root.host, out::println).run(ns.name(), root.host.clock().epochSeconds());
        return 0;
    }
}
