package org.wgns.tunnel;

import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.wgns.WgnsException;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.state.NamespaceLock;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.publish.PublishProxy;
import org.wgns.wg.UserspaceDaemon;

/**
 * `wgns down`: refuses while processes are inside (after `ip netns delete` they would keep the
 * namespace and its tunnel alive, invisibly) unless told to end them, then tears down and returns
 * only when all is gone.
 */
public final class TunnelDown {
    static final long GRACE_MS = 3000;

    private final Host host;
    private final Consumer<String> notices;

    public TunnelDown(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    public void run(String name, boolean kill) {
        try {
            locked(name, kill);
        } finally {
            Teardown.removeEmptyStateDir(host.layout());
        }
    }

    private void locked(String name, boolean kill) {
        StateStore store = new StateStore(host.layout().stateDir());
        try (NamespaceLock lock = NamespaceLock.acquire(store.dir(), name)) {
            NamespaceState s = store.read(name).orElseThrow(() -> Files.exists(host.layout().netns(name))
                    ? WgnsException.failure("namespace " + name + " was not made by wgns; not touching it")
                    : WgnsException.failure(name + " is not up"));
            Procs procs = host.procs();
            List<Procs.Proc> inside = withoutOwn(procs.inNetns(host.layout().netns(name)), s);
            if (!inside.isEmpty()) {
                if (!kill) {
                    throw WgnsException.failure(inside.size() + " process" + (inside.size() == 1 ? "" : "es")
                            + " still inside " + name + " (" + describe(inside)
                            + "); end them, or run: wgns down " + name + " --kill");
                }
                org.wgns.policy.OnBehalf.kill(host.caller(), inside.stream().map(p -> procs.uid(p.pid())).toList());
                end(name, inside, procs, s);
            }
            new Teardown(host, notices).run(s, true);
        }
    }

    private void end(String name, List<Procs.Proc> inside, Procs procs, NamespaceState s) {
        notices.accept("ending " + describe(inside));
        inside.forEach(p -> host.signals().terminate(p.pid()));
        long deadline = host.clock().millis() + GRACE_MS;
        List<Procs.Proc> left = withoutOwn(procs.inNetns(host.layout().netns(name)), s);
        while (!left.isEmpty() && host.clock().millis() < deadline) {
            host.clock().sleep(20);
            left = withoutOwn(procs.inNetns(host.layout().netns(name)), s);
        }
        for (int round = 0; round < 3 && !left.isEmpty(); round++) {
            // Whoever entered meanwhile is checked again: through sudo, only the caller's own go.
            org.wgns.policy.OnBehalf.kill(host.caller(), left.stream().map(p -> procs.uid(p.pid())).toList());
            left.forEach(p -> host.signals().kill(p.pid()));
            host.clock().sleep(200);
            left = withoutOwn(procs.inNetns(host.layout().netns(name)), s);
        }
        if (!left.isEmpty()) {
            throw WgnsException.failure("could not end " + describe(left));
        }
    }

    /** wgns's own publish proxies live inside too; they are not the user's to end. */
    public static List<Procs.Proc> withoutOwn(List<Procs.Proc> ps, NamespaceState s) {
        java.util.Set<Long> own = new java.util.HashSet<>();
        for (String p : s.publish()) {
            own.add(PublishProxy.pid(p));
        }
        return ps.stream().filter(p -> !own.contains(p.pid())).toList();
    }

    static String describe(List<Procs.Proc> ps) {
        String s = ps.stream().limit(5).map(p -> p.pid() + " " + shorten(p.command())).collect(Collectors.joining(", "));
        return ps.size() > 5 ? s + ", ..." : s;
    }

    private static String shorten(String cmd) {
        return cmd.length() > 40 ? cmd.substring(0, 40) + "..." : cmd;
    }
}
