package org.wgns.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.tunnel.Repair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Find what is wrong with NAME and fix it in place; the apps inside keep running.",
                "A link that is gone (a dead userspace daemon) is made again and moved into the same namespace,",
                "routes last: the kill switch holds throughout. The firewall and DNS files are put back, a stale",
                "handshake is asked for. Exit 0 when all is well after (or was already), 1 otherwise."})
public final class RepairCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "repair " + ns.name());
        List<String> fixed = new Repair(root.host, Cli.notices(root, "repair"), Up::tmpName).run(ns.name());
        var out = Cli.out(root);
        if (fixed.isEmpty()) {
            out.println("nothing to repair: " + ns.name() + " is healthy");
        }
        fixed.forEach(f -> out.println("repaired " + f));
        return 0;
    }
}
