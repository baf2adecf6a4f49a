package org.wgns.status;

import java.util.ArrayList;
import java.util.List;
import org.wgns.config.IpLiteral;
import org.wgns.firewall.Firewall;
import org.wgns.helper.Helper;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.Result;
import org.wgns.portforward.ForwardStatus;
import org.wgns.reach.Reach;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;

/**
 * check's lines for the helper's work: the forwarded port (the helper runs, the mapping is alive,
 * the port is open in the firewall) and the --reach holes (each listens inside, on 127.0.0.1).
 */
final class HelperChecks {
    private final Host host;

    HelperChecks(Host host) {
        this.host = host;
    }

    List<Check.Result> run(NamespaceState s, long now) {
        List<Check.Result> out = new ArrayList<>();
        var h = s.helping();
        boolean running = h.process() != null && new Helper(host).running(h.process());
        if (h.portForward() != null) {
            out.add(running ? forwarding(s, now) : fail("forwarding", "the helper is not running: no port is kept"
                    + " (run: wgns down " + s.name() + ", then up)"));
        }
        if (!h.reach().isEmpty()) {
            out.add(running ? reach(s) : fail("reach", "the helper is not running: the holes are closed"
                    + " (run: wgns down " + s.name() + ", then up)"));
        }
        return out;
    }

    private Check.Result forwarding(NamespaceState s, long now) {
        String gw = " (gateway " + IpLiteral.format(s.helping().portForward().gateway()) + ")";
        ForwardStatus st = ForwardStatus.read(new StateStore(host.layout().stateDir()).dirOf(s.name())).orElse(ForwardStatus.STARTING);
        if (!st.alive(now)) {
            return fail("forwarding", "no port" + (st.problem() == null ? ": the gateway has not answered yet" : ": " + st.problem()) + gw);
        }
        int port = st.ports().port();
        if (s.details().firewall().enabled()) {
            Result r = host.run(Command.of("ip", "netns", "exec", s.name().value(), "nft", "list", "set", "inet", Firewall.TABLE,
                    Firewall.FORWARDED_SET));
            if (!r.success() || !r.out().matches("(?s).*elements = \\{[^}]*\\b" + port + "\\b.*")) {
                return fail("forwarding", "port " + port + " is not open in the firewall" + gw);
            }
        }
        String detail = "port " + port + ", renewed " + StatusText.ago(now - st.renewed()) + gw;
        return st.problem() == null ? ok("forwarding", detail) : new Check.Result("forwarding", Check.Status.WARN, detail + "; " + st.problem());
    }

    private Check.Result reach(NamespaceState s) {
        Result r = host.run(Command.of("ip", "netns", "exec", s.name().value(), "ss", "-Hlntu"));
        if (!r.success()) {
            return fail("reach", "ss: " + r.reason());
        }
        List<String> missing = new ArrayList<>();
        for (Reach h : s.helping().reach()) {
            String want = "127.0.0.1:" + h.localPort();
            boolean found = r.out().lines().map(l -> l.trim().split("\\s+"))
                    .anyMatch(f -> f.length > 4 && f[0].equals(h.proto()) && f[4].equals(want));
            if (!found) {
                missing.add(h.describe());
            }
        }
        String holes = String.join(", ", s.helping().reach().stream().map(Reach::describe).toList());
        return missing.isEmpty() ? ok("reach", holes + "; no route or link to the host")
                : fail("reach", "not listening inside: " + String.join(", ", missing));
    }

    private static Check.Result ok(String c, String d) {
        return new Check.Result(c, Check.Status.OK, d);
    }

    private static Check.Result fail(String c, String d) {
        return new Check.Result(c, Check.Status.FAIL, d);
    }
}
