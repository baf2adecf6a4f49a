package org.wgns.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What wgns (or a test) could leave behind on this machine: client namespaces of the tests,
 * wgns's temporary links and daemons and sockets, /run/wgns, /etc/netns entries. find() lists
 * them; clean() removes them, so that one failed test does not break the next.
 */
final class Leftovers {
    static final String CLIENT_PREFIX = "wgit-c";

    private Leftovers() {}

    static List<String> find() {
        List<String> out = new ArrayList<>();
        for (String ns : list(Path.of("/run/netns"))) {
            if (ns.startsWith(CLIENT_PREFIX)) {
                out.add("namespace " + ns);
            }
        }
        for (String link : list(Path.of("/sys/class/net"))) {
            if (link.startsWith("wgns")) {
                out.add("link " + link);
            }
        }
        for (String sock : list(Path.of("/var/run/wireguard"))) {
            if (sock.startsWith("wgns")) {
                out.add("socket " + sock);
            }
        }
        for (String line : Sh.run("pgrep", "-a", "-f", "^wireguard-go wgns").out().lines().toList()) {
            String pid = line.split(" ")[0];
            if (!zombie(pid)) {
                out.add("daemon " + line);
            }
        }
        for (String f : list(Path.of("/run/wgns"))) {
            out.add("/run/wgns/" + f);
        }
        if (Files.exists(Path.of("/run/wgns"))) {
            out.add("/run/wgns");
        }
        for (String f : list(Path.of("/etc/netns"))) {
            if (f.startsWith(CLIENT_PREFIX)) {
                out.add("/etc/netns/" + f);
            }
        }
        return out;
    }

    private static boolean zombie(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** Removes what a client test may have left; the server topology stays. */
    static void clean() {
        clean(CLIENT_PREFIX, "wgns");
    }

    /** Removes everything of the tests, the server topology included. */
    static void cleanAll() {
        clean("wgit-", "wgit");
        clean(CLIENT_PREFIX, "wgns");
    }

    private static void clean(String nsPrefix, String linkPrefix) {
        for (String ns : list(Path.of("/run/netns"))) {
            if (ns.startsWith(nsPrefix)) {
                Sh.run("ip", "netns", "pids", ns).out().lines().forEach(pid -> Sh.run("kill", "-9", pid));
                Sh.run("ip", "netns", "delete", ns);
            }
        }
        for (String link : list(Path.of("/sys/class/net"))) {
            if (link.startsWith(linkPrefix)) {
                Sh.run("ip", "link", "delete", link);
            }
        }
        Sh.run("pkill", "-9", "-f", "^wireguard-go " + linkPrefix);
        for (String sock : list(Path.of("/var/run/wireguard"))) {
            if (sock.startsWith(linkPrefix)) {
                Sh.run("rm", "-f", "/var/run/wireguard/" + sock);
            }
        }
        Sh.run("rm", "-rf", "/run/wgns");
        for (String f : list(Path.of("/etc/netns"))) {
            if (f.startsWith(nsPrefix)) {
                Sh.run("rm", "-rf", "/etc/netns/" + f);
            }
        }
        if (list(Path.of("/etc/netns")).isEmpty()) {
            Sh.run("rmdir", "/etc/netns");
        }
    }

    static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
