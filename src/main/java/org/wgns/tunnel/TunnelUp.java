package org.wgns.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.wgns.WgnsException;
import org.wgns.config.Cidr;
import org.wgns.config.Endpoint;
import org.wgns.config.Hooks;
import org.wgns.config.SetconfText;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.plan.PlanRunner;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceLock;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.dns.DnsFiles;
import org.wgns.dns.EtcNetns;
import org.wgns.firewall.PortRule;
import org.wgns.publish.PublishProxy;
import org.wgns.wg.Endpoints;
import org.wgns.wg.KernelSupport;
import org.wgns.wg.RouteMtu;
import org.wgns.wg.UserspaceDaemon;

/**
 * `wgns up`: checks and prepares everything that can fail without touching the system (config,
 * names, DNS, MTU, endpoints), then runs the plan of steps with their undos. The WireGuard link
 * is born in the host namespace, so its UDP socket stays there, and is then moved in: inside, the
 * tunnel is the only way out.
 */
public final class TunnelUp {
    private final Host host;
    private final Consumer<String> notices;
    private final Supplier<String> tmpNames;
    private final StateStore store;

    public TunnelUp(Host host, Consumer<String> notices, Supplier<String> tmpNames) {
        this.host = host;
        this.notices = notices;
        this.tmpNames = tmpNames;
        this.store = new StateStore(host.layout().stateDir());
    }

    public NamespaceState run(UpRequest req) {
        try {
            return locked(req);
        } finally {
            Teardown.removeEmptyStateDir(host.layout());
        }
    }

    private NamespaceState locked(UpRequest req) {
        String name = req.name();
        try (NamespaceLock lock = NamespaceLock.acquire(store.dir(), name)) {
            checkExisting(name);
            checkEtcNetns(name);
            checkPrograms(req);
            UpPlan.Prepared p = prepare(req);
            KernelSupport kernel = req.userspace() ? KernelSupport.NO : KernelSupport.probe(host.layout());
            NamespaceState state = NamespaceState.starting(name, req.iface(), p.tmpName(),
                    req.config().source().toAbsolutePath(), ProcessHandle.current().pid(), host.clock().epochSeconds());
            store.write(state);
            PlanRunner runner = new PlanRunner(host.runner());
            try {
                if (req.firewall().enabled()) {
                    org.wgns.os.SafeFiles.write(firewallFile(name), req.firewall().ruleset(req.iface()), org.wgns.os.SafeFiles.PRIVATE);
                }
                Mode mode = chooseMode(req, kernel, p, runner);
                state = state.withMode(mode);
                store.write(state);
                NamespaceState starting = state;
                UpPlan.Started started = new UpPlan.Started(st -> store.write(
                        starting.withDaemonPid(st.daemonPid).withPublish(List.copyOf(st.published))));
                runner.run(new UpPlan(host, req, p, mode, kernel == KernelSupport.MAYBE, started, firewallFile(name)).build());
                Hooks h = req.config().iface().hooks();
                state = state.withDaemonPid(started.daemonPid).withDetails(
                        req.config().iface().addresses().stream().map(Cidr::toString).toList(),
                        p.dnsServers(),
                        endpointsByPeer(req),
                        req.runHooks() ? h.preDown() : List.of(), req.runHooks() ? h.postDown() : List.of(),
                        req.firewall().enabled(), req.firewall().allowIn().stream().map(PortRule::toString).toList(),
                        started.published).up();
                store.write(state);
                return state;
            } catch (IOException e) {
                runner.unwind();
                store.delete(name);
                throw WgnsException.failure("cannot write " + firewallFile(name) + ": " + e.getMessage());
            } catch (RuntimeException e) {
                runner.unwind();
                store.delete(name);
                throw e;
            }
        }
    }

    private void checkExisting(String name) {
        var existing = store.read(name);
        boolean nsExists = Files.exists(host.layout().netns(name));
        if (existing.isEmpty()) {
            if (nsExists) {
                throw WgnsException.failure("a namespace " + name + " exists that wgns did not make; not touching it"
                        + " (remove it with: ip netns delete " + name + ")");
            }
            return;
        }
        NamespaceState s = existing.get();
        if (s.phase() == Phase.UP && nsExists) {
            throw WgnsException.failure(name + " is already up (wgns down " + name + " first)");
        }
        // We hold the lock, so whoever wrote this state is gone: finish its work backwards.
        notices.accept("cleaning up what an earlier wgns left of " + name
                + (s.phase() == Phase.STARTING ? " (an up that did not finish)" : " (its namespace was deleted)"));
        new Teardown(host, notices).run(s, false);
    }

    /** "PUBLICKEY host:port" for each peer with an endpoint: what reresolve needs later. */
    static List<String> endpointsByPeer(UpRequest req) {
        return req.config().peers().stream().filter(x -> x.endpoint().isPresent())
                .map(x -> x.publicKey().base64() + " " + x.endpoint().get()).toList();
    }

