package org.wgns.tunnel;

import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.plan.Undo;

/** wg-quick's hooks, run inside the namespace with %i meaning the interface, as root (only with --run-hooks). */
final class HookRunner {
    private HookRunner() {}

    static void run(Host host, NamespaceName ns, InterfaceName iface, String kind, int n, String command) {
        String c = command.replace("%i", iface.value());
        Result r = host.run(Command.of("ip", "netns", "exec", ns.value(), "/bin/sh", "-c", c));
        if (!r.success()) {
            // Not the command itself: it comes from a file the message should not quote.
            throw WgnsException.failure(kind + " hook " + n + ": " + r.reason());
        }
    }

    /** For down: a failing hook is said, and the rest of down goes on. */
    static Undo tolerant(Host host, NamespaceName ns, InterfaceName iface, String kind, int n, String command) {
        return Undo.action("run " + kind + " hook", () -> run(host, ns, iface, kind, n, command));
    }
}
