package org.wgns.tunnel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.Cidr;
import org.wgns.os.Command;
import org.wgns.helper.Helper;
import org.wgns.os.Host;
import org.wgns.os.OwnedProcess;
import org.wgns.os.Result;
import org.wgns.os.SafeFiles;
import org.wgns.plan.IpStep;
import org.wgns.plan.Plan;
import org.wgns.publish.Publish;
import org.wgns.publish.PublishProxy;
import org.wgns.publish.PublishedPort;
import org.wgns.state.StateStore;
import org.wgns.wg.Handshake;
import org.wgns.wg.Mode;
import org.wgns.wg.TunnelRef;
import org.wgns.wg.UserspaceDaemon;

/**
 * The steps of `up`, in wg-quick's order of verbs, each with its undo from {@link Undos}: built
 * from what was prepared, run by {@link org.wgns.plan.PlanRunner}. Neighbouring ip steps of one
 * namespace end up in one `ip -batch` process.
 */
final class UpPlan {
    /** What was prepared before any change: all of it derived from the request and the host. */
    record Prepared(String tmpName, byte[] setconf, int mtu, String resolvConf, String nsswitch, boolean ipv6,
            org.wgns.dns.DnsFiles.Choice dns) {}

    /** What the steps started, for the state and for their undos; persist writes it to the state at once. */
    static final class Started {
        long daemonPid;
        /** Null until the helper is about to start. */
        OwnedProcess helper;
        final List<PublishedPort> published = new ArrayList<>();
        final Consumer<Started> persist;

