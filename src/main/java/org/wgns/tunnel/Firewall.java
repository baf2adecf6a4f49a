package org.wgns.tunnel;

import java.util.List;

/** The namespace's own nftables table: on unless --no-firewall, with --allow-in ports open. */
public record Firewall(boolean enabled, List<String> allowIn) {
    public static final Firewall OFF = new Firewall(false, List.of());

    public Firewall {
        allowIn = List.copyOf(allowIn);
    }
}
