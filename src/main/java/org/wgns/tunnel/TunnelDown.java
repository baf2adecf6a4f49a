package org.wgns.tunnel;

import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.plan.PlanRunner;
import org.wgns.policy.OnBehalf;
import org.wgns.publish.PublishProxy;
import org.wgns.state.NamespaceLock;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;

/**
 * `wgns down`: refuses while processes are inside (after `ip netns delete` they would keep the
 * namespace and its tunnel alive, invisibly) unless told to end them, then takes away everything
 * the state names — with the same undos `up` unwinds with ({@link Undos}) — and returns only when
 * all is gone. The next `up` after one that was killed does the same, without hooks.
 */
public final class TunnelDown {
    static final long GRACE_MS = 3000;

    private final Host host;
    private final Consumer<String> notices;
    private final StateStore store;

    public TunnelDown(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
        this.store = new StateStore(host.layout().stateDir());
    }

    public void run(NamespaceName name, boolean kill) {
        try (NamespaceLock lock = NamespaceLock.acquire(store.dir(), name)) {
            NamespaceState s = store.read(name).orElse(null);
            if (s == null) {
                // An up killed before its first state was written leaves at most an empty directory.
                store.delete(name);
                throw Files.exists(host.layout().netns(name.value()))
                        ? WgnsException.failure("namespace " + name + " was not made by wgns; not touching it")
                        : WgnsException.failure(name + " is not up");
            }
            List<Procs.Proc> inside = inside(s);
            if (!inside.isEmpty()) {
                if (!kill) {
                    throw WgnsException.failure(inside.size() + " process" + (inside.size() == 1 ? "" : "es")
                            + " still inside " + name + " (" + describe(inside)
                            + "); end them, or run: wgns down " + name + " --kill");
                }
                end(s, inside);
            }
            takeAway(s, true);
        } finally {
            store.removeIfEmpty();
        }
    }

    /** Runs the undos the state names; the namespace must be gone after, or down has failed. */
    void takeAway(NamespaceState s, boolean hooks) {
        List<String> failed = PlanRunner.undoAll(host::run, host.log(), Undos.of(host, s, hooks));
        failed.stream().filter(f -> f.startsWith("run ")).forEach(f -> notices.accept(f.substring(4)));
        if (Files.exists(host.layout().netns(s.name().value()))) {
            throw WgnsException.failure("delete namespace: " + failed.stream().filter(f -> f.startsWith("delete namespace"))
                    .findFirst().orElse("it is still there"));
        }
        store.delete(s.name());
    }

    private List<Procs.Proc> inside(NamespaceState s) {
        return PublishProxy.notProxies(host.procs().inNetns(host.layout().netns(s.name().value())), s.published());
    }

    /** TERM, then KILL after the grace time; through sudo only the caller's own, checked each round. */
    private void end(NamespaceState s, List<Procs.Proc> inside) {
        Procs procs = host.procs();
        OnBehalf.kill(host.caller(), inside.stream().map(p -> procs.uid(p.pid())).toList());
        notices.accept("ending " + describe(inside));
        inside.forEach(p -> host.signals().terminate(p.pid()));
        long deadline = host.clock().millis() + GRACE_MS;
        List<Procs.Proc> left = inside(s);
        while (!left.isEmpty() && host.clock().millis() < deadline) {
            host.clock().sleep(20);
            left = inside(s);
        }
        for (int round = 0; round < 3 && !left.isEmpty(); round++) {
            OnBehalf.kill(host.caller(), left.stream().map(p -> procs.uid(p.pid())).toList());
            left.forEach(p -> host.signals().kill(p.pid()));
            host.clock().sleep(200);
            left = inside(s);
        }
        if (!left.isEmpty()) {
            throw WgnsException.failure("could not end " + describe(left));
        }
    }

    static String describe(List<Procs.Proc> ps) {
        String s = ps.stream().limit(5).map(p -> p.pid() + " " + shorten(p.command())).collect(Collectors.joining(", "));
        return ps.size() > 5 ? s + ", ..." : s;
    }

    private static String shorten(String cmd) {
        return cmd.length() > 40 ? cmd.substring(0, 40) + "..." : cmd;
    }
}
