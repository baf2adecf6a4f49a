package org.wgns.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wgns.WgnsException;
import org.wgns.config.IpLiteral;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.state.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.tunnel.DnsFiles;
import org.wgns.tunnel.Firewall;
import org.wgns.tunnel.Handshake;
import org.wgns.tunnel.LiveTunnel;
import org.wgns.tunnel.UserspaceDaemon;

/**
 * `wgns check`: what a user relies on, verified live, one line each. Fit for ExecStartPost=,
 * cron or a monitor: exit 0 only when every check holds.
 */
public final class Check {
    public static final long HANDSHAKE_MAX_AGE = 180;

    public enum Status { OK, WARN, FAIL }

    public record Result(String check, Status status, String detail) {}

    private final Host host;
    private final Duration proveWithin;

    public Check(Host host) {
        this(host, Handshake.PROVE_WITHIN);
    }

    /** @param proveWithin how long an idle tunnel has to answer a prompted handshake */
    Check(Host host, Duration proveWithin) {
        this.host = host;
        this.proveWithin = proveWithin;
    }

    public List<Result> run(String name, long now) {
        NamespaceState s = new StateStore(host.layout().stateDir()).read(name).orElseThrow(() ->
                Files.exists(host.layout().netns(name)) ? WgnsException.failure("namespace " + name + " was not made by wgns")
                        : WgnsException.failure("no wgns namespace " + name));
        List<Result> out = new ArrayList<>();
        Result state = state(s);
        out.add(state);
        if (state.status() == Status.FAIL) {
            return out;
        }
        out.add(links(s));
        out.add(routes(s));
        out.add(dns(s));
        out.add(firewall(s));
        out.add(handshake(s, now));
        return out;
    }

    private Result state(NamespaceState s) {
        if (s.phase() != Phase.UP) {
            return fail("state", "an up that did not finish (run: wgns down " + s.name() + ")");
        }
        if (!Files.exists(host.layout().netns(s.name()))) {
            return fail("state", "stale: the namespace is gone (run: wgns down " + s.name() + ")");
        }
        if (s.mode() == Mode.USERSPACE && new UserspaceDaemon(host).running(s.tmpName(), s.daemonPid()) == 0) {
            return fail("state", "stale: the userspace daemon for the tunnel is not running (run: wgns down " + s.name() + ")");
        }
        return ok("state", "up since " + java.time.Instant.ofEpochSecond(s.created()) + ", " + s.mode().label());
    }

