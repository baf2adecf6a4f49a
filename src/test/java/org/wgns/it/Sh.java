package org.wgns.it;

import java.util.List;
import org.wgns.os.Command;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/** Commands the integration tests run themselves, to build topologies and look at the result. */
final class Sh {
    private static final ProcessRunner RUNNER = new ProcessRunner();

    private Sh() {}

    static Result run(String... argv) {
        return RUNNER.run(Command.of(argv).withTimeout(Machine.seconds(60)));
    }

    static Result input(String input, String... argv) {
        return RUNNER.run(Command.of(argv).withInput(input).withTimeout(Machine.seconds(60)));
    }

    /** Runs and insists on success. */
    static String ok(String... argv) {
        Result r = run(argv);
        if (!r.success()) {
            throw new AssertionError(String.join(" ", argv) + " failed (" + r.exit() + "): " + r.err());
        }
        return r.out();
    }

    static List<String> lines(String... argv) {
        return ok(argv).lines().toList();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
