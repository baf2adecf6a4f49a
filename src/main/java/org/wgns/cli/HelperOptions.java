package org.wgns.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.WgConfig;
import org.wgns.exec.ExecPort;
import org.wgns.exec.PortChangeCommand;
import org.wgns.os.Host;
import org.wgns.policy.OnBehalf;
import org.wgns.portforward.PortForward;
import org.wgns.reach.Reach;
import org.wgns.reach.Relays;
import picocli.CommandLine.Option;

/** up's options for what the namespace's helper does: a forwarded port, and holes to host services. */
public final class HelperOptions {
    @Option(names = "--port-forward", paramLabel = "natpmp",
            description = "Ask the VPN gateway for a forwarded port with NAT-PMP (as Proton VPN offers it), keep it, open it.")
    String portForward;

    @Option(names = "--port-forward-gateway", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "The NAT-PMP gateway (default: the config's first DNS= address, Proton's 10.2.0.1).")
    InetAddress gateway;

    @Option(names = "--on-port-change", paramLabel = "CMD",
            description = "Run CMD inside the namespace, as you, with the forwarded port as its last argument, each time it changes.")
    String onPortChange;

    @Option(names = "--on-port-change-user", paramLabel = "USER",
            description = "The user --on-port-change runs as when root runs up itself (never root; through sudo, you).")
    String onPortChangeUser;

    @Option(names = "--reach", paramLabel = "[LOCALPORT:]HOST:PORT[/tcp|/udp]", converter = Converters.Reached.class,
            description = "Inside, 127.0.0.1:LOCALPORT (default PORT) reaches HOST:PORT as the host sees it (repeatable).")
    List<Reach> reach = new ArrayList<>();

    /** The holes, checked: each once, and through sudo only what the caller may open. */
    List<Reach> reach(Host host) {
        Relays.checkDistinct(reach);
        reach.forEach(r -> OnBehalf.reach(host.caller(), r.host(), r.port(), r.toString()));
        return reach;
    }

    /** The forwarded port's request, or null; the user's command is turned into its chain here, before anything changes. */
    PortForward portForward(Host host, ExecPort exec, NamespaceName ns, WgConfig cfg) {
        if (portForward == null) {
            if (gateway != null || onPortChange != null || onPortChangeUser != null) {
                throw WgnsException.usage("--port-forward-gateway, --on-port-change and --on-port-change-user go with --port-forward natpmp");
            }
            return null;
        }
        if (!portForward.equals("natpmp")) {
            throw WgnsException.usage("--port-forward knows natpmp only");
        }
        if (onPortChangeUser != null && onPortChange == null) {
            throw WgnsException.usage("--on-port-change-user goes with --on-port-change");
        }
        InetAddress gw = gateway != null ? gateway : cfg.iface().dns().stream().findFirst().orElseThrow(() ->
                WgnsException.failure("--port-forward needs the gateway's address: the config has no DNS=;"
                        + " give it with --port-forward-gateway ADDR"));
        List<String> hook = onPortChange == null ? List.of()
                : PortChangeCommand.argv(host, exec, ns, onPortChangeUser, onPortChange);
        return new PortForward(gw, hook);
    }
}
