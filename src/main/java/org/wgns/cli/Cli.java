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

    static void requireRoot(Host host, String what) {
        if (!host.root()) {
            throw WgnsException.failure("must be run as root (try: sudo wgns " + what + ")");
        }
    }
}
