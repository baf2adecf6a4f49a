package org.wgns.tunnel;

import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.Hooks;
import org.wgns.config.Peer;
import org.wgns.config.PeerEndpoint;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.plan.Plan;
import org.wgns.plan.PlanRunner;
import org.wgns.state.NamespaceLock;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.wg.KernelSupport;
import org.wgns.wg.Mode;
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
    private final UpPrepare prepare;
    private final StateStore store;

    public TunnelUp(Host host, Consumer<String> notices, Supplier<String> tmpNames) {
        this.host = host;
        this.notices = notices;
        this.prepare = new UpPrepare(host, notices, tmpNames);
        this.store = new StateStore(host.layout().stateDir());
    }

    public NamespaceState run(UpRequest req) {
        try (NamespaceLock lock = NamespaceLock.acquire(store.dir(), req.name())) {
            recoverOrRefuse(req.name());
            prepare.check(req);
            UpPlan.Prepared p = prepare.prepare(req);
            KernelSupport kernel = req.userspace() ? KernelSupport.NO : KernelSupport.probe(host.layout());
            NamespaceState state = NamespaceState.starting(req.name(), req.iface(), p.tmpName(),
                    req.source(), ProcessHandle.current().pid(), host.clock().epochSeconds());
            store.write(state);
            PlanRunner runner = new PlanRunner(host::run, host.log());
            try {
                return up(req, p, kernel, state, runner);
            } catch (RuntimeException e) {
                runner.unwind();
                store.delete(req.name());
                throw e;
            }
        } finally {
            store.removeIfEmpty();
        }
    }

    private NamespaceState up(UpRequest req, UpPlan.Prepared p, KernelSupport kernel, NamespaceState starting,
            PlanRunner runner) {
        Mode mode = chooseMode(req, kernel, p, runner);
        // The helper reads what to do from the state while up is still running: the holes, the
        // gateway and the firewall are there from the start (the hooks only once up has finished).
        NamespaceState known = starting.withMode(mode).withDetails(details(req, p, false));
        store.write(known);
        UpPlan.Started started = new UpPlan.Started(st -> store.write(withStarted(known, req, st)));
        runner.run(new UpPlan(host, req, p, mode, kernel == KernelSupport.MAYBE, started,
                Undos.firewallFile(host, req.name())).build());
        NamespaceState state = withStarted(known, req, started).withDetails(details(req, p, true)).up();
        store.write(state);
        if (req.portForward() != null) {
            new FirstPort(host, notices).report(store.dirOf(req.name()));
        }
        return state;
    }

    private static NamespaceState withStarted(NamespaceState s, UpRequest req, UpPlan.Started st) {
        return s.withDaemonPid(st.daemonPid).withPublished(List.copyOf(st.published))
                .withHelping(new NamespaceState.Helping(req.portForward(), req.reach(), st.helper));
    }

    private static NamespaceState.Details details(UpRequest req, UpPlan.Prepared p, boolean hooks) {
        Hooks h = req.config().iface().hooks();
        return new NamespaceState.Details(req.config().iface().addresses(),
                p.dns().servers().stream().map(org.wgns.config.IpLiteral::parse).toList(), p.dns().search(), req.extraDns(),
                endpoints(req.config()), hooks && req.runHooks() ? h.preDown() : List.of(),
                hooks && req.runHooks() ? h.postDown() : List.of(), req.firewall());
    }

    /** A name that is up is refused; what an earlier wgns left (we hold the lock, so it is gone) is finished backwards. */
    private void recoverOrRefuse(NamespaceName name) {
        var existing = store.read(name);
        boolean nsExists = Files.exists(host.layout().netns(name.value()));
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
        notices.accept("cleaning up what an earlier wgns left of " + name
                + (s.phase() == Phase.STARTING ? " (an up that did not finish)" : " (its namespace was deleted)"));
        new TunnelDown(host, notices).takeAway(s, false);
    }

    /** For each peer with an endpoint, as the config names it: what reresolve needs later. */
    static List<PeerEndpoint> endpoints(org.wgns.config.WgConfig cfg) {
        return cfg.peers().stream().filter(x -> x.endpoint().isPresent())
                .map((Peer x) -> new PeerEndpoint(x.publicKey(), x.endpoint().get())).toList();
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
            runner.run(new Plan().action("create link", () -> {
                Result r = host.run(Command.of("ip", "link", "add", p.tmpName(), "type", "wireguard"));
                if (!r.success() && !KernelSupport.unsupportedTypeError(r.err())) {
                    throw WgnsException.failure(r.reason());
                }
                chosen[0] = r.success() ? Mode.KERNEL : Mode.USERSPACE;
            }, Undos.deleteHostLink(p.tmpName())));
            if (chosen[0] == Mode.KERNEL) {
                return Mode.KERNEL;
            }
            notices.accept("this kernel has no WireGuard; using userspace " + new UserspaceDaemon(host).program());
        } else if (!req.userspace()) {
            notices.accept("this kernel has no WireGuard module; using userspace " + new UserspaceDaemon(host).program());
        }
        return Mode.USERSPACE;
    }
}
