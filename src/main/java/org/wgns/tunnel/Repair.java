package org.wgns.tunnel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.ConfigAccess;
import org.wgns.dns.DnsFiles;
import org.wgns.dns.EtcNetns;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.plan.PlanRunner;
import org.wgns.state.NamespaceState;
import org.wgns.wg.Handshake;
import org.wgns.wg.LiveTunnel;
import org.wgns.wg.Mode;
import org.wgns.wg.UserspaceDaemon;

/**
 * `wgns repair`: finds what is wrong with a namespace that is up and fixes it in place, so the
 * apps inside keep running (and their PIDs): a link that is gone (its userspace daemon died, or it
 * was deleted) is born again in the host, configured with the config it came up with and moved
 * into the same namespace, addresses and routes last — no route exists until the tunnel is back;
 * the firewall and the DNS files are put back; a stale handshake is prompted, endpoint names
 * re-resolved first. Nothing wrong: nothing done.
 */
public final class Repair {
    /** A tunnel whose newest handshake is older than this is asked to prove itself. */
    static final long STALE_SECONDS = 180;
    static final int HANDSHAKE_WAIT = 10;

    private final Host host;
    private final Consumer<String> notices;
    private final Supplier<String> tmpNames;

    public Repair(Host host, Consumer<String> notices, Supplier<String> tmpNames) {
        this.host = host;
        this.notices = notices;
        this.tmpNames = tmpNames;
    }

    /** What was repaired, one line each; empty when nothing needed it. */
    public List<String> run(NamespaceName name) {
        List<String> fixed = new ArrayList<>();
        try (Running r = Running.open(host, name)) {
            boolean rebuilt = false;
            if (!linkWorks(r.state())) {
                rebuildLink(r);
                fixed.add("link: born again (" + r.state().mode().label() + "), configured and moved into " + name);
                rebuilt = true;
            }
            firewall(r.state(), fixed);
            dnsFiles(r.state(), fixed);
            handshake(r.state(), rebuilt, fixed);
        }
        return fixed;
    }

    /** The link inside, and in userspace mode its daemon answering on its socket. */
    private boolean linkWorks(NamespaceState s) {
        if (!host.run(Command.of("ip", "-n", s.name().value(), "link", "show", "dev", s.iface().value())).success()) {
            return false;
        }
        return s.mode() != Mode.USERSPACE
                || new UserspaceDaemon(host).running(s.tmpName(), s.daemonPid()) > 0
                && host.socketReady().test(host.layout().wgSocket(s.tmpName()));
    }

    private void rebuildLink(Running r) {
        NamespaceState s = r.state();
        ConfigAccess.Loaded loaded = new ConfigAccess(host, notices).again(s.config());
        if (!s.config().sha256().isEmpty() && !s.config().sha256().equals(loaded.ref().sha256())) {
            throw WgnsException.failure("the link is gone, and " + s.config().path() + " has changed since up:"
                    + " repair rebuilds what came up; take it down and up again");
        }
        // What is left of the old link: its daemon (ended, socket removed), the link itself.
        new UserspaceDaemon(host).stop(s.tmpName(), s.daemonPid());
        PlanRunner.undoAll(host::run, host.log(), List.of(Undos.deleteLinkInside(s.name(), s.iface().value())));
        NamespaceState.Details d = s.details();
        UpRequest req = new UpRequest(s.name(), s.iface(), loaded.config(), s.mode() == Mode.USERSPACE, d.extraDns(),
                false, d.firewall(), List.of(), 0, loaded.ref(), null, List.of());
        UpPlan.Prepared p = new UpPrepare(host, n -> { }, tmpNames).prepare(req);
        UpPlan.Started started = new UpPlan.Started(st -> r.save(s.withLink(p.tmpName(), st.daemonPid)));
        r.save(s.withLink(p.tmpName(), 0));
        new PlanRunner(host::run, host.log()).run(new UpPlan(host, req, p, s.mode(), false, started,
                Undos.firewallFile(host, s.name())).linkOnly());
        r.save(s.withLink(p.tmpName(), started.daemonPid));
    }

    private void firewall(NamespaceState s, List<String> fixed) {
        if (s.details().firewall().enabled() && !host.run(Command.of("ip", "netns", "exec", s.name().value(), "nft", "list",
                "table", "inet", org.wgns.firewall.Firewall.TABLE)).success()) {
            new InPlace(host, s.name()).loadFirewall(s.iface().value(), s.details().firewall());
            fixed.add("firewall: loaded again");
        }
    }

    private void dnsFiles(NamespaceState s, List<String> fixed) {
        Path dir = host.layout().etcNetns(s.name().value());
        Path resolv = dir.resolve("resolv.conf");
        Path nsswitch = dir.resolve("nsswitch.conf");
        if (Files.exists(resolv) && EtcNetns.ours(resolv) && Files.exists(nsswitch) && EtcNetns.ours(nsswitch)) {
            return;
        }
        InPlace.rewrite(resolv, DnsFiles.resolvConf(s.name().value(),
                new DnsFiles.Choice(InPlace.servers(s), s.details().search(), List.of())));
        InPlace.rewrite(nsswitch, DnsFiles.nsswitch(s.name().value(), UpPrepare.read(host.layout().etc().resolve("nsswitch.conf"))));
        fixed.add("dns: " + dir + " written again");
    }

    /** An idle tunnel is not a dead one: only one that does not answer when asked is. */
    private void handshake(NamespaceState s, boolean rebuilt, List<String> fixed) {
        long now = host.clock().epochSeconds();
        long latest = new LiveTunnel(host, s.tunnel()).latestHandshake();
        if (!rebuilt && latest > 0 && now - latest <= STALE_SECONDS) {
            return;
        }
        if (!rebuilt) {
            new Reresolve(host, notices).run(s.name(), now);
        }
        long answered = new Handshake(host, s.tunnel()).prompt(rebuilt ? 0 : latest, HANDSHAKE_WAIT);
        if (!rebuilt) {
            fixed.add("handshake: " + (latest == 0 ? "none yet" : (now - latest) + " s old") + "; asked, answered "
                    + Math.max(0, host.clock().epochSeconds() - answered) + " s ago");
        }
    }
}
