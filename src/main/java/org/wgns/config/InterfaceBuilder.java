package org.wgns.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The [Interface] section as it is read, key by key; build() checks what needs the whole section. */
final class InterfaceBuilder {
    static final List<String> KEYS = List.of("privatekey", "listenport", "fwmark", "address", "dns", "mtu", "table", "saveconfig");
    static final String NAMES = "PrivateKey, ListenPort, FwMark, Address, DNS, MTU, Table, SaveConfig, PreUp, PostUp,"
            + " PreDown, PostDown";
    static final List<String> HOOKS = List.of("preup", "postup", "predown", "postdown");
    final int line;
    WgKey privateKey;
    Integer listenPort;
    Long fwMark;
    final List<Cidr> addresses = new ArrayList<>();
    final List<InetAddress> dns = new ArrayList<>();
    final List<String> search = new ArrayList<>();
    Integer mtu;
    String table;
    boolean saveConfig;
    final Map<String, List<String>> hooks = new HashMap<>();

    InterfaceBuilder(int line) {
        this.line = line;
    }

    void hook(String lower, String value) {
        hooks.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
    }

    void set(String lower, String value) {
        switch (lower) {
            case "privatekey" -> privateKey = ConfigValues.key(value);
            case "listenport" -> listenPort = ConfigValues.number(value, 0, 65535, "a port");
            case "fwmark" -> fwMark = ConfigValues.fwMark(value);
            case "address" -> {
                for (String t : ConfigValues.tokens(value)) {
                    addresses.add(Cidr.parse(t));
                }
            }
            case "dns" -> {
                for (String t : ConfigValues.tokens(value)) {
                    InetAddress ip = IpLiteral.parse(t);
                    if (ip != null) {
                        dns.add(ip);
                    } else if (ConfigValues.SEARCH_DOMAIN.matcher(t).matches()) {
                        search.add(t);
                    } else {
                        throw new IllegalArgumentException("expected IP addresses or search domains");
                    }
                }
            }
            case "mtu" -> mtu = ConfigValues.number(value, 576, 65535, "an MTU");
            case "table" -> {
                if (!ConfigValues.TABLE.matcher(value).matches()) {
                    throw new IllegalArgumentException("expected a routing table name or number");
                }
                table = value;
            }
            case "saveconfig" -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("expected 'true' or 'false'");
                }
                saveConfig = v.equals("true");
            }
            default -> throw new IllegalStateException(lower);
        }
    }

    InterfaceSection build(Path file) throws ConfigException {
        if (privateKey == null) {
            throw new ConfigException(file, line, "[Interface] has no PrivateKey");
        }
        if (mtu != null && mtu < 1280 && addresses.stream().anyMatch(a -> !a.isIpv4())) {
            throw new ConfigException(file, line, "MTU is below 1280, the least IPv6 needs, and Address has IPv6");
        }
        return new InterfaceSection(privateKey,
                listenPort == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(listenPort),
                fwMark == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(fwMark),
                addresses, dns, search,
                mtu == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(mtu),
                java.util.Optional.ofNullable(table),
                new Hooks(hooks.getOrDefault("preup", List.of()), hooks.getOrDefault("postup", List.of()),
                        hooks.getOrDefault("predown", List.of()), hooks.getOrDefault("postdown", List.of())),
                saveConfig);
    }
}
