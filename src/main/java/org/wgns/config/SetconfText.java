package org.wgns.config;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The config as `wg setconf` takes it: only the keys wg knows, endpoints already resolved (so
 * wg never looks a name up, wherever it runs). It holds the private key: it goes to wg on
 * stdin and nowhere else.
 */
public final class SetconfText {
    private SetconfText() {}

    public static byte[] render(WgConfig config, Map<Endpoint, InetAddress> resolved) {
        return render(config, resolved, false);
    }

    /**
     * @param withoutKeepalive leave keepalives out: they are switched on once the link is up,
     *     which sends the first one at once and so starts the handshake (for up --wait)
     */
    public static byte[] render(WgConfig config, Map<Endpoint, InetAddress> resolved, boolean withoutKeepalive) {
        StringBuilder b = new StringBuilder();
        InterfaceSection i = config.iface();
        b.append("[Interface]\n");
        b.append("PrivateKey = ").append(i.privateKey().base64()).append('\n');
        i.listenPort().ifPresent(p -> b.append("ListenPort = ").append(p).append('\n'));
        i.fwMark().ifPresent(m -> b.append("FwMark = ").append(m == 0 ? "off" : "0x" + Long.toHexString(m)).append('\n'));
        for (Peer p : config.peers()) {
            b.append("\n[Peer]\n");
            b.append("PublicKey = ").append(p.publicKey().base64()).append('\n');
            p.presharedKey().ifPresent(k -> b.append("PresharedKey = ").append(k.base64()).append('\n'));
            if (!p.allowedIps().isEmpty()) {
                b.append("AllowedIPs = ")
                        .append(p.allowedIps().stream().map(Cidr::toString).collect(Collectors.joining(", ")))
                        .append('\n');
            }
            p.endpoint().ifPresent(e -> {
                InetAddress a = e.literal() != null ? e.literal() : resolved.get(e);
                if (a == null) {
                    throw new IllegalStateException("endpoint not resolved: " + e);
                }
                b.append("Endpoint = ").append(Endpoint.format(a, e.port())).append('\n');
            });
            if (p.persistentKeepalive() > 0 && !withoutKeepalive) {
                b.append("PersistentKeepalive = ").append(p.persistentKeepalive()).append('\n');
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
