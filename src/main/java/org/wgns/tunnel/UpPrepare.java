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
import org.wgns.config.Endpoint;
import org.wgns.config.SetconfText;
import org.wgns.dns.DnsFiles;
import org.wgns.dns.EtcNetns;
import org.wgns.os.Host;
import org.wgns.publish.PublishProxy;
import org.wgns.wg.Endpoints;
import org.wgns.wg.RouteMtu;

/**
 * Everything `up` can find wrong before it changes anything: programs, files in /etc/netns that
 * are not wgns's, endpoints that do not resolve; and everything it derives up front (MTU, the
 * DNS files, the setconf text, a free temporary link name).
 */
final class UpPrepare {
    private final Host host;
    private final Consumer<String> notices;
    private final Supplier<String> tmpNames;

    UpPrepare(Host host, Consumer<String> notices, Supplier<String> tmpNames) {
        this.host = host;
        this.notices = notices;
        this.tmpNames = tmpNames;
    }

    void check(UpRequest req) {
        if (req.firewall().enabled() && host.which().apply("nft").isEmpty()) {
            throw WgnsException.failure("nft not found: install the nftables package (or run up with --no-firewall)");
        }
        if (!req.publish().isEmpty()) {
            new PublishProxy(host).check();
        }
        Path dir = host.layout().etcNetns(req.name().value());
        for (String f : List.of("resolv.conf", "nsswitch.conf")) {
            Path p = dir.resolve(f);
            if (Files.exists(p) && !EtcNetns.ours(p)) {
                throw WgnsException.failure(p + " exists and was not written by wgns (left from a manual setup?);"
                        + " move it away and run up again");
            }
        }
    }

    UpPlan.Prepared prepare(UpRequest req) {
        notices(req);
        var cfg = req.config();
        var i = cfg.iface();
        Map<Endpoint, InetAddress> endpoints = Endpoints.resolve(cfg, host, notices);
        int mtu = i.mtu().isPresent() ? i.mtu().getAsInt()
                : new RouteMtu(host.layout()).tunnelMtu(new ArrayList<>(endpoints.values()));
        DnsFiles.Choice dns = DnsFiles.choose(i.dns(), i.dnsSearch(), req.extraDns(), read(host.layout().etc().resolve("resolv.conf")));
        dns.notices().forEach(notices);
        String ns = req.name().value();
        String nsswitch = DnsFiles.nsswitch(ns, read(host.layout().etc().resolve("nsswitch.conf")));
        boolean ipv6 = Files.isDirectory(host.layout().proc().resolve("sys/net/ipv6"));
        return new UpPlan.Prepared(freeTmpName(), SetconfText.render(cfg, endpoints, req.waitSeconds() > 0), mtu,
                DnsFiles.resolvConf(ns, dns), nsswitch, ipv6, dns);
    }

    /** What of the config wgns does not do, said once. */
    private void notices(UpRequest req) {
        var i = req.config().iface();
        if (i.table().isPresent()) {
            notices.accept("ignoring Table = " + i.table().get() + ": inside the namespace every route goes via " + req.iface());
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

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
