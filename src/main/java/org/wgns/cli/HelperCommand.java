package org.wgns.cli;

import java.util.concurrent.Callable;
import org.wgns.daemon.HelperDaemon;
import org.wgns.policy.OnBehalf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The namespace's helper process, started by `up --port-forward` or `--reach`; not for users (hidden). */
@Command(name = "helper", hidden = true, description = "Internal: the helper process of namespace NAME (started by up).")
public final class HelperCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "up " + ns.name());
        OnBehalf.helper(root.host.caller());
        new HelperDaemon(root.host).run(ns.name());
        return 0;
    }
}
