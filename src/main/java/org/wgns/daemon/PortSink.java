package org.wgns.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wgns.firewall.Firewall;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.portforward.ForwardStatus;
import org.wgns.portforward.Forwarded;
import org.wgns.portforward.Renewer;

/**
 * What a new forwarded port changes: the namespace's firewall (the set of forwarded ports, in one
 * nft transaction), the port file apps read, and the user's --on-port-change command, which runs
 * inside the namespace as that user (the recorded exec chain, the port appended). What fails is
 * said in the status, one line; the renewer goes on.
 */
final class PortSink implements Renewer.Sink {
    static final Duration HOOK_TIMEOUT = Duration.ofSeconds(60);

    private final Host host;
    private final String ns;
    private final Path dir;
    private final boolean firewall;
    private final List<String> onChange;
    private String problem;

    PortSink(Host host, String ns, Path dir, boolean firewall, List<String> onChange) {
        this.host = host;
        this.ns = ns;
        this.dir = dir;
        this.firewall = firewall;
        this.onChange = List.copyOf(onChange);
    }

    @Override
    public void changed(Forwarded now) {
        problem = null;
        if (firewall) {
            Set<Integer> ports = new LinkedHashSet<>();
            for (int p : new int[] {now.udp(), now.tcp()}) {
                if (p != 0) {
                    ports.add(p);
                }
            }
            Result r = host.run(Command.of("ip", "netns", "exec", ns, "nft", "-f", "-").withInput(Firewall.forwardedPorts(ports)));
            if (!r.success()) {
                problem = "the firewall could not be changed: " + r.reason();
            }
        }
        try {
            if (now.none()) {
                ForwardStatus.removePort(dir);
            } else {
                ForwardStatus.writePort(dir, now.port());
            }
        } catch (IOException e) {
            problem = "cannot write " + dir.resolve(ForwardStatus.PORT_FILE) + ": " + e.getMessage();
        }
        if (!now.none() && !onChange.isEmpty()) {
            runHook(now.port());
        }
    }

    private void runHook(int port) {
        List<String> argv = new ArrayList<>(onChange);
        argv.add(Integer.toString(port));
        Result r = host.run(Command.of(argv).withTimeout(HOOK_TIMEOUT).withMaxOutput(64 * 1024));
        if (!r.success()) {
            problem = "--on-port-change " + (r.exit() < 0 ? "did not finish in " + HOOK_TIMEOUT.toSeconds() + " s"
                    : "exited with status " + r.exit());
        }
    }

    @Override
    public void status(ForwardStatus s) {
        ForwardStatus out = s.problem() == null && problem != null ? new ForwardStatus(s.ports(), s.renewed(), s.lifetime(), problem) : s;
        try {
            out.write(dir);
        } catch (IOException e) {
            // The state directory is gone: down is ending this helper.
        }
    }
}