        Started(Consumer<Started> persist) {
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
    private final NamespaceName ns;
    private final InterfaceName ifc;
    private final String tmp;

    /** @param linkProbed the kernel test already made the link (and holds its undo) */
    UpPlan(Host host, UpRequest req, Prepared p, Mode mode, boolean linkProbed, Started started, Path firewallFile) {
        this.host = host;
        this.req = req;
        this.p = p;
        this.mode = mode;
        this.linkProbed = linkProbed;
        this.started = started;
        this.firewallFile = firewallFile;
        this.ns = req.name();
        this.ifc = req.iface();
        this.tmp = p.tmpName();
    }

    /** The steps, in wg-quick's order of verbs, each with its undo. */
    Plan build() {
        Plan plan = new Plan();
        namespace(plan);
        hooks(plan, "PreUp", req.runHooks() ? req.config().iface().hooks().preUp() : List.of());
        if (mode == Mode.KERNEL) {
            kernelLink(plan);
        } else {
            userspaceLink(plan);
        }
        addressesAndRoutes(plan);
        plan.action("write /etc/netns/" + ns + " DNS files", this::writeDns, Undos.removeDnsFiles(host, ns));
        publish(plan);
        helper(plan);
        if (req.waitSeconds() > 0) {
            TunnelRef live = new TunnelRef(ns.value(), mode, ifc.value(), tmp);
            plan.action("wait for the first handshake", () -> new Handshake(host, live).await(req.config(), req.waitSeconds()));
        }
        hooks(plan, "PostUp", req.runHooks() ? req.config().iface().hooks().postUp() : List.of());
        return plan;
    }

    /**
     * Only the link, for `repair`: born in the host, configured, moved into the namespace that is
     * already there (its apps keep running), addresses and routes last — until then there is no
     * route, so the kill switch holds throughout.
     */
    Plan linkOnly() {
        Plan plan = new Plan();
        if (mode == Mode.KERNEL) {
            kernelLink(plan);
        } else {
            userspaceLink(plan);
        }
        addressesAndRoutes(plan);
        return plan;
    }

    /** The namespace, and its firewall before any tunnel exists: never a moment up and unguarded. */
    private void namespace(Plan plan) {
        if (req.firewall().enabled()) {
            plan.action("write firewall rules", () -> write(firewallFile,
                    req.firewall().ruleset(ifc.value(), req.portForward() != null), SafeFiles.PRIVATE),
                    Undos.removeFirewallRules(firewallFile));
        }
        plan.add(IpStep.host("create namespace", List.of("netns add " + ns), List.of(Undos.deleteNamespace(ns))));
        if (req.firewall().enabled()) {
            plan.add(IpStep.host("load firewall", List.of("netns exec " + ns + " nft -f " + firewallFile), List.of()));
        }
    }

    private void kernelLink(Plan plan) {
        if (!linkProbed) {
            plan.add(IpStep.host("create link", List.of("link add " + tmp + " type wireguard"),
                    List.of(Undos.deleteHostLink(tmp))));
        }
        plan.add(IpStep.host("move link into namespace", List.of("link set dev " + tmp + " netns " + ns),
                List.of(Undos.deleteLinkInside(ns, tmp))));
        plan.action("configure link (wg setconf)", () -> setconf(List.of("ip", "netns", "exec", ns.value())));
        plan.add(IpStep.in(ns.value(), "rename link", List.of("link set dev " + tmp + " name " + ifc),
                List.of(Undos.deleteLinkInside(ns, ifc.value()))));
        plan.add(IpStep.in(ns.value(), "set MTU", List.of("link set dev " + ifc + " mtu " + p.mtu())));
    }

    private void userspaceLink(Plan plan) {
        UserspaceDaemon daemon = new UserspaceDaemon(host);
        plan.action("start " + daemon.program(), () -> {
            started.daemonPid = daemon.start(tmp);
            started.persist.accept(started);
        }, Undos.deleteHostLink(tmp), Undos.stopDaemon(host, tmp, () -> started.daemonPid));
        plan.action("configure link (wg setconf)", () -> setconf(List.of()));
        // The daemon reads the MTU when it changes, which it only notices in the host namespace.
        plan.add(IpStep.host("set MTU", List.of("link set dev " + tmp + " mtu " + p.mtu()), List.of()));
        plan.add(IpStep.host("move link into namespace", List.of("link set dev " + tmp + " netns " + ns),
                List.of(Undos.deleteLinkInside(ns, tmp))));
        plan.add(IpStep.in(ns.value(), "rename link", List.of("link set dev " + tmp + " name " + ifc),
                List.of(Undos.deleteLinkInside(ns, ifc.value()))));
    }

    /** Inside, on the link: they go with it. */
    private void addressesAndRoutes(Plan plan) {
        List<String> addr = new ArrayList<>();
        for (Cidr c : req.config().iface().addresses()) {
            addr.add("address add " + c + " dev " + ifc);
        }
        plan.add(IpStep.in(ns.value(), "add addresses", addr));
        plan.add(IpStep.in(ns.value(), "bring links up", List.of("link set dev lo up", "link set dev " + ifc + " up")));
        List<String> routes = new ArrayList<>(List.of("route add 0.0.0.0/0 dev " + ifc));
        if (p.ipv6()) {
            routes.add("route add ::/0 dev " + ifc);
        }
        plan.add(IpStep.in(ns.value(), "add default routes", routes));
    }

    private void publish(Plan plan) {
        PublishProxy proxy = new PublishProxy(host);
        for (int i = 0; i < req.publish().size(); i++) {
            Publish pub = req.publish().get(i);
            int slot = i;
            plan.action("publish " + pub.hostSide() + " to port " + pub.port(), () -> startProxy(proxy, pub, slot),
                    Undos.stopProxy(host, ns, () -> slot < started.published.size() ? started.published.get(slot) : null));
        }
    }

    /** The helper, for a forwarded port and the --reach holes: its undo first, as a proxy's. */
    private void helper(Plan plan) {
        if (req.portForward() == null && req.reach().isEmpty()) {
            return;
        }
        Helper helper = new Helper(host);
        plan.action("start helper", () -> startHelper(helper), Undos.stopHelper(host, ns, () -> started.helper));
    }

    /** Recorded before it starts, then by pid and start time before it can bind or send anything. */
    private void startHelper(Helper helper) {
        Path dir = new StateStore(host.layout().stateDir()).dirOf(ns);
        started.helper = OwnedProcess.PENDING;
        started.persist.accept(started);
        started.helper = helper.start(ns.value(), dir);
        started.persist.accept(started);
        helper.awaitReady(started.helper, dir);
    }

    /** Recorded before it starts and again once its pid is known, before it can take a connection. */
    private void startProxy(PublishProxy proxy, Publish pub, int slot) {
        started.published.add(PublishedPort.pending(pub));
        started.persist.accept(started);
        started.published.set(slot, proxy.start(ns.value(), pub));
        started.persist.accept(started);
        proxy.awaitListening(started.published.get(slot));
    }

    private void setconf(List<String> prefix) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("wg", "setconf", tmp, "/dev/stdin"));
        Result r = host.run(Command.of(argv).withSecretInput(p.setconf()));
        if (!r.success()) {
            throw WgnsException.failure(r.reason() + (r.exit() == 127 ? " (install the wireguard-tools package)" : ""));
        }
    }

    private void hooks(Plan plan, String kind, List<String> commands) {
        for (int i = 0; i < commands.size(); i++) {
            int n = i + 1;
            String c = commands.get(i);
            plan.action("run " + kind + " hook", () -> HookRunner.run(host, ns, ifc, kind, n, c));
        }
    }

    private void writeDns() {
        Path dir = host.layout().etcNetns(ns.value());
        try {
            SafeFiles.mkdirs(dir, SafeFiles.PUBLIC_DIR);
            SafeFiles.write(dir.resolve("resolv.conf"), p.resolvConf());
            SafeFiles.write(dir.resolve("nsswitch.conf"), p.nsswitch());
        } catch (IOException e) {
            throw WgnsException.failure(e.getMessage());
        }
    }

    private static void write(Path file, String text, String mode) {
        try {
            SafeFiles.write(file, text, mode);
        } catch (IOException e) {
            throw WgnsException.failure("cannot write " + file + ": " + e.getMessage());
        }
    }
}
