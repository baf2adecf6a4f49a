package org.wgns.tunnel;

import java.net.InetAddress;
import java.util.List;
import org.wgns.config.WgConfig;
import org.wgns.firewall.Firewall;
import org.wgns.publish.Publish;

/** Everything `wgns up` was asked to do, validated. */
public record UpRequest(
        String name,
        String iface,
        WgConfig config,
        boolean userspace,
        List<InetAddress> extraDns,
        boolean runHooks,
        Firewall firewall,
        List<Publish> publish,
        int waitSeconds) {

    /** Without --wait. */
    public UpRequest(String name, String iface, WgConfig config, boolean userspace, List<InetAddress> extraDns,
            boolean runHooks, Firewall firewall, List<Publish> publish) {
        this(name, iface, config, userspace, extraDns, runHooks, firewall, publish, 0);
    }

    public UpRequest {
        extraDns = List.copyOf(extraDns);
        publish = List.copyOf(publish);
    }
}
