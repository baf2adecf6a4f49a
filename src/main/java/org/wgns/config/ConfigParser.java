package org.wgns.config;

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

/**
 * Reads a wg-quick config the way wireguard-tools does (config.c, wg-quick): the whole file into
 * a validated {@link WgConfig}, or a {@link ConfigException} naming file and line. Values are
 * never echoed in messages, not even in part: the file may hold a key, or be a file the caller
 * could not read (wgns runs as root). A message names file, line, and what was expected there.
 */
public final class ConfigParser {
    /** Protects the parser; the number of peers is not limited (a hub can have thousands). */
    public static final int MAX_BYTES = 4 << 20;

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
        return new WgConfig(file, iface.build(file), peers);
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
            interfaceKey(raw, lower, value, n);
        } else {
            peerKey(lower, value, n);
        }
    }

    private void interfaceKey(String raw, String lower, String value, int n) throws ConfigException {
        if (PeerBuilder.KEYS.contains(lower)) {
            throw new ConfigException(file, n, ConfigValues.canonical(lower) + " belongs in a [Peer] section, not [Interface]");
        }
        if (InterfaceBuilder.HOOKS.contains(lower)) {
            // Hooks take the raw rest of the line, '#' included, as wg-quick does.
            iface.hook(lower, raw.substring(raw.indexOf('=') + 1).strip());
            return;
        }
        if (!InterfaceBuilder.KEYS.contains(lower)) {
            throw new ConfigException(file, n, "unknown key in [Interface] (expected one of " + InterfaceBuilder.NAMES + ")");
        }
        once(lower, n);
        try {
            iface.set(lower, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, n, ConfigValues.canonical(lower) + ": " + e.getMessage());
        }
    }

    private void peerKey(String lower, String value, int n) throws ConfigException {
        if (InterfaceBuilder.KEYS.contains(lower) || InterfaceBuilder.HOOKS.contains(lower)) {
            throw new ConfigException(file, n, ConfigValues.canonical(lower) + " belongs in the [Interface] section, not [Peer]");
        }
        if (!PeerBuilder.KEYS.contains(lower)) {
            throw new ConfigException(file, n, "unknown key in [Peer] (expected one of " + PeerBuilder.NAMES + ")");
        }
        once(lower, n);
        try {
            peer.set(lower, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, n, ConfigValues.canonical(lower) + ": " + e.getMessage());
        }
    }

    private void once(String lower, int n) throws ConfigException {
        if (lower.equals("address") || lower.equals("dns") || lower.equals("allowedips")) {
            return;
        }
        Integer first = seenOnce.putIfAbsent(lower, n);
        if (first != null) {
            throw new ConfigException(file, n, ConfigValues.canonical(lower) + " given twice in one section (also on line " + first + ")");
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
}
