package org.wgns.tunnel;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.wgns.os.Host;
import org.wgns.portforward.ForwardStatus;

/**
 * After `up --port-forward`: the gateway's first answer, said in one line — the port, or why there
 * is none yet. The tunnel is up either way; the helper keeps asking.
 */
final class FirstPort {
    /** Longer than one round of requests (under 4 s for UDP, as much again for TCP). */
    static final long WAIT_MS = 9000;

    private final Host host;
    private final Consumer<String> notices;

    FirstPort(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    void report(Path dir) {
        long deadline = host.clock().millis() + WAIT_MS;
        Optional<ForwardStatus> s = ForwardStatus.read(dir);
        while (!answered(s) && host.clock().millis() < deadline) {
            host.clock().sleep(50);
            s = ForwardStatus.read(dir);
        }
        if (s.isPresent() && !s.get().ports().none()) {
            notices.accept("forwarded port " + s.get().ports().port() + " (in " + dir.resolve(ForwardStatus.PORT_FILE) + ")"
                    + (s.get().problem() == null ? "" : "; " + s.get().problem()));
        } else if (s.isPresent() && s.get().problem() != null) {
            notices.accept("no forwarded port yet: " + s.get().problem());
        } else {
            notices.accept("no forwarded port yet: the gateway has not answered; the helper keeps asking");
        }
    }

    private static boolean answered(Optional<ForwardStatus> s) {
        return s.isPresent() && (!s.get().ports().none() || s.get().problem() != null);
    }
}
