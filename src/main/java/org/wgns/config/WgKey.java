package org.wgns.config;

import java.util.Arrays;
import java.util.Base64;

/** A Curve25519 key as WireGuard writes it: 44 characters of base64 for 32 bytes. */
public final class WgKey {
    private final byte[] bytes;

    private WgKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses like wireguard-tools' key_from_base64: exactly 44 characters, ending in '='. */
    public static WgKey parse(String base64) {
        if (base64.length() != 44 || base64.charAt(43) != '=') {
            throw new IllegalArgumentException("a key is 44 characters of base64 ending in '='");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key is 44 characters of base64 ending in '='");
        }
        if (decoded.length != 32) {
            throw new IllegalArgumentException("the key does not decode to 32 bytes");
        }
        return new WgKey(decoded);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WgKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Masked, so that a key never reaches a log or an exception message by accident. */
    @Override
    public String toString() {
        return "(key hidden)";
    }
}
