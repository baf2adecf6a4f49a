package org.wgns.os;

import java.nio.file.Path;

/**
 * Where wgns reads and writes on the file system. One place, so tests can point all of it at a
 * temporary directory.
 */
public record Layout(
        Path netnsDir,
        Path etcNetns,
        Path stateDir,
        Path wgSocketDir,
        Path etc,
        Path proc,
        Path sys,
        Path systemdUnits,
        Path libModules,
        Path dev) {

    public static Layout system() {
        return new Layout(Path.of("/run/netns"), Path.of("/etc/netns"), Path.of("/run/wgns"),
                Path.of("/var/run/wireguard"), Path.of("/etc"), Path.of("/proc"), Path.of("/sys"),
                Path.of("/etc/systemd/system"), Path.of("/lib/modules"), Path.of("/dev"));
    }

    /** Everything under one root, for tests. */
    public static Layout under(Path root) {
        return new Layout(root.resolve("run/netns"), root.resolve("etc/netns"), root.resolve("run/wgns"),
                root.resolve("var/run/wireguard"), root.resolve("etc"), root.resolve("proc"), root.resolve("sys"),
                root.resolve("etc/systemd/system"), root.resolve("lib/modules"), root.resolve("dev"));
    }

    public Path netns(String name) {
        return netnsDir.resolve(name);
    }

    public Path etcNetns(String name) {
        return etcNetns.resolve(name);
    }

    /** The TUN clone device every userspace WireGuard opens. */
    public Path tun() {
        return dev.resolve("net/tun");
    }

    public Path wgSocket(String ifname) {
        return wgSocketDir.resolve(ifname + ".sock");
    }
}
