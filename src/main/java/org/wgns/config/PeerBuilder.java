package org.wgns.config;

import java.util.ArrayList;
import java.util.List;

/** One [Peer] section as it is read, key by key. */
final class PeerBuilder {
    static final List<String> KEYS = List.of("publickey", "presharedkey", "allowedips", "endpoint", "persistentkeepalive");
    static final String NAMES = "PublicKey, PresharedKey, AllowedIPs, Endpoint, PersistentKeepalive";
    final int line;
    WgKey publicKey;
    WgKey presharedKey;
    final List<Cidr> allowedIps = new ArrayList<>();
    Endpoint endpoint;
    int keepalive;

    PeerBuilder(int line) {
        this.line = line;
    }

    void set(String lower, String value) {
        switch (lower) {
            case "publickey" -> publicKey = ConfigValues.key(value);
            case "presharedkey" -> presharedKey = ConfigValues.key(value);
            case "allowedips" -> {
                for (String t : ConfigValues.tokens(value)) {
                    allowedIps.add(Cidr.parse(t));
                }
            }
            case "endpoint" -> endpoint = Endpoint.parse(value);
            case "persistentkeepalive" -> keepalive = value.equalsIgnoreCase("off") ? 0
                    : ConfigValues.number(value, 0, 65535, "'off' or seconds");
            default -> throw new IllegalStateException(lower);
        }
    }

    Peer build() {
        return new Peer(publicKey, java.util.Optional.ofNullable(presharedKey), allowedIps,
                java.util.Optional.ofNullable(endpoint), keepalive, line);
    }
}
