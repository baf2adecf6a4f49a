package org.wgns.tunnel;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.config.ConfigRef;
import org.wgns.config.WgConfig;
import org.wgns.firewall.Firewall;
import org.wgns.portforward.PortForward;
import org.wgns.publish.Publish;
import org.wgns.reach.Reach;

/** Everything `wgns up` was asked to do, validated: names are checked types, not strings. */
public record UpRequest(
        NamespaceName name,
        InterfaceName iface,
        WgConfig config,
        boolean userspace,
        List<InetAddress> extraDns,
        boolean runHooks,
        Firewall firewall,
        List<Publish> publish,
        int waitSeconds,
        ConfigRef source,
        PortForward portForward,
        List<Reach> reach) {

    /** Without --wait. */
    public UpRequest(NamespaceName name, InterfaceName iface, WgConfig config, boolean userspace, List<InetAddress> extraDns,
            boolean runHooks, Firewall firewall, List<Publish> publish) {
        this(name, iface, config, userspace, extraDns, runHooks, firewall, publish, 0);
    }

    /** A config root read, of no known digest; no helper: no forwarded port, no --reach. */
    public UpRequest(NamespaceName name, InterfaceName iface, WgConfig config, boolean userspace, List<InetAddress> extraDns,
            boolean runHooks, Firewall firewall, List<Publish> publish, int waitSeconds) {
        this(name, iface, config, userspace, extraDns, runHooks, firewall, publish, waitSeconds,
                new ConfigRef(config.source().toAbsolutePath(), 0, 0, ""), null, List.of());
    }

    public UpRequest {
        Objects.requireNonNull(name);
        Objects.requireNonNull(iface);
        extraDns = List.copyOf(extraDns);
        publish = List.copyOf(publish);
        reach = List.copyOf(reach);
    }
}
