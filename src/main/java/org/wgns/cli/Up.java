package org.wgns.cli;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.wgns.Names;
import org.wgns.WgnsException;
import org.wgns.config.ConfigException;
import org.wgns.config.ConfigFiles;
import org.wgns.config.ConfigParser;
import org.wgns.config.IpLiteral;
import org.wgns.config.WgConfig;
import org.wgns.state.NamespaceState;
import org.wgns.tunnel.Firewall;
import org.wgns.tunnel.PortRule;
import org.wgns.tunnel.Publish;
import org.wgns.tunnel.TunnelUp;
import org.wgns.tunnel.UpRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Create namespace NAME with a WireGuard tunnel as its only way out.",
                "Config: --config, else /etc/wireguard/NAME.conf, else /etc/wireguard/wg0.conf."})
public final class Up implements Callable<Integer> {
    @ParentCommand
    Wgns root;

    @Mixin
    NamespaceMixin ns;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "wg-quick config file.")
    Path config;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", defaultValue = "wg0",
            description = "Name of the tunnel inside the namespace (default: ${DEFAULT-VALUE}).")
    String iface;

    @Option(names = "--userspace", description = "Use the userspace implementation even if the kernel has WireGuard.")
    boolean userspace;

    @Option(names = "--dns", paramLabel = "ADDR", description = "A nameserver for the namespace, on top of DNS= (repeatable).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--run-hooks", description = "Run the config's PreUp/PostUp/PreDown/PostDown inside the namespace.")
    boolean runHooks;

    @Option(names = "--allow-in", paramLabel = "PROTO/PORT",
            description = "Open an inbound port on the tunnel, e.g. tcp/80, udp/6881-6889 (repeatable).")
    List<String> allowIn = new ArrayList<>();

    @Option(names = "--no-firewall", description = "Do not load wgns's firewall in the namespace.")
    boolean noFirewall;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "10", paramLabel = "SECONDS",
            description = "Return only once the first handshake has completed (default 10 s); if it has not, undo everything and fail.")
    Integer waitSeconds;

    @Option(names = "--publish", paramLabel = "[HOSTADDR:]HOSTPORT:PORT[/tcp]",
            description = "Reach PORT inside from HOSTADDR:HOSTPORT on the host (default address 127.0.0.1; repeatable).")
    List<String> publish = new ArrayList<>();

    @Override
    public Integer call() {
        Names.iface(iface);
        List<InetAddress> extraDns = new ArrayList<>();
        for (String d : dns) {
            InetAddress a = IpLiteral.parse(d);
            if (a == null) {
                throw WgnsException.usage("--dns " + Names.printable(d) + ": not an IP address");
            }
            extraDns.add(a);
        }
        List<PortRule> rules = new ArrayList<>();
        for (String a : allowIn) {
            try {
                rules.add(PortRule.parse(a));
            } catch (IllegalArgumentException e) {
                throw WgnsException.usage("--allow-in " + Names.printable(a) + ": " + e.getMessage());
            }
        }
        if (noFirewall && !rules.isEmpty()) {
            throw WgnsException.usage("--allow-in opens ports in the firewall; it makes no sense with --no-firewall");
        }
        List<Publish> published = new ArrayList<>();
        for (String p : publish) {
            try {
                published.add(Publish.parse(p));
            } catch (IllegalArgumentException e) {
                throw WgnsException.usage("--publish " + Names.printable(p) + ": " + e.getMessage());
            }
        }
        if (waitSeconds != null && (waitSeconds < 1 || waitSeconds > 3600)) {
            throw WgnsException.usage("--wait takes 1 to 3600 seconds");
        }
        Cli.requireRoot(root.host, "up " + ns.name());
        var err = Cli.err(root);
        Path file = configFile();
        if (config == null) {
            err.println("wgns: using config " + file);
        }
        WgConfig cfg;
        try {
            cfg = ConfigParser.parse(file);
        } catch (ConfigException e) {
            throw WgnsException.failure(e.getMessage());
        }
        ConfigFiles.readableByOthers(file).ifPresent(err::println);
        if (runHooks && cfg.iface().hooks().count() > 0) {
            ConfigFiles.unsafeForHooks(file).ifPresent(why -> {
                throw WgnsException.failure("--run-hooks refused: " + why + "; hooks run as root");
            });
        }
        if (noFirewall) {
            err.println("wgns: firewall off (--no-firewall): whatever listens inside is open to the VPN's side");
        }
        UpRequest req = new UpRequest(ns.name(), iface, cfg, userspace, extraDns, runHooks,
                noFirewall ? Firewall.OFF : new Firewall(true, rules), published, waitSeconds == null ? 0 : waitSeconds);
        NamespaceState s = new TunnelUp(root.host, n -> err.println("wgns: " + n), Up::tmpName).run(req);
        Cli.out(root).println(ns.name() + " is up: " + s.iface() + " " + String.join(" ", s.addresses())
                + " (" + s.mode().label() + "); run apps with: wgns exec " + ns.name() + " -- COMMAND");
        return 0;
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        Path etc = root.host.layout().etc().resolve("wireguard");
        Path own = etc.resolve(ns.name() + ".conf");
        if (Files.exists(own)) {
            return own;
        }
        Path seed = etc.resolve("wg0.conf");
        if (Files.exists(seed)) {
            return seed;
        }
        throw WgnsException.failure("no config: neither " + own + " nor " + seed + " exists (use --config FILE)");
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
