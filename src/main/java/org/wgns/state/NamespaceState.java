package org.wgns.state;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.config.Cidr;
import org.wgns.config.ConfigRef;
import org.wgns.config.PeerEndpoint;
import org.wgns.firewall.Firewall;
import org.wgns.os.OwnedProcess;
import org.wgns.portforward.PortForward;
import org.wgns.publish.PublishedPort;
import org.wgns.reach.Reach;
import org.wgns.wg.Mode;
import org.wgns.wg.TunnelRef;

/**
 * What wgns knows of one namespace it made, kept in /run/wgns/NAME/state: enough to show it, to
 * take it down, and to clean up after an `up` that was killed halfway. No secrets.
 *
 * @param mode null until the kernel test has chosen it
 * @param tmpName the link's name in the host namespace, and the userspace socket's name
 * @param daemonPid the wireguard-go daemon, 0 in kernel mode or before it started
 * @param published the proxies of --publish, recorded before each starts
 * @param ownerPid the `wgns up` that wrote a STARTING state
 * @param helping what the helper process does for the namespace, and the process
 */
public record NamespaceState(
        NamespaceName name,
        Phase phase,
        Mode mode,
        InterfaceName iface,
        String tmpName,
        long daemonPid,
        ConfigRef config,
        Details details,
        List<PublishedPort> published,
        long created,
        long ownerPid,
        Helping helping) {

    /**
     * The helper's work — a forwarded port (null: none), the --reach holes — and the helper itself:
     * null while there is none, {@link OwnedProcess#PENDING} once it is about to start.
     */
    public record Helping(PortForward portForward, List<Reach> reach, OwnedProcess process) {
        public static final Helping NONE = new Helping(null, List.of(), null);

        public Helping {
            reach = List.copyOf(reach);
        }

        public boolean needed() {
            return portForward != null || !reach.isEmpty();
        }

        public Helping withProcess(OwnedProcess p) {
            return new Helping(portForward, reach, p);
        }
    }

    /**
     * What `up` records once the tunnel is up: for show, check, reresolve, down's hooks, and for
     * set, syncconf and repair to change or rebuild it.
     *
     * @param dns the nameservers in the namespace's resolv.conf, with search its search domains
     * @param extraDns those of them given with --dns or set (kept when the config changes)
     */
    public record Details(List<Cidr> addresses, List<InetAddress> dns, List<String> search, List<InetAddress> extraDns,
            List<PeerEndpoint> endpoints, List<String> preDown, List<String> postDown, Firewall firewall) {
        public static final Details NONE = new Details(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Firewall.OFF);

        public Details {
            addresses = List.copyOf(addresses);
            dns = List.copyOf(dns);
            search = List.copyOf(search);
            extraDns = List.copyOf(extraDns);
            endpoints = List.copyOf(endpoints);
            preDown = List.copyOf(preDown);
            postDown = List.copyOf(postDown);
            Objects.requireNonNull(firewall);
        }
    }

    public NamespaceState {
        Objects.requireNonNull(name);
        Objects.requireNonNull(phase);
        Objects.requireNonNull(iface);
        Objects.requireNonNull(details);
        published = List.copyOf(published);
        Objects.requireNonNull(helping);
    }

    public static NamespaceState starting(NamespaceName name, InterfaceName iface, String tmpName, ConfigRef config, long ownerPid,
            long now) {
        return new NamespaceState(name, Phase.STARTING, null, iface, tmpName, 0, config, Details.NONE, List.of(), now, ownerPid,
                Helping.NONE);
    }

    public NamespaceState withMode(Mode m) {
        return new NamespaceState(name, phase, m, iface, tmpName, daemonPid, config, details, published, created, ownerPid, helping);
    }

    public NamespaceState withDaemonPid(long pid) {
        return new NamespaceState(name, phase, mode, iface, tmpName, pid, config, details, published, created, ownerPid, helping);
    }

    public NamespaceState withPublished(List<PublishedPort> pub) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, config, details, pub, created, ownerPid, helping);
    }

    public NamespaceState withLink(String tmp, long pid) {
        return new NamespaceState(name, phase, mode, iface, tmp, pid, config, details, published, created, ownerPid, helping);
    }

    public NamespaceState withConfig(ConfigRef c) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, c, details, published, created, ownerPid, helping);
    }

    public NamespaceState withDetails(Details d) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, config, d, published, created, ownerPid, helping);
    }

    public NamespaceState withHelping(Helping h) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, config, details, published, created, ownerPid, h);
    }

    public NamespaceState up() {
        return new NamespaceState(name, Phase.UP, mode, iface, tmpName, daemonPid, config, details, published, created, ownerPid, helping);
    }

    /** Where its tunnel is, for `wg`. */
    public TunnelRef tunnel() {
        return new TunnelRef(name.value(), mode, iface.value(), tmpName);
    }
}
