package org.wgns.tunnel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.IpLiteral;
import org.wgns.firewall.Firewall;
import org.wgns.firewall.PortRule;
import org.wgns.os.Host;
import org.wgns.plan.Plan;
import org.wgns.plan.PlanRunner;
import org.wgns.publish.Publish;
import org.wgns.publish.PublishProxy;
import org.wgns.publish.PublishedPort;
import org.wgns.reach.Reach;
import org.wgns.state.NamespaceState;

/**
 * `wgns set`: adds or removes published ports, inbound ports and nameservers of a namespace that
 * is up; the apps inside keep running. All changes happen, or none: each is a step with its way
 * back, and the state is written once they all have.
 */
public final class TunnelSet {
    /** What to add and what to take away; a thing both added and removed is removed. */
    public record Changes(List<Publish> publish, List<Publish> unpublish, List<PortRule> allowIn, List<PortRule> closeIn,
            List<InetAddress> dns, List<InetAddress> noDns, List<Reach> reach, List<Reach> noReach) {
        public Changes(List<Publish> publish, List<Publish> unpublish, List<PortRule> allowIn, List<PortRule> closeIn,
                List<InetAddress> dns, List<InetAddress> noDns) {
            this(publish, unpublish, allowIn, closeIn, dns, noDns, List.of(), List.of());
        }

        public boolean none() {
            return publish.isEmpty() && unpublish.isEmpty() && allowIn.isEmpty() && closeIn.isEmpty() && dns.isEmpty()
                    && noDns.isEmpty() && reach.isEmpty() && noReach.isEmpty();
        }
    }

    private final Host host;
    private final Consumer<String> notices;

    public TunnelSet(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    public NamespaceState run(NamespaceName name, Changes c) {
        if (c.none()) {
            throw WgnsException.usage("nothing to change (see wgns set --help)");
        }
        for (InetAddress a : c.dns()) {
            if (a.isLoopbackAddress()) {
                throw WgnsException.usage("--dns " + IpLiteral.format(a) + ": a loopback resolver inside the namespace is the"
                        + " namespace's own, not the host's");
            }
        }
        try (Running r = Running.open(host, name)) {
            NamespaceState s = r.state();
            InPlace inPlace = new InPlace(host, name);
            Plan plan = new Plan();
            NamespaceState.Details d = s.details();
            Firewall fw = firewall(d.firewall(), c);
            if (!fw.equals(d.firewall())) {
                inPlace.firewall(plan, s.iface().value(), d.firewall(), fw);
            }
            List<InetAddress> dns = minus(plus(d.dns(), c.dns()), c.noDns());
            if (!dns.equals(d.dns())) {
                inPlace.resolvConf(plan, dns.stream().map(IpLiteral::format).toList(), d.search());
            }
            List<PublishedPort> published = new ArrayList<>(s.published());
            publish(plan, r, published, c);
            new HelperRestart(host, r).plan(plan, minus(plus(s.helping().reach(), c.reach()), c.noReach()));
            new PlanRunner(host::run, host.log()).run(plan);
            List<PublishedPort> kept = unpublish(s, published, c.unpublish());
            r.save(r.state().withPublished(kept).withDetails(new NamespaceState.Details(d.addresses(), dns, d.search(),
                    minus(plus(d.extraDns(), c.dns()), c.noDns()), d.endpoints(), d.preDown(), d.postDown(), fw)));
            return r.state();
        }
    }

    private static Firewall firewall(Firewall fw, Changes c) {
        if (c.allowIn().isEmpty() && c.closeIn().isEmpty()) {
            return fw;
        }
        if (!fw.enabled()) {
            throw WgnsException.failure("the firewall is off (up --no-firewall): there is no port to open or close");
        }
        return new Firewall(true, minus(plus(fw.allowIn(), c.allowIn()), c.closeIn()));
    }

    /** Each new port: recorded before its proxy starts, by pid once known, as up does. */
    private void publish(Plan plan, Running r, List<PublishedPort> published, Changes c) {
        PublishProxy proxy = new PublishProxy(host);
        if (!c.publish().isEmpty()) {
            proxy.check();
        }
        for (Publish p : c.publish()) {
            if (c.unpublish().contains(p) || published.stream().anyMatch(x -> x.spec().hostSide().equals(p.hostSide()))) {
                continue;
            }
            int slot = published.size();
            published.add(PublishedPort.pending(p));
            plan.action("publish " + p.hostSide() + " to port " + p.port(), () -> {
                r.save(r.state().withPublished(List.copyOf(published)));
                published.set(slot, proxy.start(r.state().name().value(), p));
                r.save(r.state().withPublished(List.copyOf(published)));
                proxy.awaitListening(published.get(slot));
            }, Undos.stopProxy(host, r.state().name(), () -> published.get(slot)));
        }
    }

    /** Removals last: once the additions stand, the proxies of the ports taken away are ended. */
    private List<PublishedPort> unpublish(NamespaceState s, List<PublishedPort> published, List<Publish> unpublish) {
        List<PublishedPort> kept = new ArrayList<>();
        for (PublishedPort p : published) {
            if (unpublish.contains(p.spec())) {
                new PublishProxy(host).stop(s.name().value(), p);
            } else {
                kept.add(p);
            }
        }
        for (Publish u : unpublish) {
            if (published.stream().noneMatch(p -> p.spec().equals(u))) {
                notices.accept(u + " was not published");
            }
        }
        return kept;
    }

    static <T> List<T> plus(List<T> a, List<T> b) {
        LinkedHashSet<T> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    static <T> List<T> minus(List<T> a, List<T> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }
}
