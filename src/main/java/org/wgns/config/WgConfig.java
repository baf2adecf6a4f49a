package org.wgns.config;

import java.nio.file.Path;
import java.util.List;

/** A whole wg-quick config file, validated: nothing is applied until this exists. */
public record WgConfig(Path source, InterfaceSection iface, List<Peer> peers) {
    public WgConfig {
        peers = List.copyOf(peers);
    }
}
