package org.wgns.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.wgns.wg.Mode;

/**
 * What wgns knows of one namespace it made, kept in /run/wgns/NAME/state: enough to show it, to
 * take it down, and to clean up after an `up` that was killed halfway. No secrets.
 *
 * @param tmpName the link's name in the host namespace, and the userspace socket's name
 * @param daemonPid the wireguard-go daemon, 0 in kernel mode or before it started
 * @param ownerPid the `wgns up` that wrote a STARTING state
 */
public record NamespaceState(
        String name,
        Phase phase,
        Mode mode,
        String iface,
        String tmpName,
        long daemonPid,
        Path config,
        List<String> addresses,
        List<String> dns,
        List<String> endpoints,
        List<String> preDown,
        List<String> postDown,
        boolean firewall,
        List<String> allowIn,
        List<String> publish,
        long created,
        long ownerPid) {

    public NamespaceState {
        Objects.requireNonNull(name);
        Objects.requireNonNull(phase);
        addresses = List.copyOf(addresses);
        dns = List.copyOf(dns);
        endpoints = List.copyOf(endpoints);
        preDown = List.copyOf(preDown);
        postDown = List.copyOf(postDown);
        allowIn = List.copyOf(allowIn);
        publish = List.copyOf(publish);
    }

    public static NamespaceState starting(String name, String iface, String tmpName, Path config, long ownerPid, long now) {
        return new NamespaceState(name, Phase.STARTING, null, iface, tmpName, 0, config, List.of(), List.of(), List.of(),
                List.of(), List.of(), false, List.of(), List.of(), now, ownerPid);
    }

    public NamespaceState withMode(Mode m) {
        return new NamespaceState(name, phase, m, iface, tmpName, daemonPid, config, addresses, dns, endpoints, preDown,
                postDown, firewall, allowIn, publish, created, ownerPid);
    }

    public NamespaceState withDaemonPid(long pid) {
        return new NamespaceState(name, phase, mode, iface, tmpName, pid, config, addresses, dns, endpoints, preDown,
                postDown, firewall, allowIn, publish, created, ownerPid);
    }

    public NamespaceState withDetails(List<String> addrs, List<String> dnsServers, List<String> eps, List<String> preDownHooks,
            List<String> postDownHooks, boolean fw, List<String> allow, List<String> pub) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, config, addrs, dnsServers, eps, preDownHooks,
                postDownHooks, fw, allow, pub, created, ownerPid);
    }

    public NamespaceState withPublish(List<String> pub) {
        return new NamespaceState(name, phase, mode, iface, tmpName, daemonPid, config, addresses, dns, endpoints, preDown,
                postDown, firewall, allowIn, pub, created, ownerPid);
    }

    /** Where its tunnel is, for `wg`. */
    public org.wgns.wg.TunnelRef tunnel() {
        return new org.wgns.wg.TunnelRef(name, mode, iface, tmpName);
    }

    public NamespaceState up() {
        return new NamespaceState(name, Phase.UP, mode, iface, tmpName, daemonPid, config, addresses, dns, endpoints, preDown,
                postDown, firewall, allowIn, publish, created, ownerPid);
    }
}
