package org.wgns.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.dns.DnsFiles;
import org.wgns.dns.EtcNetns;
import org.wgns.firewall.Firewall;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.os.SafeFiles;
import org.wgns.plan.Plan;
import org.wgns.plan.Undo;
import org.wgns.state.NamespaceState;

/**
 * Changes to a namespace that is up, with the apps inside left running: its firewall replaced in
 * one transaction, its resolv.conf rewritten where running apps see it. Each is a step with the
 * way back to what was.
 */
final class InPlace {
    private final Host host;
    private final NamespaceName ns;

    InPlace(Host host, NamespaceName ns) {
        this.host = host;
        this.ns = ns;
    }

    /** The firewall table replaced (no moment without one); undone by loading the old rules again. */
    void firewall(Plan plan, String iface, Firewall old, Firewall now) {
        plan.action("replace firewall", () -> loadFirewall(iface, now),
                Undo.action("restore firewall", () -> loadFirewall(iface, old)));
    }

    void loadFirewall(String iface, Firewall fw) {
        Path file = Undos.firewallFile(host, ns);
        try {
            SafeFiles.write(file, fw.replacement(iface), SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw WgnsException.failure("cannot write " + file + ": " + e.getMessage());
        }
        Result r = host.run(Command.of("ip", "netns", "exec", ns.value(), "nft", "-f", file.toString()));
        if (!r.success()) {
            throw WgnsException.failure(r.reason());
        }
    }

    /** resolv.conf with these servers and search domains, in place; undone by writing what was there. */
    void resolvConf(Plan plan, List<String> servers, List<String> search) {
        Path file = host.layout().etcNetns(ns.value()).resolve("resolv.conf");
        String was = read(file);
        String now = DnsFiles.resolvConf(ns.value(), new DnsFiles.Choice(servers, search, List.of()));
        plan.action("rewrite " + file, () -> rewrite(file, now), Undo.action("restore " + file, () -> rewrite(file, was)));
    }

    /** Writes wgns's own file in place so the apps that have it bind-mounted see it; a missing one is written anew. */
    static void rewrite(Path file, String text) {
        try {
            if (Files.exists(file)) {
                if (!EtcNetns.ours(file)) {
                    throw WgnsException.failure(file + " was not written by wgns; not changing it");
                }
                SafeFiles.rewrite(file, text);
            } else {
                SafeFiles.mkdirs(file.getParent(), SafeFiles.PUBLIC_DIR);
                SafeFiles.write(file, text);
            }
        } catch (IOException e) {
            throw WgnsException.failure("cannot write " + file + ": " + e.getMessage());
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw WgnsException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The state's resolv.conf servers, as text. */
    static List<String> servers(NamespaceState s) {
        return s.details().dns().stream().map(org.wgns.config.IpLiteral::format).toList();
    }
}
