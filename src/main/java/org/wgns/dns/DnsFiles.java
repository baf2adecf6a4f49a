package org.wgns.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.wgns.config.IpLiteral;

/**
 * The namespace's /etc/netns/NAME/resolv.conf and nsswitch.conf. `ip netns exec` binds them over
 * /etc's, so lookups inside use the tunnel's DNS servers and never the host's
 * systemd-resolved or mDNS (nsswitch "hosts: files dns").
 */
public final class DnsFiles {
    public static final String MARK = "# Written by wgns for namespace ";
    static final int GLIBC_MAX_NAMESERVERS = 3;

    private DnsFiles() {}

    /** Nameservers from the config and --dns, or the host's own when there are none, minus loopback ones. */
    public record Choice(List<String> servers, List<String> search, List<String> notices) {}

    public static Choice choose(List<InetAddress> configDns, List<String> configSearch, List<InetAddress> extra,
            String hostResolvConf) {
        List<String> servers = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (InetAddress a : configDns) {
            add(servers, a, notices);
        }
        for (InetAddress a : extra) {
            add(servers, a, notices);
        }
        List<String> search = new ArrayList<>(configSearch);
        if (servers.isEmpty()) {
            List<String> hostServers = new ArrayList<>();
            for (String line : hostResolvConf.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) {
                    InetAddress a = IpLiteral.parse(f[1]);
                    if (a != null && !a.isLoopbackAddress() && !a.isAnyLocalAddress()) {
                        hostServers.add(IpLiteral.format(a));
                    }
                }
            }
            if (hostServers.isEmpty()) {
                notices.add("warning: no DNS= in the config and no --dns: name lookups inside will fail"
                        + " (the host's resolver is local and cannot be reached from the namespace)");
            } else {
                notices.add("warning: no DNS= in the config and no --dns: lookups inside go through the tunnel to the"
                        + " host's nameservers " + String.join(", ", hostServers) + ", which the VPN may not reach");
                servers.addAll(hostServers);
            }
        }
        if (servers.size() > GLIBC_MAX_NAMESERVERS) {
            notices.add("warning: " + servers.size() + " nameservers given; glibc uses only the first "
                    + GLIBC_MAX_NAMESERVERS);
        }
        return new Choice(servers, search, notices);
    }

    private static void add(List<String> servers, InetAddress a, List<String> notices) {
        String s = IpLiteral.format(a);
        if (a.isLoopbackAddress()) {
            notices.add("warning: ignoring DNS server " + s + ": a loopback resolver inside the namespace is the"
                    + " namespace's own, not the host's");
            return;
        }
        if (!servers.contains(s)) {
            servers.add(s);
        }
    }

    public static String resolvConf(String namespace, Choice c) {
        StringBuilder b = new StringBuilder();
        b.append(MARK).append(namespace).append("; removed by wgns down.\n");
        if (c.servers().isEmpty()) {
            b.append("# No nameserver: lookups fail instead of leaving the tunnel.\n");
        }
        for (String s : c.servers()) {
            b.append("nameserver ").append(s).append('\n');
        }
        if (!c.search().isEmpty()) {
            b.append("search ").append(String.join(" ", c.search())).append('\n');
        }
        return b.toString();
    }

    /** The host's nsswitch.conf with hosts: replaced by "files dns" (or added when missing). */
    public static String nsswitch(String namespace, String hostNsswitch) {
        StringBuilder b = new StringBuilder();
        b.append(MARK).append(namespace).append("; removed by wgns down.\n");
        b.append("# The host's, except hosts: lookups go to resolv.conf's servers (through the tunnel),\n");
        b.append("# never to systemd-resolved, mDNS or other host-side services.\n");
        boolean replaced = false;
        for (String line : hostNsswitch.split("\n", -1)) {
            if (line.stripLeading().startsWith("hosts:")) {
                if (!replaced) {
                    b.append("hosts: files dns\n");
                    replaced = true;
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            b.append(line).append('\n');
        }
        if (!replaced) {
            b.append("hosts: files dns\n");
        }
        return b.toString();
    }
}
