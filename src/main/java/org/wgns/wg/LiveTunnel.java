package org.wgns.wg;

import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;

/**
 * `wg` on a tunnel that is up, wherever it lives: a userspace tunnel answers on its socket in
 * the host (under the temporary name), a kernel one only inside its namespace (under IFACE).
 */
public final class LiveTunnel {
    private final Host host;
    private final TunnelRef state;

    public LiveTunnel(Host host, TunnelRef state) {
        this.host = host;
        this.state = state;
    }

    private List<String> wg(String... args) {
        List<String> argv = new ArrayList<>();
        String ifname;
        if (state.mode() == Mode.KERNEL) {
            argv.addAll(List.of("ip", "netns", "exec", state.namespace()));
            ifname = state.iface();
        } else {
            ifname = state.tmpName();
        }
        argv.add("wg");
        argv.add(args[0]);
        argv.add(ifname);
        argv.addAll(List.of(args).subList(1, args.length));
        return argv;
    }

    public WgDump.Iface dump() {
        Result r = host.run(Command.of(wg("show", "dump")));
        if (!r.success()) {
            throw WgnsException.failure("wg show: " + r.reason());
        }
        WgDump.Iface i = WgDump.parseOne(state.iface(), r.out());
        if (i == null) {
            throw WgnsException.failure("wg show: no interface");
        }
        return i;
    }

    /** `wg set IFACE ARGS...`: peer settings only, never a key on the command line. */
    public void set(List<String> args) {
        List<String> argv = wg("set");
        argv.addAll(args);
        Result r = host.run(Command.of(argv));
        if (!r.success()) {
            throw WgnsException.failure("wg set: " + r.reason());
        }
    }

    /** `wg syncconf IFACE /dev/stdin`: peers, keys, endpoints and allowed IPs as the text says; the key on stdin. */
    public void syncconf(byte[] setconfText) {
        List<String> argv = wg("syncconf");
        argv.add("/dev/stdin");
        Result r = host.run(Command.of(argv)
                .withSecretInput(setconfText));
        if (!r.success()) {
            throw WgnsException.failure("wg syncconf: " + r.reason());
        }
    }

    /** The newest handshake of any peer, epoch seconds, 0 for never. */
    public long latestHandshake() {
        return dump().latestHandshake();
    }
}
