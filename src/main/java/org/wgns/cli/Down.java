package org.wgns.cli;

import java.util.concurrent.Callable;
import org.wgns.tunnel.TunnelDown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Take down namespace NAME and everything wgns made for it.",
                "The tunnel, the namespace, its DNS files, published ports and state; returns when all is gone.",
                "Refuses while processes run inside, unless --kill."})
public final class Down implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Option(names = "--kill", description = "End processes still inside (TERM, then KILL after 3 s).")
    boolean kill;

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "down " + ns.name());
        new TunnelDown(root.host, Cli.notices(root, "down")).run(ns.name(), kill);
        Cli.out(root).println(ns.name() + " is down");
        return 0;
    }
}
