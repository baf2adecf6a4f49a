package org.wgns.tunnel;

import java.net.InetAddress;
import java.util.List;
import org.wgns.config.WgConfig;

/** Everything `wgns up` was asked to do, validated. */
public record UpRequest(
        String name,
        String iface,
        WgConfig config,
        boolean userspace,
        List<InetAddress> extraDns,
        boolean runHooks,
        Firewall firewall,
        List<Publish> publish) {

    public UpRequest {
        extraDns = List.copyOf(extraDns);
        publish = List.copyOf(publish);
    }
}
