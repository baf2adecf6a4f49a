package org.wgns.tunnel;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.wgns.NamespaceName;
import org.wgns.dns.EtcNetns;
import org.wgns.helper.Helper;
import org.wgns.os.OwnedProcess;
import org.wgns.os.Host;
import org.wgns.plan.Undo;
import org.wgns.publish.PublishProxy;
import org.wgns.publish.PublishedPort;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;
import org.wgns.wg.UserspaceDaemon;

/**
 * Each way of taking a change of `up` away, defined once (wg-quick's del_if and friends). `up`'s
 * steps carry them, and so unwind a failure; `down`, and the next `up` after one that was
 * killed, take the same ones from the recorded state ({@link #of}). Every one tolerates its
 * change being gone already, or never made.
 */
public final class Undos {
    private Undos() {}

    public static Undo deleteNamespace(NamespaceName ns) {
        return Undo.host("delete namespace", "netns delete " + ns);
    }

    /** The link where it is born: in kernel mode after `ip link add`, in userspace mode the daemon's TUN. */
    public static Undo deleteHostLink(String tmp) {
        return Undo.host("delete link", "link delete dev " + tmp);
    }

    /**
     * The link inside, under the name it has there: deleting it first stops the tunnel even when
     * something still pins the namespace.
     */
    public static Undo deleteLinkInside(NamespaceName ns, String name) {
        return Undo.in(ns.value(), "delete link", "link delete dev " + name);
    }

    /**
     * The userspace daemon: with its TUN still in the host, ended at once; else its TUN went with
     * the link or the namespace, and it ends by itself, a little later (waited for, bounded).
     */
    public static Undo stopDaemon(Host host, String tmp, LongSupplier pid) {
        return Undo.action("stop userspace daemon", () -> {
            UserspaceDaemon d = new UserspaceDaemon(host);
            if (Files.exists(host.layout().sys().resolve("class/net/" + tmp))) {
                d.stop(tmp, pid.getAsLong());
            } else {
                d.awaitExit(tmp, pid.getAsLong());
            }
        });
    }

    /** Where the firewall's rules are kept while nft loads them: with the state, root's only. */
    public static java.nio.file.Path firewallFile(Host host, NamespaceName ns) {
        return new StateStore(host.layout().stateDir()).dirOf(ns).resolve("firewall.nft");
    }

    public static Undo removeFirewallRules(java.nio.file.Path file) {
        return Undo.action("remove firewall rules", () -> {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw org.wgns.WgnsException.failure("cannot remove " + file + ": " + e.getMessage());
            }
        });
    }

    public static Undo removeDnsFiles(Host host, NamespaceName ns) {
        return Undo.action("remove DNS files", () -> EtcNetns.removeDnsFiles(host.layout(), ns.value()));
    }

    public static Undo stopProxy(Host host, NamespaceName ns, Supplier<PublishedPort> proxy) {
        return Undo.action("stop publish proxy", () -> {
            PublishedPort p = proxy.get();
            if (p != null) {
                new PublishProxy(host).stop(ns.value(), p);
            }
        });
    }

    /** The helper: the very process recorded, or, recorded as about to start, root's helper of this name. */
    public static Undo stopHelper(Host host, NamespaceName ns, Supplier<OwnedProcess> helper) {
        return Undo.action("stop helper", () -> {
            OwnedProcess p = helper.get();
            if (p != null) {
                new Helper(host).stop(ns.value(), p);
            }
        });
    }

    /**
     * Everything a state names, in the order a failure of the last step of `up` would unwind it
     * (a test holds the two to the same transcript). With hooks (for `down`): PreDown first,
     * PostDown once the link inside is gone, as wg-quick runs them around del_if.
     */
    public static List<Undo> of(Host host, NamespaceState s, boolean hooks) {
        NamespaceName ns = s.name();
        List<Undo> out = new ArrayList<>();
        if (hooks) {
            hooks(out, host, s, "PreDown", s.details().preDown());
        }
        if (s.helping().process() != null) {
            out.add(stopHelper(host, ns, () -> s.helping().process()));
        }
        for (int i = s.published().size() - 1; i >= 0; i--) {
            PublishedPort p = s.published().get(i);
            out.add(stopProxy(host, ns, () -> p));
        }
        out.add(removeDnsFiles(host, ns));
        out.add(deleteLinkInside(ns, s.iface().value()));
        if (!s.tmpName().isEmpty()) {
            out.add(deleteLinkInside(ns, s.tmpName()));
        }
        if (hooks) {
            hooks(out, host, s, "PostDown", s.details().postDown());
        }
        if (!s.tmpName().isEmpty()) {
            if (s.mode() != org.wgns.wg.Mode.KERNEL) {
                out.add(stopDaemon(host, s.tmpName(), s::daemonPid));
            }
            out.add(deleteHostLink(s.tmpName()));
        }
        out.add(deleteNamespace(ns));
        out.add(removeFirewallRules(firewallFile(host, ns)));
        return out;
    }

    private static void hooks(List<Undo> out, Host host, NamespaceState s, String kind, List<String> commands) {
        for (int i = 0; i < commands.size(); i++) {
            out.add(HookRunner.tolerant(host, s.name(), s.iface(), kind, i + 1, commands.get(i)));
        }
    }
}
