package org.wgns.config;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a wg-quick config the way wireguard-tools does (config.c, wg-quick): the whole file into
 * a validated {@link WgConfig}, or a {@link ConfigException} naming file and line. Values are
 * never echoed in messages, not even in part: the file may hold a key, or be a file the caller
 * could not read (wgns runs as root). A message names file, line, and what was expected there.
 */
public final class ConfigParser {
    /** Protects the parser; the number of peers is not limited (a hub can have thousands). */
    public static final int MAX_BYTES = 4 << 20;

    private static final Pattern SPLIT = Pattern.compile("[,\\s]+");
    private static final Pattern SEARCH_DOMAIN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path file;
    private final Map<String, Integer> seenOnce = new HashMap<>();
    private InterfaceBuilder iface;
    private PeerBuilder peer;
    private final List<Peer> peers = new ArrayList<>();
    private final Map<WgKey, Integer> peerLines = new HashMap<>();

    private ConfigParser(Path file) {
        this.file = file;
    }

    /** Reads (as root, see {@link ConfigReader}) and parses a file. */
    public static WgConfig parse(Path file) throws ConfigException {
        return parse(ConfigReader.asRoot(file));
    }

    /** Parses what was read: bytes that are not UTF-8 text are an error too. */
    public static WgConfig parse(ConfigReader.Loaded loaded) throws ConfigException {
        return parse(loaded.path(), decode(loaded.path(), loaded.bytes()));
    }

