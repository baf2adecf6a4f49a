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
import org.wgns.wg.Mode;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.dns.DnsFiles;
import org.wgns.firewall.Firewall;
import org.wgns.wg.Handshake;
import org.wgns.wg.UserspaceDaemon;

/**
 * `wgns check`: what a user relies on, verified live, one line each. Fit for ExecStartPost=,
 * cron or a monitor: exit 0 only when every check holds.
 */
public final class Check {
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

    public List<Result> run(org.wgns.NamespaceName name, long now) {
        NamespaceState s = new StateStore(host.layout().stateDir()).read(name).orElseThrow(() ->
                Files.exists(host.layout().netns(name.value())) ? WgnsException.failure("namespace " + name + " was not made by wgns")
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
        out.add(new HandshakeCheck(host, proveWithin).run(s, now));
        out.addAll(new HelperChecks(host).run(s, now));
        return out;
    }

    private Result state(NamespaceState s) {
        if (s.phase() != Phase.UP) {
            return fail("state", "an up that did not finish (run: wgns down " + s.name() + ")");
        }
        if (!Files.exists(host.layout().netns(s.name().value()))) {
            return fail("state", "stale: the namespace is gone (run: wgns down " + s.name() + ")");
        }
        if (s.mode() == Mode.USERSPACE && new UserspaceDaemon(host).running(s.tmpName(), s.daemonPid()) == 0) {
            return fail("state", "the userspace daemon for the tunnel is not running (run: wgns repair " + s.name() + ")");
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
        List<String> extra = names.stream().filter(n -> !n.equals("lo") && !n.equals(s.iface().value())).toList();
        if (!names.contains(s.iface().value())) {
            return fail("interfaces", s.iface() + " is missing");
        }
        return extra.isEmpty() ? ok("interfaces", "only lo and " + s.iface().value())
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
                if (!(l.contains(" dev " + s.iface() + " ") || l.endsWith(" dev " + s.iface().value()) || l.contains(" dev lo "))
                        || l.contains(" via ")) {
                    bad.add(l);
                }
                if (family.equals("-4") && l.startsWith("default dev " + s.iface().value())) {
                    default4 = true;
                }
            }
        }
        if (!bad.isEmpty()) {
            return fail("routes", "not via " + s.iface() + ": " + String.join("; ", bad));
        }
        return default4 ? ok("routes", "every route goes via " + s.iface().value()) : fail("routes", "no default route via " + s.iface().value());
    }

    private Result dns(NamespaceState s) {
        Path dir = host.layout().etcNetns(s.name().value());
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
        var fw = s.details().firewall();
        if (!fw.enabled()) {
            return warn("firewall", "off (--no-firewall)");
        }
        org.wgns.os.Result r = host.run(Command.of("ip", "netns", "exec", s.name().value(), "nft", "list", "table", "inet",
                Firewall.TABLE));
        if (!r.success() || !r.out().contains("policy drop")) {
            return fail("firewall", "table inet " + Firewall.TABLE + " is not loaded");
        }
        List<String> open = fw.allowIn().stream().map(Object::toString).toList();
        return ok("firewall", "loaded" + (open.isEmpty() ? ", nothing inbound" : ", inbound open: " + String.join(", ", open)));
    }

    private org.wgns.os.Result ip(NamespaceState s, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", s.name().value()));
        argv.addAll(List.of(args));
        return host.run(Command.of(argv));
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
