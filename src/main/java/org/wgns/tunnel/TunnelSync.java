package org.wgns.tunnel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wgns.NamespaceName;
import org.wgns.config.Cidr;
import org.wgns.config.ConfigAccess;
import org.wgns.config.Endpoint;
import org.wgns.config.IpLiteral;
import org.wgns.config.SetconfText;
import org.wgns.config.WgConfig;
import org.wgns.dns.DnsFiles;
import org.wgns.os.Host;
import org.wgns.plan.IpStep;
import org.wgns.plan.Plan;
import org.wgns.plan.PlanRunner;
import org.wgns.plan.Undo;
import org.wgns.state.NamespaceState;
import org.wgns.wg.Endpoints;
import org.wgns.wg.LiveTunnel;

/**
 * `wgns syncconf`: a changed config applied to a namespace that is up, as `wg syncconf` means it
 * (peers, keys, endpoints, allowed IPs), and its addresses and nameservers too; the apps inside
 * keep running. Addresses and DNS go first, each with its way back; the tunnel's new settings
 * last, so a failure leaves the namespace as it was.
 */
public final class TunnelSync {
    private final Host host;
    private final Consumer<String> notices;

    public TunnelSync(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    /** @param file the config to apply; null: the one the namespace came up with, read again as it was then */
    public NamespaceState run(NamespaceName name, java.nio.file.Path file) {
        try (Running r = Running.open(host, name)) {
            NamespaceState s = r.state();
            ConfigAccess access = new ConfigAccess(host, notices);
            ConfigAccess.Loaded loaded = file != null ? access.named(file) : access.again(s.config());
            WgConfig cfg = loaded.config();
            Map<Endpoint, InetAddress> endpoints = Endpoints.resolve(cfg, host, notices);
            NamespaceState.Details d = s.details();
            DnsFiles.Choice dns = DnsFiles.choose(cfg.iface().dns(), cfg.iface().dnsSearch(), d.extraDns(), "");
            dns.notices().forEach(notices);
            Plan plan = new Plan();
            addresses(plan, s, d.addresses(), cfg.iface().addresses());
            if (!dns.servers().equals(InPlace.servers(s)) || !dns.search().equals(d.search())) {
                new InPlace(host, name).resolvConf(plan, dns.servers(), dns.search());
            }
            byte[] text = SetconfText.render(cfg, endpoints);
            plan.action("configure link (wg syncconf)", () -> new LiveTunnel(host, s.tunnel()).syncconf(text));
            new PlanRunner(host::run, host.log()).run(plan);
            r.save(s.withConfig(loaded.ref()).withDetails(new NamespaceState.Details(cfg.iface().addresses(),
                    dns.servers().stream().map(IpLiteral::parse).toList(), dns.search(), d.extraDns(),
                    TunnelUp.endpoints(cfg), d.preDown(), d.postDown(), d.firewall())));
            return r.state();
        }
    }

    /** Addresses taken away and added on the link inside, with the way back. */
    private void addresses(Plan plan, NamespaceState s, List<Cidr> was, List<Cidr> now) {
        String ns = s.name().value();
        String dev = s.iface().value();
        List<String> lines = new ArrayList<>();
        List<Undo> back = new ArrayList<>();
        for (Cidr c : was) {
            if (!now.contains(c)) {
                lines.add("address del " + c + " dev " + dev);
                back.add(Undo.in(ns, "restore address", "address add " + c + " dev " + dev));
            }
        }
        for (Cidr c : now) {
            if (!was.contains(c)) {
                lines.add("address add " + c + " dev " + dev);
                back.add(Undo.in(ns, "remove address", "address del " + c + " dev " + dev));
            }
        }
        if (!lines.isEmpty()) {
            plan.add(IpStep.in(ns, "change addresses", lines, back));
        }
    }
}
