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
        String i = "[Interface]\nPrivateKey = " + PRIVATE + "\n";
        String p = "[Peer]\nPublicKey = " + PEER + "\n";
        return Stream.of(
                Arguments.of("", 0, "is empty"),
                Arguments.of("\n\n# only a comment\n", 0, "is empty"),
                Arguments.of("[Peer]\nPublicKey = " + PEER + "\n", 0, "has no [Interface] section"),
                Arguments.of("PrivateKey = " + PRIVATE + "\n", 1, "before any [Interface] or [Peer] section"),
                Arguments.of("[Interface]\nAddress = 10.0.0.2/32\n", 1, "[Interface] has no PrivateKey"),
                Arguments.of(i + "[Peer]\nAllowedIPs = 0.0.0.0/0\n", 3, "[Peer] has no PublicKey"),
                Arguments.of(i + "Foo = bar\n", 3, "unknown key 'Foo' in [Interface]"),
                Arguments.of(i + p + "Bouncing = 1\n", 5, "unknown key 'Bouncing' in [Peer]"),
                Arguments.of(i + "[Interfaces]\n", 3, "unknown section [Interfaces]"),
                Arguments.of(i + "[Peer\n", 3, "section header without closing ']'"),
                Arguments.of(i + "Address 10.0.0.2\n", 3, "expected 'Key = Value'"),
                Arguments.of(i + "= 10.0.0.2\n", 3, "a value without a key"),
                Arguments.of("[Interface]\nPrivateKey = abc\n", 2, "PrivateKey: a key is 44 characters"),
                Arguments.of("[Interface]\nPrivateKey =\n", 2, "PrivateKey: empty"),
                Arguments.of("[Interface]\nPrivateKey = " + PRIVATE.replace('y', '*') + "\n", 2, "PrivateKey: a key is 44"),
                Arguments.of("[Interface]\nPrivateKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", 2, "44 characters"),
                Arguments.of(i + p + "PresharedKey = nope\n", 5, "PresharedKey: a key is 44"),
                Arguments.of(i + "[Peer]\nPublicKey = short=\n", 4, "PublicKey: a key is 44"),
                Arguments.of(i + "Address = 10.0.0.300/32\n", 3, "Address: '10.0.0.300/32' is not an IP address"),
                Arguments.of(i + "Address = 10.0.0.2/33\n", 3, "bad prefix length (0 to 32)"),
                Arguments.of(i + "Address = fd00::2/129\n", 3, "bad prefix length (0 to 128)"),
                Arguments.of(i + "Address = 10.0.0.2/x\n", 3, "bad prefix length"),
                Arguments.of(i + "Address = vpn.example.com\n", 3, "is not an IP address"),
                Arguments.of(i + p + "AllowedIPs = 0.0.0.0/0, 10.0.0.0/99\n", 5, "AllowedIPs: '10.0.0.0/99' has a bad prefix"),
                Arguments.of(i + "ListenPort = 65536\n", 3, "ListenPort: '65536' is not a port (0 to 65535)"),
                Arguments.of(i + "ListenPort = -1\n", 3, "is not a port"),
                Arguments.of(i + "ListenPort = abc\n", 3, "is not a port"),
                Arguments.of(i + p + "Endpoint = 198.51.100.1:0\n", 5, "endpoint port 0 is out of range"),
                Arguments.of(i + p + "Endpoint = 198.51.100.1:70000\n", 5, "endpoint port 70000 is out of range"),
                Arguments.of(i + p + "Endpoint = 198.51.100.1\n", 5, "is not host:port"),
                Arguments.of(i + p + "Endpoint = 2001:db8::1:51820\n", 5, "an IPv6 endpoint needs brackets"),
                Arguments.of(i + p + "Endpoint = [2001:db8::1]51820\n", 5, "is not [IPv6]:port"),
                Arguments.of(i + p + "Endpoint = [10.0.0.1]:51820\n", 5, "in brackets is not an IPv6 address"),
                Arguments.of(i + p + "Endpoint = bad_host!:51820\n", 5, "neither an IP address nor a host name"),
                Arguments.of(i + p + "PersistentKeepalive = 70000\n", 5, "PersistentKeepalive: '70000' is not 'off' or seconds"),
                Arguments.of(i + p + "PersistentKeepalive = sometimes\n", 5, "is not 'off' or seconds"),
                Arguments.of(i + "MTU = 100\n", 3, "MTU: '100' is not an MTU (576 to 65535)"),
                Arguments.of(i + "MTU = 1000\nAddress = fd00::2/128\n", 1, "below 1280"),
                Arguments.of(i + "FwMark = 0x1ffffffff\n", 3, "FwMark: '0x1ffffffff' is not 'off' or a 32-bit mark"),
                Arguments.of(i + "SaveConfig = yes\n", 3, "SaveConfig: is 'true' or 'false'"),
                Arguments.of(i + "DNS = 10.0.0.1, not/valid\n", 3, "'not/valid' is neither an IP address nor a search domain"),
                Arguments.of(i + "Table = a b c\n", 3, "Table: 'a b c' is not a routing table"),
                Arguments.of(i + "PrivateKey = " + PRIVATE + "\n", 3, "'PrivateKey' given twice in one section (also on line 2)"),
                Arguments.of(i + "[Interface]\nPrivateKey = " + PRIVATE + "\n", 3, "a second [Interface] section (the first is on line 1)"),
                Arguments.of(i + p + p, 5, "[Peer] has the same PublicKey as the [Peer] on line 3"),
                Arguments.of(i + "PublicKey = " + PEER + "\n", 3, "'PublicKey' belongs in a [Peer] section"),
                Arguments.of(i + p + "Address = 10.0.0.2/32\n", 5, "'Address' belongs in the [Interface] section"),
                Arguments.of(i + p + "PostUp = echo\n", 5, "'PostUp' belongs in the [Interface] section"),
                Arguments.of(i + "Address = 10.0.0.2\u0000\n", 3, "binary data (a NUL byte)"),
                Arguments.of(i + "Address = \u001b[31m\n", 3, "control character 0x1b"));
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
    void fileErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.conf");
        assertEquals(missing + ": no such file", assertThrows(ConfigException.class, () -> ConfigParser.parse(missing)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(dir)).getMessage().endsWith("is a directory, not a config file"));
        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[ConfigParser.MAX_BYTES + 1]);
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(big)).getMessage().contains("at most"));
        Path fifo = dir.resolve("fifo.conf");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assertEquals(fifo + ": is not a regular file", assertThrows(ConfigException.class, () -> ConfigParser.parse(fifo)).getMessage());
        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, new byte[] {'[', (byte) 0xe9, ']', '\n'});
        assertTrue(assertThrows(ConfigException.class, () -> ConfigParser.parse(latin1)).getMessage().contains("not UTF-8"));
    }

    @Test
    void warnsWhenOthersMayReadTheKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wg0.conf");
        Files.writeString(f, SEED);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(ConfigFiles.readableByOthers(f).orElseThrow().contains("readable by others"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertTrue(ConfigFiles.readableByOthers(f).isEmpty());
        assertEquals(1, ConfigParser.parse(f).peers().size());
    }

    @Test
    void tooManyPeers() {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + PRIVATE + "\n");
        java.util.Random r = new java.util.Random(1);
        for (int n = 0; n <= ConfigParser.MAX_PEERS; n++) {
            byte[] k = new byte[32];
            r.nextBytes(k);
            b.append("[Peer]\nPublicKey = ").append(java.util.Base64.getEncoder().encodeToString(k)).append('\n');
        }
        ConfigException e = assertThrows(ConfigException.class, () -> parse(b.toString()));
        assertTrue(e.getMessage().contains("at most " + ConfigParser.MAX_PEERS));
    }
}
