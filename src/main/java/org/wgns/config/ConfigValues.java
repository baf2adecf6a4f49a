package org.wgns.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading one value of a config line; a message says what was expected, never what was found. */
final class ConfigValues {
    static final Pattern SPLIT = Pattern.compile("[,\\s]+");
    static final Pattern SEARCH_DOMAIN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
    static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private ConfigValues() {}

    static final Map<String, String> CANONICAL = Map.ofEntries(Map.entry("privatekey", "PrivateKey"),
            Map.entry("listenport", "ListenPort"), Map.entry("fwmark", "FwMark"), Map.entry("address", "Address"),
            Map.entry("dns", "DNS"), Map.entry("mtu", "MTU"), Map.entry("table", "Table"),
            Map.entry("saveconfig", "SaveConfig"), Map.entry("preup", "PreUp"), Map.entry("postup", "PostUp"),
            Map.entry("predown", "PreDown"), Map.entry("postdown", "PostDown"), Map.entry("publickey", "PublicKey"),
            Map.entry("presharedkey", "PresharedKey"), Map.entry("allowedips", "AllowedIPs"),
            Map.entry("endpoint", "Endpoint"), Map.entry("persistentkeepalive", "PersistentKeepalive"));

    /** How wg-quick spells a known key: what a message names instead of the text in the file. */
    static String canonical(String lower) {
        return CANONICAL.getOrDefault(lower, "a key");
    }

    static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String t : SPLIT.split(value)) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static int number(String value, int min, int max, String what) {
        if (!value.matches("[0-9]{1,10}") || Long.parseLong(value) < min || Long.parseLong(value) > max) {
            throw new IllegalArgumentException("expected " + what + " (" + min + " to " + max + ")");
        }
        return Integer.parseInt(value);
    }

    static WgKey key(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty; expected a key: 44 characters of base64 ending in '='");
        }
        return WgKey.parse(value);
    }

    static Long fwMark(String value) {
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
}