    private Result links(NamespaceState s) {
        org.wgns.os.Result r = ip(s, "-o", "link", "show");
        if (!r.success()) {
            return fail("interfaces", "ip link: " + r.reason());
        }
        List<String> names = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length >= 2) {
                String n = f[1].strip();
                int at = n.indexOf('@');
                names.add(at > 0 ? n.substring(0, at) : n);
            }
        }
        List<String> extra = names.stream().filter(n -> !n.equals("lo") && !n.equals(s.iface())).toList();
        if (!names.contains(s.iface())) {
            return fail("interfaces", s.iface() + " is missing");
        }
        return extra.isEmpty() ? ok("interfaces", "only lo and " + s.iface())
                : fail("interfaces", "other links besides lo and " + s.iface() + ": " + String.join(", ", extra));
    }

    private Result routes(NamespaceState s) {
        List<String> bad = new ArrayList<>();
        boolean default4 = false;
        for (String family : List.of("-4", "-6")) {
            org.wgns.os.Result r = ip(s, family, "route", "show", "table", "all");
            if (!r.success()) {
                if (family.equals("-6")) {
                    continue;
                }
                return fail("routes", "ip route: " + r.reason());
            }
            for (String line : r.out().split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("unreachable") || l.startsWith("prohibit") || l.startsWith("blackhole")
                        || l.startsWith("throw")) {
                    continue;
                }
                if (!(l.contains(" dev " + s.iface() + " ") || l.endsWith(" dev " + s.iface()) || l.contains(" dev lo "))
                        || l.contains(" via ")) {
                    bad.add(l);
                }
                if (family.equals("-4") && l.startsWith("default dev " + s.iface())) {
                    default4 = true;
                }
            }
        }
        if (!bad.isEmpty()) {
            return fail("routes", "not via " + s.iface() + ": " + String.join("; ", bad));
        }
        return default4 ? ok("routes", "every route goes via " + s.iface()) : fail("routes", "no default route via " + s.iface());
    }

    private Result dns(NamespaceState s) {
        Path dir = host.layout().etcNetns(s.name());
        String resolv;
        String nss;
        try {
            resolv = Files.readString(dir.resolve("resolv.conf"));
            nss = Files.readString(dir.resolve("nsswitch.conf"));
        } catch (IOException e) {
            return fail("dns", "missing " + dir + "/resolv.conf or nsswitch.conf: lookups would use the host's settings");
        }
        if (!resolv.startsWith(DnsFiles.MARK) || !nss.startsWith(DnsFiles.MARK)) {
            return fail("dns", "the files in " + dir + " are not the ones wgns wrote");
        }
        List<String> servers = new ArrayList<>();
        for (String line : resolv.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                var a = IpLiteral.parse(f[1]);
                if (a == null || a.isLoopbackAddress()) {
                    return fail("dns", "resolv.conf has a loopback or bad nameserver " + f[1]);
                }
                servers.add(f[1]);
            }
        }
        for (String line : nss.split("\n")) {
            String l = line.strip();
            if (l.startsWith("hosts:")) {
                for (String src : l.substring(6).strip().split("\\s+")) {
                    if (src.equals("resolve") || src.startsWith("mdns") || src.equals("myhostname")) {
                        return fail("dns", "nsswitch.conf hosts: has " + src + ", which asks the host");
                    }
                }
            }
        }
        return servers.isEmpty() ? warn("dns", "no nameserver: lookups inside fail (none leak)")
                : ok("dns", "nameservers " + String.join(", ", servers) + "; hosts: files dns");
    }

    private Result firewall(NamespaceState s) {
        if (!s.firewall()) {
            return warn("firewall", "off (--no-firewall)");
        }
        org.wgns.os.Result r = host.runner().run(Command.of("ip", "netns", "exec", s.name(), "nft", "list", "table", "inet",
                Firewall.TABLE));
        if (!r.success() || !r.out().contains("policy drop")) {
            return fail("firewall", "table inet " + Firewall.TABLE + " is not loaded");
        }
        return ok("firewall", "loaded" + (s.allowIn().isEmpty() ? ", nothing inbound" : ", inbound open: " + String.join(", ", s.allowIn())));
    }

    /**
     * A handshake in the last 3 minutes proves the tunnel alive. An older one (or none) may just
     * be an idle tunnel without keepalive, which has no reason to shake hands: then the tunnel
     * has to prove itself, prompted as `up --wait` does, before the check fails.
     */
    private Result handshake(NamespaceState s, long now) {
        WgDump.Iface current;
        try {
            current = new LiveTunnel(host, s).dump();
        } catch (WgnsException e) {
            return fail("handshake", e.getMessage());
        }
        long t = current.peers().stream().mapToLong(WgDump.PeerStatus::latestHandshake).max().orElse(0);
        if (t != 0 && now - t <= HANDSHAKE_MAX_AGE) {
            return ok("handshake", StatusFormat.ago(now - t));
        }
        String old = t == 0 ? "never" : StatusFormat.ago(now - t) + " (more than " + HANDSHAKE_MAX_AGE + " s)";
        if (!Handshake.promptable(current)) {
            return fail("handshake", old + ", and no peer has an endpoint to prompt a handshake with");
        }
        long fresh;
        try {
            fresh = new Handshake(host, s).prove(current, proveWithin);
        } catch (WgnsException e) {
            return fail("handshake", old + "; prompting a handshake failed: " + e.getMessage());
        }
        if (fresh > t) {
            return ok("handshake", "just now, when prompted (the tunnel was idle; "
                    + (t == 0 ? "none before" : "the one before: " + StatusFormat.ago(now - t)) + ")");
        }
        return fail("handshake", old + ", and no answer when prompted for " + proveWithin.toSeconds()
                + " s: is the endpoint reachable?");
    }

    private org.wgns.os.Result ip(NamespaceState s, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", s.name()));
        argv.addAll(List.of(args));
        return host.runner().run(new Command(argv, null, false, Map.of(), Command.DEFAULT_TIMEOUT));
    }

    public static String text(List<Result> results) {
        StringBuilder b = new StringBuilder();
        for (Result r : results) {
            b.append(String.format("%-4s  %-10s  %s%n", r.status().name().toLowerCase(java.util.Locale.ROOT), r.check(), r.detail()));
        }
        return b.toString();
    }

    public static Map<String, Object> json(String name, List<Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ok", passed(results));
        List<Object> checks = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("check", r.check());
            c.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            c.put("detail", r.detail());
            checks.add(c);
        }
        m.put("checks", checks);
        return m;
    }

    public static boolean passed(List<Result> results) {
        return results.stream().noneMatch(r -> r.status() == Status.FAIL);
    }

    private static Result ok(String c, String d) {
        return new Result(c, Status.OK, d);
    }

    private static Result warn(String c, String d) {
        return new Result(c, Status.WARN, d);
    }

    private static Result fail(String c, String d) {
        return new Result(c, Status.FAIL, d);
    }
}
