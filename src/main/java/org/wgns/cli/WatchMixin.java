package org.wgns.cli;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.wgns.WgnsException;
import org.wgns.status.Watch;
import picocli.CommandLine.Option;

/** --watch[=SECONDS] for the commands a status bar reads: one process that prints a line per change. */
public final class WatchMixin {
    @Option(names = "--watch", arity = "0..1", fallbackValue = "5", paramLabel = "SECONDS",
            description = "For status bars, with --json: keep running, and print a line at start, on every change "
                    + "(checked every SECONDS, default 5) and, unchanged, once a minute.")
    Integer seconds;

    boolean on() {
        return seconds != null;
    }

    /** Usage errors first, before anything is read. */
    void check(boolean json) {
        if (seconds == null) {
            return;
        }
        if (!json) {
            throw WgnsException.usage("--watch prints JSON lines: add --json (for a table that refreshes: watch wgns list)");
        }
        if (seconds < 1 || seconds > 3600) {
            throw WgnsException.usage("--watch takes 1 to 3600 seconds");
        }
    }

    /** Runs until the reader goes away (exit 0) or a signal ends it. */
    int run(Wgns root, Supplier<Object> read, UnaryOperator<Object> sameness) {
        new Watch(root.host.clock(), Cli.out(root)).run(seconds, read, sameness);
        return 0;
    }
}
