package org.wgns.cli;

import java.io.PrintWriter;
import org.wgns.WgnsException;
import org.wgns.os.Host;

/** What the command classes share: their streams and the root check. */
final class Cli {
    private Cli() {}

    static PrintWriter out(Wgns root) {
        return root.spec.commandLine().getOut();
    }

    static PrintWriter err(Wgns root) {
        return root.spec.commandLine().getErr();
    }

    /**
     * The read-only commands for a caller who is not root: the same command again through sudo
     * (replacing this process), as exec does. Returns only when already root.
     */
    static void rootOrSudo(Wgns root) {
        if (root.host.root()) {
            return;
        }
        var spec = org.wgns.exec.Sudo.again(root.host, Exec.launcher(),
                root.spec.commandLine().getParseResult().originalArgs());
        int errno = root.execPort.execve(spec.path(), spec.argv(), spec.env());
        throw WgnsException.failure("cannot run " + spec.path() + " (errno " + errno + ")");
    }

    /** Notices and warnings on stderr, each a line that says which command speaks: "wgns up: ...". */
    static java.util.function.Consumer<String> notices(Wgns root, String command) {
        PrintWriter err = err(root);
        return n -> {
            err.println("wgns " + command + ": " + n);
            err.flush();
        };
    }

    static void requireRoot(Host host, String what) {
        if (!host.root()) {
            throw WgnsException.failure("must be run as root (try: sudo wgns " + what + ")");
        }
    }
}
