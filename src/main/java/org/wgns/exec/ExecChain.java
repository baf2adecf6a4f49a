package org.wgns.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chain that `wgns exec` turns into: `ip netns exec` (the namespace, a private mount
 * namespace, /etc/netns/NAME bound over /etc), a shell line that hides the host's resolver
 * sockets in that mount namespace, setpriv to become the user with their groups, the app.
 * Each step execs the next: no process stays behind.
 */
public final class ExecChain {
    /**
     * nscd and systemd-resolved answer over UNIX sockets, which would carry lookups out of the
     * namespace to the host's resolver. /dev/null bound over them closes that door.
     */
    public static final String HIDE_HOST_RESOLVERS =
            "for s in /run/nscd/socket /var/run/nscd/socket /run/systemd/resolve/io.systemd.Resolve; do"
                    + " [ -S \"$s\" ] && mount --bind /dev/null \"$s\" 2>/dev/null; done; exec \"$@\"";

    private ExecChain() {}

    /**
     * @param user the user the app runs as; null keeps root
     */
    public static ExecSpec build(String ip, String setpriv, String namespace, UserEntry user, String command,
            List<String> args, Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of(ip, "netns", "exec", namespace, "/bin/sh", "-c", HIDE_HOST_RESOLVERS,
                "wgns-exec"));
        if (user != null && user.uid() != 0) {
            argv.addAll(List.of(setpriv, "--reuid=" + user.uid(), "--regid=" + user.gid(), "--init-groups", "--"));
        }
        argv.add(command);
        argv.addAll(args);
        return new ExecSpec(ip, argv, env);
    }
}
