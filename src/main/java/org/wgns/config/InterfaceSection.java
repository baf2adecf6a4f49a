package org.wgns.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The [Interface] section: what wg needs, and the wg-quick keys wgns applies itself. */
public record InterfaceSection(
        WgKey privateKey,
        OptionalInt listenPort,
        OptionalLong fwMark,
        List<Cidr> addresses,
        List<InetAddress> dns,
        List<String> dnsSearch,
        OptionalInt mtu,
        Optional<String> table,
        Hooks hooks,
        boolean saveConfig) {

    public InterfaceSection {
        Objects.requireNonNull(privateKey, "PrivateKey");
        addresses = List.copyOf(addresses);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
    }
}
