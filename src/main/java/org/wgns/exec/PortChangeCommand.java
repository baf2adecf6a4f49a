package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.util.List;
import java.util.Map;
import org.wgns.NamespaceName;
import org.wgns.Names;
import org.wgns.WgnsException;
import org.wgns.os.Caller;
import org.wgns.os.Host;
import org.wgns.policy.OnBehalf;

/**
 * up --on-port-change CMD: the command line the helper runs (as root) each time the forwarded port
 * changes, with the port appended. It is `wgns exec`'s own chain — the namespace, the hidden host
 * resolvers, setpriv to the user with their groups, `env -i` with a fixed environment — ending in
 * the user's /bin/sh running CMD with the port as its last argument. The user is the caller (through
 * sudo, SUDO_UID), or whom root names; never root: a root hook is what --run-hooks, with its checks, is for.
 */
public final class PortChangeCommand {
    private PortChangeCommand() {}

    /** @param userOpt --on-port-change-user, or null */
    public static List<String> argv(Host host, ExecPort port, NamespaceName ns, String userOpt, String cmd) {
        if (cmd.isBlank() || cmd.chars().anyMatch(ch -> ch == 0 || ch == '\n')) {
            throw WgnsException.usage("--on-port-change takes one command line");
        }
        UserEntry user = user(host, port, userOpt);
        if (user.uid() == 0) {
            throw WgnsException.failure("--on-port-change never runs as root: name its user with --on-port-change-user USER");
        }
        String ip = program(host, "ip", "iproute2");
        ExecChain.Tools tools = new ExecChain.Tools(ip, program(host, "setpriv", "util-linux"), program(host, "env", "coreutils"),
                program(host, "unshare", "util-linux"));
        List<String> command = List.of("/bin/sh", "-c", cmd + " \"$@\"", "wgns-port-change");
        return ExecChain.build(tools, ns.value(), user, command, EnvWhitelist.forApp(Map.of(), user, false), false).argv();
    }

    private static UserEntry user(Host host, ExecPort port, String userOpt) {
        Caller c = host.caller();
        if (userOpt == null) {
            if (!c.throughSudo()) {
                throw WgnsException.failure("--on-port-change never runs as root: name its user with --on-port-change-user USER");
            }
            return withGid(c, port.userById(c.uid()).orElseThrow(() -> WgnsException.failure("no user with uid " + c.uid())));
        }
        UserEntry u = (userOpt.matches("[0-9]{1,10}") ? port.userById(Long.parseLong(userOpt)) : port.userByName(userOpt))
                .orElseThrow(() -> WgnsException.failure("--on-port-change-user: no such user: " + Names.printable(userOpt)));
        OnBehalf.portChangeUser(c, u.uid());
        return c.throughSudo() ? withGid(c, u) : u;
    }

    /** Through sudo, the group sudo was called with (SUDO_GID), as exec does. */
    private static UserEntry withGid(Caller c, UserEntry u) {
        return new UserEntry(u.name(), u.uid(), c.gid() >= 0 ? c.gid() : u.gid(), u.home(), u.shell());
    }

    private static String program(Host host, String name, String pkg) {
        return host.which().apply(name).map(Object::toString)
                .orElseThrow(() -> WgnsException.failure(name + " not found (install " + pkg + ")"));
    }
}
