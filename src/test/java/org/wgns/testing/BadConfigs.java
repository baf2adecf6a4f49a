package org.wgns.testing;

import static org.wgns.testing.Keys.PEER;
import static org.wgns.testing.Keys.PRIVATE;

import java.util.List;

/**
 * Malformed wg-quick configs with the line and message wgns must give for each: the parser's
 * unit tests and the integration tests' hostile-input suite both run them.
 */
public final class BadConfigs {
    public record Bad(String text, int line, String message) {}

    private static final String I = "[Interface]\nPrivateKey = " + PRIVATE + "\n";
    private static final String P = "[Peer]\nPublicKey = " + PEER + "\n";

    public static final List<Bad> MALFORMED = List.of(
            new Bad("", 0, "is empty"),
            new Bad("\n\n# only a comment\n", 0, "is empty"),
            new Bad("[Peer]\nPublicKey = " + PEER + "\n", 0, "has no [Interface] section"),
            new Bad("PrivateKey = " + PRIVATE + "\n", 1, "before any [Interface] or [Peer] section"),
            new Bad("[Interface]\nAddress = 10.0.0.2/32\n", 1, "[Interface] has no PrivateKey"),
            new Bad(I + "[Peer]\nAllowedIPs = 0.0.0.0/0\n", 3, "[Peer] has no PublicKey"),
            new Bad(I + "Foo = bar\n", 3, "unknown key in [Interface] (expected one of PrivateKey,"),
            new Bad(I + P + "Bouncing = 1\n", 5, "unknown key in [Peer] (expected one of PublicKey,"),
            new Bad(I + "[Interfaces]\n", 3, "unknown section: expected [Interface] or [Peer]"),
            new Bad(I + "[Peer\n", 3, "section header without closing ']'"),
            new Bad(I + "Address 10.0.0.2\n", 3, "expected 'Key = Value'"),
            new Bad(I + "= 10.0.0.2\n", 3, "a value without a key"),
            new Bad("[Interface]\nPrivateKey = abc\n", 2, "PrivateKey: a key is 44 characters"),
            new Bad("[Interface]\nPrivateKey =\n", 2, "PrivateKey: empty; expected a key"),
            new Bad("[Interface]\nPrivateKey = " + PRIVATE.replace('y', '*') + "\n", 2, "PrivateKey: a key is 44"),
            new Bad("[Interface]\nPrivateKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", 2, "44 characters"),
            new Bad(I + P + "PresharedKey = nope\n", 5, "PresharedKey: a key is 44"),
            new Bad(I + "[Peer]\nPublicKey = short=\n", 4, "PublicKey: a key is 44"),
            new Bad(I + "Address = 10.0.0.300/32\n", 3, "Address: expected IP addresses with optional /prefix"),
            new Bad(I + "Address = 10.0.0.2/33\n", 3, "Address: expected a prefix length of 0 to 32 after '/'"),
            new Bad(I + "Address = fd00::2/129\n", 3, "expected a prefix length of 0 to 128"),
            new Bad(I + "Address = 10.0.0.2/x\n", 3, "expected a prefix length"),
            new Bad(I + "Address = vpn.example.com\n", 3, "expected IP addresses"),
            new Bad(I + P + "AllowedIPs = 0.0.0.0/0, 10.0.0.0/99\n", 5, "AllowedIPs: expected a prefix length of 0 to 32"),
            new Bad(I + "ListenPort = 65536\n", 3, "ListenPort: expected a port (0 to 65535)"),
            new Bad(I + "ListenPort = -1\n", 3, "expected a port"),
            new Bad(I + "ListenPort = abc\n", 3, "expected a port"),
            new Bad(I + P + "Endpoint = 198.51.100.1:0\n", 5, "Endpoint: expected a port of 1 to 65535"),
            new Bad(I + P + "Endpoint = 198.51.100.1:70000\n", 5, "Endpoint: expected a port of 1 to 65535"),
            new Bad(I + P + "Endpoint = 198.51.100.1\n", 5, "Endpoint: expected host:port"),
            new Bad(I + P + "Endpoint = 2001:db8::1:51820\n", 5, "an IPv6 endpoint needs brackets"),
            new Bad(I + P + "Endpoint = [2001:db8::1]51820\n", 5, "expected [IPv6]:port"),
            new Bad(I + P + "Endpoint = [10.0.0.1]:51820\n", 5, "expected an IPv6 address in brackets"),
            new Bad(I + P + "Endpoint = bad_host!:51820\n", 5, "expected an IP address or a host name"),
            new Bad(I + P + "PersistentKeepalive = 70000\n", 5, "PersistentKeepalive: expected 'off' or seconds (0 to 65535)"),
            new Bad(I + P + "PersistentKeepalive = sometimes\n", 5, "expected 'off' or seconds"),
            new Bad(I + "MTU = 100\n", 3, "MTU: expected an MTU (576 to 65535)"),
            new Bad(I + "MTU = 1000\nAddress = fd00::2/128\n", 1, "below 1280"),
            new Bad(I + "FwMark = 0x1ffffffff\n", 3, "FwMark: expected 'off' or a 32-bit mark"),
            new Bad(I + "SaveConfig = yes\n", 3, "SaveConfig: expected 'true' or 'false'"),
            new Bad(I + "DNS = 10.0.0.1, not/valid\n", 3, "DNS: expected IP addresses or search domains"),
            new Bad(I + "Table = a b c\n", 3, "Table: expected a routing table name or number"),
            new Bad(I + "PrivateKey = " + PRIVATE + "\n", 3, "PrivateKey given twice in one section (also on line 2)"),
            new Bad(I + "[Interface]\nPrivateKey = " + PRIVATE + "\n", 3, "a second [Interface] section (the first is on line 1)"),
            new Bad(I + P + P, 5, "[Peer] has the same PublicKey as the [Peer] on line 3"),
            new Bad(I + "PublicKey = " + PEER + "\n", 3, "PublicKey belongs in a [Peer] section"),
            new Bad(I + P + "Address = 10.0.0.2/32\n", 5, "Address belongs in the [Interface] section"),
            new Bad(I + P + "PostUp = echo\n", 5, "PostUp belongs in the [Interface] section"),
            new Bad(I + "Address = 10.0.0.2\u0000\n", 3, "binary data (a NUL byte)"),
            new Bad(I + "Address = \u001b[31m\n", 3, "a control character in the line"));

    private BadConfigs() {}
}
