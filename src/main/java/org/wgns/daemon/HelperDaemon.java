package org.wgns.daemon;

import java.io.IOException;
import java.nio.file.Path;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.IpLiteral;
import org.wgns.helper.Helper;
import org.wgns.os.Host;
import org.wgns.portforward.ForwardStatus;
import org.wgns.portforward.PortForward;
import org.wgns.portforward.Renewer;
import org.wgns.reach.Relays;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;

/**
 * `wgns helper NAME`, started by `up` only: reads what to do from the namespace's state, makes its
 * sockets inside the namespace (the --reach listeners, the NAT-PMP socket), says it is ready, and
 * serves until it is ended. It runs in the host's namespace; `down` ends it.
 */
public final class HelperDaemon {
    private final Host host;

    public HelperDaemon(Host host) {
        this.host = host;
    }

    /** Returns only when it cannot start (after saying why in its ready file). */
    public void run(NamespaceName name) {
        StateStore store = new StateStore(host.layout().stateDir());
        Path dir = store.dirOf(name);
        NamespaceState s = store.read(name).orElseThrow(() -> WgnsException.failure("no wgns namespace " + name));
        var recorded = s.helping().process();
        if (recorded == null || !recorded.pending() && recorded.pid() != ProcessHandle.current().pid()) {
            throw WgnsException.failure(recorded == null ? name + " has no helper" : name + "'s helper is another process");
        }
        Path nsFile = host.layout().netns(name.value());
        Relays relays;
        Renewer renewer = null;
        try {
            relays = Relays.open(nsFile, s.helping().reach());
            PortForward pf = s.helping().portForward();
            if (pf != null) {
                ForwardStatus.STARTING.write(dir);
                renewer = new Renewer(new NatPmpSocket(nsFile, pf.gateway()), IpLiteral.format(pf.gateway()), host.clock(),
                        new PortSink(host, name.value(), dir, s.details().firewall().enabled(), pf.onChange()));
            }
            Helper.say(dir, "ok");
        } catch (WgnsException | IOException e) {
            say(dir, "failed: " + e.getMessage());
            throw WgnsException.failure(e.getMessage());
        }
        relays.start();
        if (renewer != null) {
            renewer.run();
        }
        while (true) {
            host.clock().sleep(3_600_000);
        }
    }

    private static void say(Path dir, String what) {
        try {
            Helper.say(dir, what);
        } catch (IOException e) {
            // up sees the helper end instead
        }
    }
}
