package org.wgns.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One [Peer] section. persistentKeepalive 0 means off. line is where the section starts. */
public record Peer(
        WgKey publicKey,
        Optional<WgKey> presharedKey,
        List<Cidr> allowedIps,
        Optional<Endpoint> endpoint,
        int persistentKeepalive,
        int line) {

    public Peer {
        Objects.requireNonNull(publicKey, "PublicKey");
        allowedIps = List.copyOf(allowedIps);
        if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
            throw new IllegalArgumentException("PersistentKeepalive is 'off' or 0 to 65535");
        }
    }
}