    private static String decode(Path file, byte[] bytes) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, "is not a text file (not UTF-8)");
        }
    }

    /** Parses text already read; file only names the source in messages. */
    public static WgConfig parse(Path file, String text) throws ConfigException {
        return new ConfigParser(file).run(text);
    }

    private WgConfig run(String text) throws ConfigException {
        String[] lines = text.split("\n", -1);
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            checkCharacters(raw, n);
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            any = true;
            if (line.startsWith("[")) {
                section(line, n);
            } else {
                keyValue(raw, line, n);
            }
        }
        if (!any) {
            throw new ConfigException(file, 0, "is empty: expected an [Interface] section");
        }
        closePeer();
        if (iface == null) {
            throw new ConfigException(file, 0, "has no [Interface] section");
        }
        return new WgConfig(file, iface.build(), peers);
    }

    private void checkCharacters(String line, int n) throws ConfigException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0) {
                throw new ConfigException(file, n, "binary data (a NUL byte): not a WireGuard config");
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new ConfigException(file, n, "a control character in the line: not a WireGuard config");
            }
        }
    }

    private void section(String line, int n) throws ConfigException {
        if (!line.endsWith("]")) {
            throw new ConfigException(file, n, "section header without closing ']'");
        }
        String name = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        closePeer();
        seenOnce.clear();
        switch (name) {
            case "interface" -> {
                if (iface != null) {
                    throw new ConfigException(file, n, "a second [Interface] section (the first is on line " + iface.line + ")");
                }
                iface = new InterfaceBuilder(n);
            }
            case "peer" -> peer = new PeerBuilder(n);
            default -> throw new ConfigException(file, n, "unknown section: expected [Interface] or [Peer]");
        }
        current = name;
    }

    private String current;

    private void keyValue(String raw, String line, int n) throws ConfigException {
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(file, n, "expected 'Key = Value', a [Section] or a # comment");
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        String lower = key.toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw new ConfigException(file, n, "a value without a key");
        }
        if (current == null) {
            throw new ConfigException(file, n, "a key before any [Interface] or [Peer] section");
        }
        if (current.equals("interface")) {
            if (PeerBuilder.KEYS.contains(lower)) {
                throw new ConfigException(file, n, canonical(lower) + " belongs in a [Peer] section, not [Interface]");
            }
            if (InterfaceBuilder.HOOKS.contains(lower)) {
                // Hooks take the raw rest of the line, '#' included, as wg-quick does.
                iface.hook(lower, raw.substring(raw.indexOf('=') + 1).strip());
                return;
            }
            if (!InterfaceBuilder.KEYS.contains(lower)) {
                throw new ConfigException(file, n, "unknown key in [Interface] (expected one of " + InterfaceBuilder.NAMES + ")");
            }
            once(lower, key, n);
            try {
                iface.set(lower, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, n, canonical(lower) + ": " + e.getMessage());
            }
        } else {
            if (InterfaceBuilder.KEYS.contains(lower) || InterfaceBuilder.HOOKS.contains(lower)) {
                throw new ConfigException(file, n, canonical(lower) + " belongs in the [Interface] section, not [Peer]");
            }
            if (!PeerBuilder.KEYS.contains(lower)) {
                throw new ConfigException(file, n, "unknown key in [Peer] (expected one of " + PeerBuilder.NAMES + ")");
            }
            once(lower, key, n);
            try {
                peer.set(lower, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, n, canonical(lower) + ": " + e.getMessage());
            }
        }
    }

    private void once(String lower, String key, int n) throws ConfigException {
        if (lower.equals("address") || lower.equals("dns") || lower.equals("allowedips")) {
            return;
        }
        Integer first = seenOnce.putIfAbsent(lower, n);
        if (first != null) {
            throw new ConfigException(file, n, canonical(lower) + " given twice in one section (also on line " + first + ")");
        }
    }

    private void closePeer() throws ConfigException {
        if (peer == null) {
            return;
        }
        PeerBuilder p = peer;
        peer = null;
        if (p.publicKey == null) {
            throw new ConfigException(file, p.line, "[Peer] has no PublicKey");
        }
        Integer other = peerLines.putIfAbsent(p.publicKey, p.line);
        if (other != null) {
            throw new ConfigException(file, p.line, "[Peer] has the same PublicKey as the [Peer] on line " + other);
        }
        peers.add(p.build());
    }

    private static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("privatekey", "PrivateKey"),
            Map.entry("listenport", "ListenPort"), Map.entry("fwmark", "FwMark"), Map.entry("address", "Address"),
            Map.entry("dns", "DNS"), Map.entry("mtu", "MTU"), Map.entry("table", "Table"),
            Map.entry("saveconfig", "SaveConfig"), Map.entry("preup", "PreUp"), Map.entry("postup", "PostUp"),
            Map.entry("predown", "PreDown"), Map.entry("postdown", "PostDown"), Map.entry("publickey", "PublicKey"),
            Map.entry("presharedkey", "PresharedKey"), Map.entry("allowedips", "AllowedIPs"),
            Map.entry("endpoint", "Endpoint"), Map.entry("persistentkeepalive", "PersistentKeepalive"));

    /** How wg-quick spells a known key: what a message names instead of the text in the file. */
    private static String canonical(String lower) {
        return CANONICAL.getOrDefault(lower, "a key");
    }

    private static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : SPLIT.split(value)) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static int number(String value, int min, int max, String what) {
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw new IllegalArgumentException("expected " + what + " (" + min + " to " + max + ")");
        }
        return Integer.parseInt(value);
    }

    private static WgKey key(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty; expected a key: 44 characters of base64 ending in '='");
        }
        return WgKey.parse(value);
    }

    private final class InterfaceBuilder {
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
                case "privatekey" -> privateKey = key(value);
                case "listenport" -> listenPort = number(value, 0, 65535, "a port");
                case "fwmark" -> fwMark = fwMark(value);
                case "address" -> {
                    for (String t : tokens(value)) {
                        addresses.add(Cidr.parse(t));
                    }
                }
                case "dns" -> {
                    for (String t : tokens(value)) {
                        InetAddress ip = IpLiteral.parse(t);
                        if (ip != null) {
                            dns.add(ip);
                        } else if (SEARCH_DOMAIN.matcher(t).matches()) {
                            search.add(t);
                        } else {
                            throw new IllegalArgumentException("expected IP addresses or search domains");
                        }
                    }
                }
                case "mtu" -> mtu = number(value, 576, 65535, "an MTU");
                case "table" -> {
                    if (!TABLE.matcher(value).matches()) {
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

        private Long fwMark(String value) {
            if (value.equalsIgnoreCase("off")) {
                return 0L;
            }
            try {
                long v = value.startsWith("0x") || value.startsWith("0X")
                        ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
                if (v >= 0 && v <= 0xffffffffL) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("expected 'off' or a 32-bit mark");
        }

        InterfaceSection build() throws ConfigException {
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

    private final class PeerBuilder {
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
                case "publickey" -> publicKey = key(value);
                case "presharedkey" -> presharedKey = key(value);
                case "allowedips" -> {
                    for (String t : tokens(value)) {
                        allowedIps.add(Cidr.parse(t));
                    }
                }
                case "endpoint" -> endpoint = Endpoint.parse(value);
                case "persistentkeepalive" -> keepalive = value.equalsIgnoreCase("off") ? 0
                        : number(value, 0, 65535, "'off' or seconds");
                default -> throw new IllegalStateException(lower);
            }
        }

        Peer build() {
            return new Peer(publicKey, java.util.Optional.ofNullable(presharedKey), allowedIps,
                    java.util.Optional.ofNullable(endpoint), keepalive, line);
        }
    }
}
