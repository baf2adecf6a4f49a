package org.wgns.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.firewall.PortRule;
import org.wgns.policy.OnBehalf;
import org.wgns.publish.Publish;
import org.wgns.reach.Reach;
import org.wgns.state.NamespaceState;
import org.wgns.tunnel.TunnelSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Change published ports, inbound ports, nameservers and holes of NAME while it is up.",
                "The apps inside keep running; every change happens, or none."})
public final class SetCommand implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Option(names = "--publish", paramLabel = "[HOSTADDR:]HOSTPORT:PORT[/tcp]", converter = Converters.Published.class,
            description = "Publish one more port to the host (as up --publish; repeatable).")
    List<Publish> publish = new ArrayList<>();

    @Option(names = "--no-publish", paramLabel = "[HOSTADDR:]HOSTPORT:PORT[/tcp]", converter = Converters.Published.class,
            description = "Stop publishing this port (repeatable).")
    List<Publish> unpublish = new ArrayList<>();

    @Option(names = "--allow-in", paramLabel = "PROTO/PORT", converter = Converters.AllowIn.class,
            description = "Open one more inbound port on the tunnel (repeatable).")
    List<PortRule> allowIn = new ArrayList<>();

    @Option(names = "--no-allow-in", paramLabel = "PROTO/PORT", converter = Converters.AllowIn.class,
            description = "Close an inbound port again (repeatable).")
    List<PortRule> closeIn = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "One more nameserver for the namespace (repeatable).")
    List<InetAddress> dns = new ArrayList<>();

    @Option(names = "--no-dns", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "Remove a nameserver (repeatable).")
    List<InetAddress> noDns = new ArrayList<>();

    @Option(names = "--reach", paramLabel = "[LOCALPORT:]HOST:PORT[/tcp|/udp]", converter = Converters.Reached.class,
            description = "One more hole to a host service (as up --reach; the helper starts again; repeatable).")
    List<Reach> reach = new ArrayList<>();

    @Option(names = "--no-reach", paramLabel = "[LOCALPORT:]HOST:PORT[/tcp|/udp]", converter = Converters.Reached.class,
            description = "Close a hole again (repeatable).")
    List<Reach> noReach = new ArrayList<>();

    @Override
    public Integer call() {
        Cli.requireRoot(root.host, "set " + ns.name());
        publish.forEach(p -> OnBehalf.publish(root.host.caller(), p.hostAddr(), p.hostPort(), p.hostSide()));
        reach.forEach(r -> OnBehalf.reach(root.host.caller(), r.host(), r.port(), r.toString()));
        NamespaceState s = new TunnelSet(root.host, Cli.notices(root, "set")).run(ns.name(),
                new TunnelSet.Changes(publish, unpublish, allowIn, closeIn, dns, noDns, reach, noReach));
        Cli.out(root).println(ns.name() + " changed; wgns show " + ns.name() + " shows it as it is now");
        return s == null ? 1 : 0;
    }
}
