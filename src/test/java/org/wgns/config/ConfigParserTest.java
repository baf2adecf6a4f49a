package org.wgns.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wgns.testing.Keys.PEER;
import static org.wgns.testing.Keys.PEER2;
import static org.wgns.testing.Keys.PRIVATE;
import static org.wgns.testing.Keys.PSK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigParserTest {
    static final Path F = Path.of("wg0.conf");

    static WgConfig parse(String text) throws ConfigException {
        return ConfigParser.parse(F, text);
    }

    static final String SEED = """
            [Interface]
            PrivateKey = %s
            Address = 10.64.12.7/32,fd00:aaaa::7/128
            DNS = 10.64.0.1

            [Peer]
            PublicKey = %s
            AllowedIPs = 0.0.0.0/0,::0/0
            Endpoint = 198.51.100.1:51820
            """.formatted(PRIVATE, PEER);

    @Test
    void providerShapeWithOneLineV4AndV6Address() throws Exception {
        WgConfig c = parse(SEED);
        assertEquals(List.of("10.64.12.7/32", "fd00:aaaa::7/128"), c.iface().addresses().stream().map(Cidr::toString).toList());
        assertEquals("10.64.0.1", c.iface().dns().get(0).getHostAddress());
        assertEquals(1, c.peers().size());
        Peer p = c.peers().get(0);
        assertEquals(PEER, p.publicKey().base64());
        assertEquals(List.of("0.0.0.0/0", "::/0"), p.allowedIps().stream().map(Cidr::toString).toList());
        assertEquals(new Endpoint("198.51.100.1", 51820), p.endpoint().orElseThrow());
        assertEquals(6, p.line());
    }

    @Test
    void repeatedAddressAndDnsLinesAccumulateAndNamesBecomeSearchDomains() throws Exception {
        WgConfig c = parse("""
                [Interface]
                PrivateKey = %s
                Address = 10.0.0.2/24
                Address = fd00::2/64
                Address = 10.0.1.2
                DNS = 10.0.0.1, fd00::1
                DNS = corp.example vpn.example 10.0.0.53
                """.formatted(PRIVATE));
        assertEquals(List.of("10.0.0.2/24", "fd00::2/64", "10.0.1.2/32"),
                c.iface().addresses().stream().map(Cidr::toString).toList());
        assertEquals(List.of("10.0.0.1", "fd00::1", "10.0.0.53"),
                c.iface().dns().stream().map(IpLiteral::format).toList());
        assertEquals(List.of("corp.example", "vpn.example"), c.iface().dnsSearch());
    }

    @Test
    void commentsLowercaseKeysCrlfAndSpacing() throws Exception {
        String text = ("# Bouncing = 1\r\n"
                + "[interface]   # the local side\r\n"
                + "  privatekey=" + PRIVATE + "   \r\n"
                + "ADDRESS   =   10.2.0.2/32 # inline\r\n"
                + "\r\n"
                + "[PEER]\r\n"
                + "# Bouncing = 7\r\n"
                + "publickey =" + PEER + "\r\n"
                + "allowedips=\t0.0.0.0/0\r\n"
                + "endpoint = [2001:db8::1]:51820\r\n"
                + "persistentkeepalive = 25\r\n");
        WgConfig c = parse(text);
        assertEquals(PRIVATE, c.iface().privateKey().base64());
        Peer p = c.peers().get(0);
        assertEquals(25, p.persistentKeepalive());
        assertEquals("2001:db8::1", p.endpoint().orElseThrow().host());
        assertEquals("[2001:db8::1]:51820", p.endpoint().orElseThrow().toString());
    }

    @Test
    void everyInterfaceKeyAndHooksKeepTheirHash() throws Exception {
        WgConfig c = parse("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                FwMark = 0x1234
                MTU = 1380
                Table = off
                SaveConfig = true
                PreUp = echo pre # kept
                PostUp = iptables -A x; echo '#1'
                PostUp = echo second
                PreDown = echo down
                PostDown = echo after
                """.formatted(PRIVATE));
        InterfaceSection i = c.iface();
        assertEquals(51820, i.listenPort().getAsInt());
        assertEquals(0x1234, i.fwMark().getAsLong());
        assertEquals(1380, i.mtu().getAsInt());
        assertEquals("off", i.table().orElseThrow());
        assertTrue(i.saveConfig());
        assertEquals(List.of("echo pre # kept"), i.hooks().preUp());
        assertEquals(List.of("iptables -A x; echo '#1'", "echo second"), i.hooks().postUp());
        assertEquals(5, i.hooks().count());
    }

    @Test
    void manyPeersWithPresharedKeysAndHostnames() throws Exception {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + PRIVATE + "\n");
        b.append("[Peer]\nPublicKey = ").append(PEER).append("\nPresharedKey = ").append(PSK)
                .append("\nAllowedIPs = 10.0.0.0/8\nEndpoint = vpn.example.com:1194\nPersistentKeepalive = off\n");
        b.append("[Peer]\nPublicKey = ").append(PEER2).append("\nAllowedIPs = 192.168.0.0/16 172.16.0.0/12\n");
        WgConfig c = parse(b.toString());
        assertEquals(2, c.peers().size());
        assertEquals(PSK, c.peers().get(0).presharedKey().orElseThrow().base64());
        assertEquals("vpn.example.com", c.peers().get(0).endpoint().orElseThrow().host());
        assertEquals(0, c.peers().get(0).persistentKeepalive());
        assertEquals(2, c.peers().get(1).allowedIps().size());
        assertTrue(c.peers().get(1).endpoint().isEmpty());
    }

    @Test
    void setconfTextHasOnlyWgKeysAndResolvedEndpoints() throws Exception {
        WgConfig c = parse("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                Address = 10.0.0.2/32
                DNS = 10.0.0.1
                MTU = 1400
                PostUp = echo hi
                [Peer]
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 0.0.0.0/0, ::/0
                Endpoint = vpn.example.com:51820
                PersistentKeepalive = 25
                """.formatted(PRIVATE, PEER, PSK));
        Endpoint e = c.peers().get(0).endpoint().orElseThrow();
        String text = new String(SetconfText.render(c, Map.of(e, IpLiteral.parse("203.0.113.9"))), StandardCharsets.UTF_8);
        assertEquals("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820

                [Peer]
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 0.0.0.0/0, ::/0
                Endpoint = 203.0.113.9:51820
                PersistentKeepalive = 25
                """.formatted(PRIVATE, PEER, PSK), text);
    }

    @Test
    void keysNeverShowInToString() throws Exception {
        WgConfig c = parse(SEED);
        assertFalse(c.toString().contains(PRIVATE));
        assertFalse(c.toString().contains(PEER));
    }

    static Stream<Arguments> malformed() {
        return org.wgns.testing.BadConfigs.MALFORMED.stream().map(b -> Arguments.of(b.text(), b.line(), b.message()));
    }

    @ParameterizedTest(name = "[{index}] line {1}: {2}")
    @MethodSource("malformed")
    void malformedConfigsNameFileLineAndCause(String text, int line, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        String where = line > 0 ? "wg0.conf:" + line + ": " : "wg0.conf: ";
        assertTrue(e.getMessage().startsWith(where), () -> "expected '" + where + "' at the start of: " + e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "expected '" + message + "' in: " + e.getMessage());
    }

    @Test
    void messagesNeverEchoAKeyValue() {
        String text = "[Interface]\nPrivateKey = " + PRIVATE + "\nAddress = 10.0.0.2/33\n" + PRIVATE + "\n";
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertFalse(e.getMessage().contains(PRIVATE));
    }

    @Test
    void tenThousandPeersAreAConfigLikeAnyOther() throws Exception {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + PRIVATE + "\n");
        java.util.Random r = new java.util.Random(1);
        for (int n = 0; n < 10_000; n++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            b.append("[Peer]\nPublicKey = ").append(java.util.Base64.getEncoder().encodeToString(k))
                    .append("\nAllowedIPs = 10.").append(n / 250).append('.').append(n % 250).append(".0/24\n");
        }
        assertEquals(10_000, parse(b.toString()).peers().size());
    }

    /**
     * A config may be /etc/shadow or a key file the caller cannot read: no message may carry any
     * part of what the file says. Each hostile line holds a random secret; no five characters of
     * it in a row may appear in the message (so a shortened quote is caught, not only a whole line).
     */
    @Test
    void noMessageQuotesAnyPartOfTheFile() {
        java.util.Random r = new java.util.Random(42);
        String head = "[Interface]\nPrivateKey = " + PRIVATE + "\n";
        String peer = "[Peer]\nPublicKey = " + PEER + "\n";
        List<String> templates = new java.util.ArrayList<>(List.of("@@\n", "root:@@:20228:0:99999:7:::\n",
                "@@ = value\n", "key = @@\n", "[@@]\n", "[Interface\n@@\n", head + "@@\n", head + "@@ = 1\n", head + "[@@]\n",
                head + "@@\u001b\n", head + "@@\u0000\n", head + "PrivateKey = @@\n", "[Interface]\nPrivateKey = @@!\n",
                head + "Address = 10.0.0.1/@@\n", head + peer + "Endpoint = @@:51820\n", head + peer + "Endpoint = [@@]:1\n",
                head + peer + "Endpoint = 10.0.0.1:@@\n", head + peer + "@@ = 1\n", head + peer + "PublicKey2 = @@\n"));
        for (String k : List.of("ListenPort", "FwMark", "Address", "DNS", "MTU", "Table", "SaveConfig")) {
            templates.add(head + k + " = @@\n");
            templates.add(head + k + " = 1, @@\n");
        }
        for (String k : List.of("PublicKey", "PresharedKey", "AllowedIPs", "Endpoint", "PersistentKeepalive")) {
            templates.add(head + peer + k + " = @@\n");
            templates.add(head + peer + k + " = @@ @@\n");
        }
        int checked = 0;
        for (String t : templates) {
            for (String secret : List.of(secret(r, 44, true), secret(r, 20, false))) {
                String text = t.replace("@@", secret);
                ConfigException e;
                try {
                    parse(text);
                    continue; // a host name is a fine Endpoint, a word a fine DNS search domain
                } catch (ConfigException x) {
                    e = x;
                }
                String message = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
                for (int i = 0; i + 5 <= secret.length(); i++) {
                    String part = secret.substring(i, i + 5);
                    assertFalse(message.contains(part), "'" + part + "' of the file is in: " + e.getMessage());
                }
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked);
    }

    private static String secret(java.util.Random r, int length, boolean base64) {
        String alphabet = base64 ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                : "abcdefghijklmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
