package org.wgns.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.status.Check;
import org.wgns.status.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Verify that namespace NAME holds what wgns promises; exit 0 if so, else 1.",
                "One line per check: only lo and the tunnel inside, every route via the tunnel, the namespace's",
                "own DNS files, the firewall loaded, the tunnel alive (a handshake in the last 3 minutes, or",
                "one prompted now if it was idle), no stale state; with",
                "--port-forward, the port kept and open; with --reach, each hole listening inside.",
                "For ExecStartPost=, cron and monitors."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Mixin
    JsonMixin json;

    @Override
    public Integer call() {
        Cli.rootOrSudo(root);
        List<Check.Result> results = new Check(root.host).run(ns.name(), root.host.clock().epochSeconds());
        Cli.out(root).print(json.json ? Json.write(Check.json(ns.name().value(), results)) : Check.text(results));
        return Check.passed(results) ? 0 : 1;
    }
}
