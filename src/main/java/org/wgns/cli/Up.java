package org.wgns.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.config.ConfigAccess;
import org.wgns.config.ConfigLookup;
import org.wgns.config.WgConfig;
import org.wgns.os.Caller;
import org.wgns.policy.OnBehalf;
import org.wgns.state.NamespaceState;
import org.wgns.firewall.Firewall;
import org.wgns.firewall.PortRule;
import org.wgns.publish.Publish;
import org.wgns.tunnel.TunnelUp;
import org.wgns.tunnel.UpRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Create namespace NAME with a WireGuard tunnel as its only way out.",
                "Config: --config, else /etc/wireguard/NAME.conf, else /etc/wireguard/wg0.conf.",
                "A path instead of NAME (wgns up ./vpn.conf) is the config; the namespace is named after it."})
public final class Up implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The namespace (1 to 64 of A-Z a-z 0-9 _ . -), or a config file's path.")
    String target;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "wg-quick config file.")
    Path config;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", defaultValue = "wg0",
            description = "Name of the tunnel inside the namespace (default: ${DEFAULT-VALUE}).")
    String iface;

    @Option(names = "--userspace", description = "Use the userspace implementation even if the kernel has WireGuard.")
    boolean userspace;

    @Option(names = "--dns", paramLabel = "ADDR", converter = Converters.Address.class,
            description = "A nameserver for the namespace, on top of DNS= (repeatable).")
    List<InetAddress> dns = new ArrayList<>();

    @Option(names = "--run-hooks", description = "Run the config's PreUp/PostUp/PreDown/PostDown inside the namespace.")
    boolean runHooks;

    @Option(names = "--allow-in", paramLabel = "PROTO/PORT", converter = Converters.AllowIn.class,
            description = "Open an inbound port on the tunnel, e.g. tcp/80, udp/6881-6889 (repeatable).")
    List<PortRule> allowIn = new ArrayList<>();

    @Option(names = "--no-firewall", description = "Do not load wgns's firewall in the namespace.")
    boolean noFirewall;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "10", paramLabel = "SECONDS",
            description = "Return only once the first handshake has completed (default 10 s); if it has not, undo everything and fail.")
    Integer waitSeconds;

    @Option(names = "--publish", paramLabel = "[HOSTADDR:]HOSTPORT:PORT[/tcp]", converter = Converters.Published.class,
            description = "Reach PORT inside from HOSTADDR:HOSTPORT on the host (default address 127.0.0.1; repeatable).")
    List<Publish> publish = new ArrayList<>();

    @picocli.CommandLine.Mixin
    HelperOptions helper;

    @Override
    public Integer call() {
        InterfaceName ifc = InterfaceName.of(iface);
        if (noFirewall && !allowIn.isEmpty()) {
            throw WgnsException.usage("--allow-in opens ports in the firewall; it makes no sense with --no-firewall");
        }
        if (waitSeconds != null && (waitSeconds < 1 || waitSeconds > 3600)) {
            throw WgnsException.usage("--wait takes 1 to 3600 seconds");
        }
        String fromPath = ConfigLookup.nameOfPath(target);
        if (fromPath != null && config != null) {
            throw WgnsException.usage("give the config once: as NAME's path or with --config, not both");
        }
        NamespaceName name = NamespaceName.of(fromPath != null ? fromPath : target);
        Path explicit = fromPath != null ? Path.of(target) : config;
        Cli.requireRoot(root.host, "up " + name);
        Caller caller = root.host.caller();
        if (noFirewall) {
            OnBehalf.noFirewall(caller);
        }
        publish.forEach(p -> OnBehalf.publish(caller, p.hostAddr(), p.hostPort(), p.hostSide()));
        var reach = helper.reach(root.host);
        ConfigAccess.Loaded loaded = new ConfigAccess(root.host, Cli.notices(root, "up"))
                .forUp(explicit, name.value(), runHooks);
        WgConfig cfg = loaded.config();
        var portForward = helper.portForward(root.host, root.execPort, name, cfg);
        if (noFirewall) {
            Cli.notices(root, "up").accept("firewall off (--no-firewall): whatever listens inside is open to the VPN's side");
        }
        UpRequest req = new UpRequest(name, ifc, cfg, userspace, dns, runHooks,
                noFirewall ? Firewall.OFF : new Firewall(true, allowIn), publish, waitSeconds == null ? 0 : waitSeconds,
                loaded.ref(), portForward, reach);
        NamespaceState s = new TunnelUp(root.host, Cli.notices(root, "up"), Up::tmpName).run(req);
        Cli.out(root).println(name + " is up: " + s.iface() + " "
                + String.join(" ", s.details().addresses().stream().map(Object::toString).toList())
                + " (" + s.mode().label() + "); run apps with: wgns exec " + name + " -- COMMAND");
        return 0;
    }

    /**
     * Unique in the host namespace and among userspace sockets, never a user's wg0. Read from
     * /dev/urandom directly: SecureRandom would start the whole security provider machinery.
     */
    static String tmpName() {
        byte[] b = new byte[3];
        try (var in = new java.io.FileInputStream("/dev/urandom")) {
            if (in.read(b) != 3) {
                throw new java.io.IOException("short read");
            }
        } catch (java.io.IOException e) {
            new java.util.Random().nextBytes(b);
        }
        return "wgns" + HexFormat.of().formatHex(b);
    }
}