    Path firewallFile(String name) {
        return store.dirOf(name).resolve("firewall.nft");
    }

    private void checkPrograms(UpRequest req) {
        if (req.firewall().enabled() && host.which().apply("nft").isEmpty()) {
            throw WgnsException.failure("nft not found: install the nftables package (or run up with --no-firewall)");
        }
        if (!req.publish().isEmpty()) {
            new PublishProxy(host).check();
        }
    }

    private void checkEtcNetns(String name) {
        Path dir = host.layout().etcNetns(name);
        for (String f : List.of("resolv.conf", "nsswitch.conf")) {
            Path p = dir.resolve(f);
            if (Files.exists(p) && !EtcNetns.ours(p)) {
                throw WgnsException.failure(p + " exists and was not written by wgns (left from a manual setup?);"
                        + " move it away and run up again");
            }
        }
    }

    UpPlan.Prepared prepare(UpRequest req) {
        var cfg = req.config();
        var i = cfg.iface();
        if (i.table().isPresent()) {
            notices.accept("ignoring Table = " + i.table().get() + ": inside the namespace every route goes via "
                    + req.iface());
        }
        if (i.saveConfig()) {
            notices.accept("ignoring SaveConfig = true: wgns never writes to the config file");
        }
        if (!req.runHooks() && i.hooks().count() > 0) {
            notices.accept("skipped " + i.hooks().count() + " PreUp/PostUp/PreDown/PostDown hook"
                    + (i.hooks().count() == 1 ? "" : "s") + ": the namespace already is the kill switch they build"
                    + " (--run-hooks runs them inside it)");
        }
        if (i.addresses().isEmpty()) {
            notices.accept("warning: no Address= in the config: nothing in the namespace can use the tunnel");
        }
        Map<Endpoint, InetAddress> endpoints = Endpoints.resolve(cfg, host, notices);
        int mtu = i.mtu().isPresent() ? i.mtu().getAsInt()
                : new RouteMtu(host.layout()).tunnelMtu(new ArrayList<>(endpoints.values()));
        DnsFiles.Choice dns = DnsFiles.choose(i.dns(), i.dnsSearch(), req.extraDns(), read(host.layout().etc().resolve("resolv.conf")));
        dns.notices().forEach(notices);
        String nsswitch = DnsFiles.nsswitch(req.name(), read(host.layout().etc().resolve("nsswitch.conf")));
        boolean ipv6 = Files.isDirectory(host.layout().proc().resolve("sys/net/ipv6"));
        return new UpPlan.Prepared(freeTmpName(), SetconfText.render(cfg, endpoints, req.waitSeconds() > 0), mtu,
                DnsFiles.resolvConf(req.name(), dns), nsswitch, ipv6, dns.servers());
    }

    private String freeTmpName() {
        for (int i = 0; i < 100; i++) {
            String t = tmpNames.get();
            if (!Files.exists(host.layout().sys().resolve("class/net/" + t)) && !Files.exists(host.layout().wgSocket(t))) {
                return t;
            }
        }
        throw WgnsException.failure("no free temporary link name");
    }

    /**
     * Kernel first, as wg-quick: when the kernel may have WireGuard but it is not known, creating
     * the link is the test; only a "no such link type" answer falls back to userspace. The test is
     * a step of its own, undo first: an `ip link add` that reports failure (a timeout, a kill) may
     * still have made the link, and whatever fails later takes it away again.
     */
    private Mode chooseMode(UpRequest req, KernelSupport kernel, UpPlan.Prepared p, PlanRunner runner) {
        if (kernel == KernelSupport.YES) {
            return Mode.KERNEL;
        }
        if (kernel == KernelSupport.MAYBE) {
            Mode[] chosen = {Mode.KERNEL};
            runner.run(new org.wgns.plan.Plan().action("create link", () -> {
                Result r = host.runner().run(Command.of("ip", "link", "add", p.tmpName(), "type", "wireguard"));
                if (!r.success() && !KernelSupport.unsupportedTypeError(r.err())) {
                    throw WgnsException.failure(r.reason());
                }
                chosen[0] = r.success() ? Mode.KERNEL : Mode.USERSPACE;
            }, () -> host.runner().run(Command.of("ip", "link", "delete", "dev", p.tmpName()))));
            if (chosen[0] == Mode.KERNEL) {
                return Mode.KERNEL;
            }
            notices.accept("this kernel has no WireGuard; using userspace " + new UserspaceDaemon(host).program());
        } else if (!req.userspace()) {
            notices.accept("this kernel has no WireGuard module; using userspace " + new UserspaceDaemon(host).program());
        }
        return Mode.USERSPACE;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
