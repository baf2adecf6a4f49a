package org.wgns.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Layout;
import org.wgns.os.Result;
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.dns.EtcNetns;
import org.wgns.publish.PublishProxy;
import org.wgns.wg.UserspaceDaemon;

/**
 * Takes down everything a state names, tolerant of what is already gone (wg-quick's cmd_down):
 * used by `down`, and by `up` to finish the work of a wgns that was killed halfway.
 */
public final class Teardown {
    private final Host host;
    private final Consumer<String> notices;

    public Teardown(Host host, Consumer<String> notices) {
        this.host = host;
        this.notices = notices;
    }

    public void run(NamespaceState s, boolean runHooks) {
        Layout l = host.layout();
        String ns = s.name();
        boolean nsExists = Files.exists(l.netns(ns));
        PublishProxy proxy = new PublishProxy(host);
        s.publish().forEach(p -> proxy.stop(ns, p));
        if (nsExists) {
            if (runHooks) {
                s.preDown().forEach(c -> hookTolerant(ns, s.iface(), "PreDown", c));
            }
            // Deleting the link first stops the tunnel even if something still pins the namespace.
            List<String> links = new ArrayList<>(List.of("link delete dev " + s.iface()));
            if (s.phase() == Phase.STARTING && s.tmpName() != null && !s.tmpName().isEmpty()) {
                links.add("link delete dev " + s.tmpName());
            }
            host.runner().run(Command.of("ip", "-n", ns, "-force", "-batch", "-").withInput(String.join("\n", links) + "\n"));
            if (runHooks) {
                s.postDown().forEach(c -> hookTolerant(ns, s.iface(), "PostDown", c));
            }
            Result r = host.runner().run(Command.of("ip", "netns", "delete", ns));
            if (!r.success() && Files.exists(l.netns(ns))) {
                throw WgnsException.failure("delete namespace: " + r.reason());
            }
        }
        String tmp = s.tmpName();
        if (tmp != null && !tmp.isEmpty()) {
            if (Files.exists(l.sys().resolve("class/net/" + tmp))) {
                // Killed after the link was made but before it moved: it is still in the host.
                host.runner().run(Command.of("ip", "link", "delete", "dev", tmp));
            }
            if (s.mode() != Mode.KERNEL) {
                new UserspaceDaemon(host).awaitExit(tmp, s.daemonPid());
            }
        }
        EtcNetns.removeDnsFiles(l, ns);
        new StateStore(l.stateDir()).delete(ns);
    }

    /** After the lock is gone: /run/wgns itself goes when no namespace is left. */
    public static void removeEmptyStateDir(Layout l) {
        try {
            org.wgns.os.SafeFiles.deleteIfEmpty(l.stateDir().resolve(org.wgns.state.NamespaceLock.DIR));
            org.wgns.os.SafeFiles.deleteIfEmpty(l.stateDir());
        } catch (IOException e) {
            // another wgns is starting: it keeps the directory
        }
    }

    private void hookTolerant(String ns, String iface, String kind, String command) {
        try {
            hook(host, ns, iface, command);
        } catch (WgnsException e) {
            notices.accept(kind + " hook failed: " + e.getMessage());
        }
    }

    /** Runs a wg-quick hook inside the namespace, %i meaning the interface, as wg-quick does. */
    static void hook(Host host, String ns, String iface, String command) {
        String c = command.replace("%i", iface);
        Result r = host.runner().run(Command.of("ip", "netns", "exec", ns, "/bin/sh", "-c", c));
        if (!r.success()) {
            throw WgnsException.failure("'" + org.wgns.Names.printable(c) + "': " + r.reason());
        }
    }

}
