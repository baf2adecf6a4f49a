package org.wgns.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wgns.WgnsException;
import org.wgns.config.Cidr;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.plan.ActionStep;
import org.wgns.plan.IpStep;
import org.wgns.plan.Plan;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.dns.EtcNetns;
import org.wgns.publish.Publish;
import org.wgns.publish.PublishProxy;
import org.wgns.wg.Handshake;
import org.wgns.wg.UserspaceDaemon;

/**
 * The steps of `up`, in wg-quick's order of verbs, each with its undo: built from what was
 * prepared, run by {@link org.wgns.plan.PlanRunner}. Neighbouring ip steps of one namespace end
 * up in one `ip -batch` process.
 */
final class UpPlan {
    /** What was prepared before any change: all of it derived from the request and the host. */
    record Prepared(String tmpName, byte[] setconf, int mtu, String resolvConf, String nsswitch, boolean ipv6,
            List<String> dnsServers) {}

    /** What the steps started, for the state and for their undos; persist writes it to the state at once. */
    static final class Started {
        long daemonPid;
        final List<String> published = new ArrayList<>();
        final java.util.function.Consumer<Started> persist;

        Started(java.util.function.Consumer<Started> persist) {
            this.persist = persist;
        }
    }

    private final Host host;
    private final UpRequest req;
    private final Prepared p;
    private final Mode mode;
    private final boolean linkProbed;
    private final Started started;
    private final Path firewallFile;

    /** @param linkProbed the kernel test already made the link (and holds its undo) */
    UpPlan(Host host, UpRequest req, Prepared p, Mode mode, boolean linkProbed, Started started, Path firewallFile) {
        this.host = host;
        this.req = req;
        this.p = p;
        this.mode = mode;
        this.linkProbed = linkProbed;
        this.started = started;
        this.firewallFile = firewallFile;
    }

    /** The steps, in wg-quick's order of verbs, each with its undo. */
    public Plan build() {
        UserspaceDaemon daemon = new UserspaceDaemon(host);
        String ns = req.name();
        String tmp = p.tmpName();
        String ifc = req.iface();
        Plan plan = new Plan();
        plan.add(IpStep.host("create namespace", List.of("netns add " + ns), List.of("netns delete " + ns)));
        if (req.firewall().enabled()) {
            // Before the tunnel exists: there is never a moment when it is up and unguarded.
            plan.add(IpStep.host("load firewall", List.of("netns exec " + ns + " nft -f " + firewallFile), List.of()));
        }
        hooks(plan, ns, ifc, "PreUp", req.runHooks() ? req.config().iface().hooks().preUp() : List.of());
        if (mode == Mode.KERNEL) {
            if (!linkProbed) {
                plan.add(IpStep.host("create link", List.of("link add " + tmp + " type wireguard"),
                        List.of("link delete dev " + tmp)));
            }
            plan.add(IpStep.host("move link into namespace", List.of("link set dev " + tmp + " netns " + ns), List.of()));
            plan.action("configure link (wg setconf)", () -> setconf(List.of("ip", "netns", "exec", ns)),
                    ActionStep.NOTHING);
            plan.add(IpStep.in(ns, "rename link", List.of("link set dev " + tmp + " name " + ifc)));
            plan.add(IpStep.in(ns, "set MTU", List.of("link set dev " + ifc + " mtu " + p.mtu())));
        } else {
            plan.action("start " + daemon.program(), () -> {
                started.daemonPid = daemon.start(tmp);
                started.persist.accept(started);
            }, () -> daemon.stop(tmp, started.daemonPid));
            plan.action("configure link (wg setconf)", () -> setconf(List.of()), ActionStep.NOTHING);
            // The daemon reads the MTU when it changes, which it only notices in the host namespace.
            plan.add(IpStep.host("set MTU", List.of("link set dev " + tmp + " mtu " + p.mtu()), List.of()));
            plan.add(IpStep.host("move link into namespace", List.of("link set dev " + tmp + " netns " + ns), List.of()));
            plan.add(IpStep.in(ns, "rename link", List.of("link set dev " + tmp + " name " + ifc)));
        }
        List<String> addr = new ArrayList<>();
        for (Cidr c : req.config().iface().addresses()) {
            addr.add("address add " + c + " dev " + ifc);
        }
        plan.add(IpStep.in(ns, "add addresses", addr));
        plan.add(IpStep.in(ns, "bring links up", List.of("link set dev lo up", "link set dev " + ifc + " up")));
        List<String> routes = new ArrayList<>(List.of("route add 0.0.0.0/0 dev " + ifc));
        if (p.ipv6()) {
            routes.add("route add ::/0 dev " + ifc);
        }
        plan.add(IpStep.in(ns, "add default routes", routes));
        plan.action("write /etc/netns/" + ns + " DNS files", () -> writeDns(ns), () -> EtcNetns.removeDnsFiles(host.layout(), ns));
        PublishProxy proxy = new PublishProxy(host);
        for (Publish pub : req.publish()) {
            int slot = req.publish().indexOf(pub);
            plan.action("publish " + pub.hostSide() + " to port " + pub.port(), () -> publish(proxy, ns, pub, slot),
                    () -> {
                        if (slot < started.published.size()) {
                            proxy.stop(ns, started.published.get(slot));
                        }
                    });
        }
        if (req.waitSeconds() > 0) {
            org.wgns.wg.TunnelRef live = new org.wgns.wg.TunnelRef(ns, mode, ifc, tmp);
            plan.action("wait for the first handshake", () -> new Handshake(host, live).await(req.config(), req.waitSeconds()),
                    ActionStep.NOTHING);
        }
        hooks(plan, ns, ifc, "PostUp", req.runHooks() ? req.config().iface().hooks().postUp() : List.of());
        return plan;
    }

    /** Recorded before it starts and again once its pid is known, before it can take a connection. */
    private void publish(PublishProxy proxy, String ns, Publish pub, int slot) {
        started.published.add(PublishProxy.pending(pub));
        started.persist.accept(started);
        started.published.set(slot, proxy.start(ns, pub));
        started.persist.accept(started);
        proxy.awaitListening(started.published.get(slot));
    }

    private void setconf(List<String> prefix) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("wg", "setconf", p.tmpName(), "/dev/stdin"));
        Result r = host.runner().run(new Command(argv, null, false, Map.of(), Command.DEFAULT_TIMEOUT).withSecretInput(p.setconf()));
        if (!r.success()) {
            throw WgnsException.failure(r.reason() + (r.exit() == 127 ? " (install the wireguard-tools package)" : ""));
        }
    }

    private void hooks(Plan plan, String ns, String ifc, String kind, List<String> commands) {
        for (String c : commands) {
            plan.action("run " + kind + " hook", () -> Teardown.hook(host, ns, ifc, c), ActionStep.NOTHING);
        }
    }

    private void writeDns(String ns) {
        Path dir = host.layout().etcNetns(ns);
        try {
            org.wgns.os.SafeFiles.mkdirs(dir, org.wgns.os.SafeFiles.PUBLIC_DIR);
            org.wgns.os.SafeFiles.write(dir.resolve("resolv.conf"), p.resolvConf());
            org.wgns.os.SafeFiles.write(dir.resolve("nsswitch.conf"), p.nsswitch());
        } catch (IOException e) {
            throw WgnsException.failure(e.getMessage());
        }
    }

}
