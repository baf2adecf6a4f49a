package org.wgns.publish;

import java.net.InetAddress;
import org.wgns.config.IpLiteral;

/** --publish [HOSTADDR:]HOSTPORT:PORT[/tcp]: HOSTADDR:HOSTPORT on the host reaches PORT inside. */
public record Publish(InetAddress hostAddr, int hostPort, int port) {
    public Publish {
        if (hostPort < 1 || hostPort > 65535 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("ports are 1 to 65535");
        }
    }

    public static Publish parse(String text) {
        String t = text;
        if (t.toLowerCase(java.util.Locale.ROOT).endsWith("/tcp")) {
            t = t.substring(0, t.length() - 4);
        } else if (t.contains("/")) {
            throw new IllegalArgumentException("only tcp can be published");
        }
        String addr = "127.0.0.1";
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw bad(text);
            }
            addr = t.substring(1, close);
            t = t.substring(close + 2);
        } else {
            String[] p = t.split(":");
            if (p.length == 3) {
                addr = p[0];
                t = p[1] + ":" + p[2];
            }
        }
        String[] ports = t.split(":");
        InetAddress a = IpLiteral.parse(addr);
        if (a == null || ports.length != 2 || !ports[0].matches("[0-9]{1,5}") || !ports[1].matches("[0-9]{1,5}")) {
            throw bad(text);
        }
        return new Publish(a, Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + org.wgns.Names.printable(text)
                + "' is not [HOSTADDR:]HOSTPORT:PORT[/tcp] (e.g. 8080:80, 127.0.0.1:8080:80)");
    }

    public String hostSide() {
        String a = IpLiteral.format(hostAddr);
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + hostPort;
    }

    @Override
    public String toString() {
        return hostSide() + ":" + port + "/tcp";
    }
}
