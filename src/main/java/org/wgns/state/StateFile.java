package org.wgns.state;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.wgns.InterfaceName;
import org.wgns.NamespaceName;
import org.wgns.config.Cidr;
import org.wgns.config.ConfigRef;
import org.wgns.config.IpLiteral;
import org.wgns.config.PeerEndpoint;
import org.wgns.firewall.Firewall;
import org.wgns.firewall.PortRule;
import org.wgns.os.OwnedProcess;
import org.wgns.portforward.PortForward;
import org.wgns.reach.Reach;
import org.wgns.publish.PublishedPort;
import org.wgns.wg.Mode;

/**
 * The state file's format: Java properties, lists as KEY.count and KEY.N. Version 2 names its
 * version and records each proxy's start time; a version-1 file (no version key, proxies as
 * "SPEC@PID") reads the same way. Version 3 adds the helper (a forwarded port's gateway and
 * on-change command, the --reach holes, the helper process); older files have none of it and
 * read as namespaces without a helper.
 */
final class StateFile {
    static final int VERSION = 3;
    /** A temporary link name is a plain token: it goes into ip lines and socket paths. */
    private static final String TMP_NAME = "wgns[0-9a-z]{6}";

    private StateFile() {}

    static Properties encode(NamespaceState s) {
        Properties p = new Properties();
        p.setProperty("version", Integer.toString(VERSION));
        p.setProperty("phase", s.phase().name());
        if (s.mode() != null) {
            p.setProperty("mode", s.mode().name());
        }
        p.setProperty("iface", s.iface().value());
        p.setProperty("tmpName", s.tmpName());
        p.setProperty("daemonPid", Long.toString(s.daemonPid()));
        if (s.config() != null) {
            p.setProperty("config", s.config().path().toString());
            p.setProperty("configUid", Long.toString(s.config().uid()));
            p.setProperty("configGid", Long.toString(s.config().gid()));
            p.setProperty("configSha256", s.config().sha256());
        }
        NamespaceState.Details d = s.details();
        list(p, "address", d.addresses(), Cidr::toString);
        list(p, "dns", d.dns(), IpLiteral::format);
        list(p, "search", d.search(), x -> x);
        list(p, "extraDns", d.extraDns(), IpLiteral::format);
        list(p, "endpoint", d.endpoints(), PeerEndpoint::encode);
        list(p, "preDown", d.preDown(), x -> x);
        list(p, "postDown", d.postDown(), x -> x);
        p.setProperty("firewall", Boolean.toString(d.firewall().enabled()));
        list(p, "allowIn", d.firewall().allowIn(), PortRule::toString);
        list(p, "publish", s.published(), PublishedPort::encode);
        p.setProperty("created", Long.toString(s.created()));
        p.setProperty("ownerPid", Long.toString(s.ownerPid()));
        encodeHelping(p, s.helping());
        return p;
    }

    private static void encodeHelping(Properties p, NamespaceState.Helping h) {
        if (h.portForward() != null) {
            p.setProperty("portForward.gateway", IpLiteral.format(h.portForward().gateway()));
            list(p, "portForward.onChange", h.portForward().onChange(), x -> x);
        }
        list(p, "reach", h.reach(), Reach::toString);
        if (h.process() != null) {
            p.setProperty("helper", h.process().encode());
        }
    }

    private static NamespaceState.Helping decodeHelping(Properties p) {
        String gw = p.getProperty("portForward.gateway");
        String helper = p.getProperty("helper");
        return new NamespaceState.Helping(gw == null ? null : new PortForward(address(gw), list(p, "portForward.onChange", x -> x)),
                list(p, "reach", Reach::parse), helper == null ? null : OwnedProcess.parse(helper));
    }

    /** Throws (an IllegalArgumentException or the like) when the file is not a state of wgns's. */
    static NamespaceState decode(NamespaceName name, Properties p) {
        int version = Integer.parseInt(p.getProperty("version", "1"));
        if (version > VERSION) {
            throw new IllegalArgumentException("state of a newer wgns (version " + version + ")");
        }
        String mode = p.getProperty("mode");
        String config = p.getProperty("config");
        NamespaceState.Details d = new NamespaceState.Details(list(p, "address", Cidr::parse),
                list(p, "dns", StateFile::address), list(p, "search", x -> x), list(p, "extraDns", StateFile::address),
                list(p, "endpoint", PeerEndpoint::parse), list(p, "preDown", x -> x),
                list(p, "postDown", x -> x), Boolean.parseBoolean(p.getProperty("firewall"))
                        ? new Firewall(true, list(p, "allowIn", PortRule::parse)) : Firewall.OFF);
        return new NamespaceState(name, Phase.valueOf(p.getProperty("phase")), mode == null ? null : Mode.valueOf(mode),
                InterfaceName.of(p.getProperty("iface")), tmpName(p.getProperty("tmpName")),
                Long.parseLong(p.getProperty("daemonPid", "0")), config == null ? null : configRef(p, config), d,
                list(p, "publish", PublishedPort::parse), Long.parseLong(p.getProperty("created", "0")),
                Long.parseLong(p.getProperty("ownerPid", "0")), decodeHelping(p));
    }

    /**
     * What is left to clean when the rest cannot be read: the name, the interface, the link's
     * temporary name, and a helper (ended only if that very process still runs, or, pending, found by its command line).
     */
    static NamespaceState salvage(NamespaceName name, Properties p) {
        String iface = p.getProperty("iface", "wg0");
        String tmp = p.getProperty("tmpName", "");
        NamespaceState s = NamespaceState.starting(name, InterfaceName.of(iface.matches("[a-zA-Z0-9_=+.-]{1,15}") ? iface : "wg0"),
                tmp.matches(TMP_NAME) ? tmp : "", null, 0, 0);
        try {
            String helper = p.getProperty("helper");
            return helper == null ? s : s.withHelping(NamespaceState.Helping.NONE.withProcess(OwnedProcess.parse(helper)));
        } catch (RuntimeException e) {
            return s;
        }
    }

    private static String tmpName(String t) {
        if (t == null || !t.isEmpty() && !t.matches(TMP_NAME)) {
            throw new IllegalArgumentException("not a temporary link name of wgns's");
        }
        return t;
    }

    /** A first-format file names only the path (root read it) and no digest. */
    private static ConfigRef configRef(Properties p, String path) {
        return new ConfigRef(Path.of(path), Long.parseLong(p.getProperty("configUid", "0")),
                Long.parseLong(p.getProperty("configGid", "0")), p.getProperty("configSha256", ""));
    }

    private static InetAddress address(String text) {
        InetAddress a = IpLiteral.parse(text);
        if (a == null) {
            throw new IllegalArgumentException("not an address");
        }
        return a;
    }

    private static <T> void list(Properties p, String key, List<T> values, Function<T, String> format) {
        p.setProperty(key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(key + "." + i, format.apply(values.get(i)));
        }
    }

    private static <T> List<T> list(Properties p, String key, Function<String, T> parse) {
        int n = Integer.parseInt(p.getProperty(key + ".count", "0"));
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(parse.apply(p.getProperty(key + "." + i)));
        }
        return out;
    }
}
