package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chain that `wgns exec` turns into, each step exec'ing the next:
 * `ip netns exec` (the namespace, a private mount namespace, /etc/netns/NAME bound over /etc),
 * a root shell line that makes the mount namespace safe, setpriv to become the user with their
 * groups, `env -i` to give the app its environment, the app. The root steps run with a fixed
 * environment; the caller's variables are arguments of `env`, which runs as the user.
 *
 * <p>With isolate, `unshare` first puts the rest in a PID namespace of its own with its own /proc
 * (no process outside can be seen, signalled or traced), the root shell also hides the system
 * bus, the user's runtime directory (session bus, sound, systemd --user), /tmp and /dev/shm, and
 * makes the home read-only (a hostile app must not plant a ~/.bashrc that runs outside); setpriv
 * sets no_new_privs; and a second `unshare --fork` keeps the app from being the namespace's PID 1,
 * which ignores Ctrl-C.
 */
public final class ExecChain {
    /** The programs of the chain, by absolute path. */
    public record Tools(String ip, String setpriv, String env, String unshare) {}

    /**
     * nscd, systemd-resolved and avahi answer over UNIX sockets, which would carry lookups out of
     * the namespace to the host's resolver. /dev/null bound over them closes that door.
     */
    static final String RESOLVERS = "/run/nscd/socket /var/run/nscd/socket /run/systemd/resolve/io.systemd.Resolve"
            + " /run/avahi-daemon/socket";

    public static final String HIDE_HOST_RESOLVERS = "for s in " + RESOLVERS + "; do"
            + " [ -S \"$s\" ] && mount --bind /dev/null \"$s\" 2>/dev/null; done; exec \"$@\"";

    /** Arguments: UID GID HOME, then the rest of the chain. */
    public static final String ISOLATE = "u=$1 g=$2 h=$3; shift 3;"
            + " fail() { echo \"wgns exec --isolate: cannot $1\" >&2; exit 125; };"
            + " for s in " + RESOLVERS + " /run/dbus/system_bus_socket /var/run/dbus/system_bus_socket; do"
            + " [ -S \"$s\" ] && { mount --bind /dev/null \"$s\" || fail \"hide $s\"; }; done;"
            + " for d in /tmp /var/tmp /dev/shm; do [ -d \"$d\" ] && { mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs \"$d\""
            + " || fail \"make a private $d\"; }; done;"
            + " if [ -d /run/user ]; then mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run/user || fail 'hide /run/user';"
            + " mkdir /run/user/$u && chown $u:$g /run/user/$u && chmod 0700 /run/user/$u || fail 'make /run/user/'$u; fi;"
            + " if [ \"$u\" != 0 ] && [ -d \"$h\" ]; then mount --bind \"$h\" \"$h\" && mount -o remount,bind,ro \"$h\""
            + " || fail \"make $h read-only\"; fi;"
            + " exec \"$@\"";

    private ExecChain() {}

    /** @param user the user the app runs as (root: uid 0) */
    public static ExecSpec build(Tools t, String namespace, UserEntry user, List<String> command,
            Map<String, String> appEnv, boolean isolate) {
        List<String> argv = new ArrayList<>(List.of(t.ip(), "netns", "exec", namespace));
        boolean asUser = user.uid() != 0;
        if (isolate) {
            argv.addAll(List.of(t.unshare(), "--pid", "--fork", "--kill-child", "--mount-proc"));
            argv.addAll(List.of("/bin/sh", "-c", ISOLATE, "wgns-exec", Long.toString(user.uid()), Long.toString(user.gid()),
                    user.home()));
        } else {
            argv.addAll(List.of("/bin/sh", "-c", HIDE_HOST_RESOLVERS, "wgns-exec"));
        }
        if (asUser) {
            argv.addAll(List.of(t.setpriv(), "--reuid=" + user.uid(), "--regid=" + user.gid(), "--init-groups"));
            if (isolate) {
                argv.add("--no-new-privs");
            }
            argv.add("--");
        }
        argv.addAll(List.of(t.env(), "-i"));
        appEnv.forEach((k, v) -> argv.add(k + "=" + v));
        if (isolate) {
            argv.addAll(List.of(t.unshare(), "--fork", "--kill-child", "--"));
        }
        if (command.get(0).indexOf('=') >= 0) {
            // env would take it for one more variable.
            argv.addAll(List.of("/bin/sh", "-c", "exec \"$@\"", "wgns-exec"));
        }
        argv.addAll(command);
        return new ExecSpec(t.ip(), argv, EnvWhitelist.forChain());
    }
}
