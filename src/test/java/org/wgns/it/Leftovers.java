package org.wgns.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a test could leave behind on this machine: client namespaces of the tests, wgns's
 * temporary links, daemons and sockets, /run/wgns entries, /etc/netns entries. Only what appeared
 * since the tests began counts and is cleaned: a tunnel someone had up on this machine before is
 * none of the tests' business.
 */
final class Leftovers {
    static final String CLIENT_PREFIX = "wgit-c";
    private static Set<String> baseline;

    private Leftovers() {}

    /** What is there before the first test: never reported, never touched. */
    static synchronized void baseline() {
        if (baseline == null) {
            baseline = new LinkedHashSet<>(all());
        }
    }

    static List<String> find() {
        baseline();
        List<String> out = new ArrayList<>();
        for (String item : all()) {
            if (!baseline.contains(item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static List<String> all() {
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
        for (String line : Sh.run("pgrep", "-a", "-f", "(^|/)wireguard-go wgns").out().lines().toList()) {
            if (!zombie(line.split(" ")[0])) {
                out.add("daemon " + line);
            }
        }
        for (String line : Sh.run("pgrep", "-a", "-f", "org.wgns.cli.Main helper " + CLIENT_PREFIX).out().lines().toList()) {
            if (!zombie(line.split(" ")[0])) {
                out.add("helper " + line);
            }
        }
        // Only the tests' own names: a demo or a tunnel of someone else's may come and go meanwhile.
        for (String f : list(Path.of("/run/wgns"))) {
            if (f.startsWith(CLIENT_PREFIX)) {
                out.add("/run/wgns/" + f);
            }
        }
        for (String f : list(Path.of("/run/wgns/.locks"))) {
            if (f.startsWith(CLIENT_PREFIX)) {
                out.add("/run/wgns/.locks/" + f);
            }
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

    /** Removes what client tests left; the server topology and anything from before stay. */
    static void clean() {
        for (String item : find()) {
            String what = item.substring(item.indexOf(' ') + 1);
            if (item.startsWith("namespace ")) {
                Sh.run("ip", "netns", "pids", what).out().lines().forEach(pid -> Sh.run("kill", "-9", pid));
                Sh.run("ip", "netns", "delete", what);
            } else if (item.startsWith("link ")) {
                Sh.run("ip", "link", "delete", what);
            } else if (item.startsWith("daemon ") || item.startsWith("helper ")) {
                Sh.run("kill", "-9", what.split(" ")[0]);
            } else if (item.startsWith("socket ")) {
                Sh.run("rm", "-f", "/var/run/wireguard/" + what);
            } else if (item.startsWith("/run/wgns/") || item.startsWith("/etc/netns/")) {
                Sh.run("rm", "-rf", item);
            }
        }
        Sh.run("rmdir", "/run/wgns/.locks");
        Sh.run("rmdir", "/run/wgns");
        Sh.run("rmdir", "/etc/netns");
    }

    /** Everything of the tests, the server topology included. */
    static void cleanAll() {
        clean();
        Sh.run("ip", "route", "del", "blackhole", Topology.RANGE, "metric", "4242");
        for (String ns : list(Path.of("/run/netns"))) {
            if (ns.startsWith("wgit-")) {
                Sh.run("ip", "netns", "pids", ns).out().lines().forEach(pid -> Sh.run("kill", "-9", pid));
                Sh.run("ip", "netns", "delete", ns);
            }
        }
        for (String link : list(Path.of("/sys/class/net"))) {
            if (link.startsWith("wgit")) {
                Sh.run("ip", "link", "delete", link);
            }
        }
        Sh.run("pkill", "-9", "-f", "(^|/)wireguard-go wgit");
        for (String sock : list(Path.of("/var/run/wireguard"))) {
            if (sock.startsWith("wgit")) {
                Sh.run("rm", "-f", "/var/run/wireguard/" + sock);
            }
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
