package org.wgns.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drop-in that puts a service inside a wgns namespace: bound to wgns@NAME.service, joined
 * to its network namespace, and given what `ip netns exec` would have given it but systemd does
 * not: the namespace's resolv.conf and nsswitch.conf, and no way to the host's resolver sockets.
 */
public final class DropIn {
    public static final String MARK = "# Written by wgns";
    static final List<String> RESOLVER_DIRS = List.of("/run/systemd/resolve", "/run/nscd");
    static final List<String> RESOLVER_SOCKETS = List.of("/run/systemd/resolve/io.systemd.Resolve",
            "/run/systemd/resolve/io.systemd.Resolve.Monitor", "/run/nscd/socket");

    private DropIn() {}

    public static String fileName(String namespace) {
        return "wgns-" + namespace + ".conf";
    }

    /**
     * @param resolvConf the real path of the host's /etc/resolv.conf: a bind onto a symlink lands
     *     on its target, and would be lost when the host replaces that target
     */
    public static String render(String namespace, String unit, String resolvConf, String nsswitchConf) {
        List<String> hidden = new ArrayList<>();
        for (String dir : RESOLVER_DIRS) {
            if (resolvConf.startsWith(dir + "/")) {
                // resolv.conf itself lives there: hide only the sockets, keep the file we bind over.
                RESOLVER_SOCKETS.stream().filter(s -> s.startsWith(dir + "/")).forEach(hidden::add);
            } else {
                hidden.add(dir);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(MARK).append(": runs ").append(unit).append(" inside network namespace ").append(namespace).append(".\n");
        b.append("# Remove with: wgns systemd detach ").append(namespace).append(' ').append(unit).append('\n');
        b.append("[Unit]\n");
        b.append("Requires=wgns@").append(namespace).append(".service\n");
        b.append("BindsTo=wgns@").append(namespace).append(".service\n");
        b.append("After=wgns@").append(namespace).append(".service\n");
        b.append("\n[Service]\n");
        b.append("NetworkNamespacePath=/run/netns/").append(namespace).append('\n');
        b.append("# What ip netns exec gives and systemd does not: the namespace's DNS, no host resolver.\n");
        b.append("BindReadOnlyPaths=/etc/netns/").append(namespace).append("/resolv.conf:").append(resolvConf).append('\n');
        b.append("BindReadOnlyPaths=/etc/netns/").append(namespace).append("/nsswitch.conf:").append(nsswitchConf).append('\n');
        for (String h : hidden) {
            b.append("InaccessiblePaths=-").append(h).append('\n');
        }
        return b.toString();
    }

    /** The path a file really is at, so binds survive the host swapping a symlink's target. */
    public static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    public static boolean ours(Path file) {
        try {
            return Files.readString(file).startsWith(MARK);
        } catch (IOException e) {
            return false;
        }
    }
}
