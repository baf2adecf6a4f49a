package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * A namespace changed while it is up, with an app inside that keeps running (the same PID
 * throughout): set, syncconf, and repair after its link was lost.
 */
class ChangeIT extends WithTopology {
    Process app;

    @AfterEach
    void nothingLeft() throws Exception {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
        Wgns.run("down", C1, "--kill");
        assertNothingLeft();
    }

    /** An app inside that, each time it gets a line, prints the namespace's resolv.conf as it sees it now. */
    Process appInside() throws Exception {
        app = new ProcessBuilder("ip", "netns", "exec", C1, "sh", "-c", "while read x; do cat /etc/resolv.conf; echo .; done")
                .redirectErrorStream(true).start();
        return app;
    }

    static String ask(Process p) throws Exception {
        OutputStream in = p.getOutputStream();
        in.write("\n".getBytes());
        in.flush();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        StringBuilder b = new StringBuilder();
        for (String l = r.readLine(); l != null && !l.equals("."); l = r.readLine()) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    static JsonObject show() {
        Result r = Wgns.run("show", C1, "--json");
        UpDownIT.ok(r);
        return JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("namespaces").get(0).getAsJsonObject();
    }

    /**
     * Up with --wait: the VPN's side reaches the namespace only once the server has learned the
     * client's address from a handshake, and a kernel tunnel does not shake hands by itself.
     */
    @Test
    void setChangesPortsAndNameserversAndTheAppSeesThemWithoutRestarting() throws Exception {
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--wait"));
        Process p = appInside();
        assertTrue(ask(p).contains("nameserver 10.99.0.1\n"));
        try (WebServer web = WebServer.start(C1, 8000)) {
            assertTrue(FirewallPublishIT.closedFromVpnSide(8000), "closed before");
            UpDownIT.ok(Wgns.run("set", C1, "--allow-in", "tcp/8000", "--dns", "10.99.0.53", "--publish", "18090:8000"));
            assertTrue(FirewallPublishIT.fromVpnSide(8000), "open after set --allow-in");
            assertTrue(FirewallPublishIT.fromHost("http://127.0.0.1:18090/"), "published after set --publish");
            assertTrue(ask(p).contains("nameserver 10.99.0.1\nnameserver 10.99.0.53\n"), "the running app sees the new nameserver");
            JsonObject ns = show();
            assertEquals("[\"tcp/8000\"]", ns.getAsJsonObject("firewall").get("allowIn").toString());
            assertEquals("[\"10.99.0.1\",\"10.99.0.53\"]", ns.get("dns").toString());
            assertEquals("[\"127.0.0.1:18090:8000/tcp\"]", ns.get("publish").toString());
            UpDownIT.ok(Wgns.run("set", C1, "--no-allow-in", "tcp/8000", "--no-dns", "10.99.0.53", "--no-publish", "18090:8000"));
            assertTrue(FirewallPublishIT.closedFromVpnSide(8000), "closed again");
            assertFalse(FirewallPublishIT.fromHost("http://127.0.0.1:18090/"), "unpublished");
            assertEquals("[\"10.99.0.1\"]", show().get("dns").toString());
        }
        assertTrue(p.isAlive(), "the app kept running");
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
    }

    @Test
    void syncconfAppliesAChangedConfigWithTheAppRunning() throws Exception {
        Path conf = topo.clientConfig(dir, 0, "");
        UpDownIT.ok(Wgns.run("up", C1, "-c", conf.toString()));
        Process p = appInside();
        long pid = p.pid();
        Files.writeString(conf, Files.readString(conf).replace("Address = 10.99.0.2/32", "Address = 10.99.0.2/32, 10.99.7.2/32")
                .replace("DNS = 10.99.0.1", "DNS = 10.99.0.1, corp.example"));
        UpDownIT.ok(Wgns.run("syncconf", C1));
        assertTrue(Sh.ok("ip", "-n", C1, "-4", "addr", "show", "dev", "wg0").contains("10.99.7.2/32"));
        assertTrue(ask(p).contains("search corp.example"), "the running app sees the new search domain");
        assertTrue(show().get("addresses").toString().contains("10.99.7.2/32"));
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), "the tunnel still works");
        assertTrue(p.isAlive() && p.pid() == pid);
    }

    /**
     * The link lost — its userspace daemon killed, a kernel link deleted: the namespace stays,
     * unreachable, until repair gives it a link again.
     */
    @Test
    void repairGivesALinkBackIntoTheSameNamespaceAndTheAppKeepsItsPid() throws Exception {
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        Process p = appInside();
        long pid = p.pid();
        // Without a handshake yet (the link came up, nothing needed it yet) repair asks for one and gets it.
        UpDownIT.ok(Wgns.run("repair", C1));
        assertEquals("nothing to repair: " + C1 + " is healthy\n", Wgns.run("repair", C1).out(), "a healthy namespace");
        if (SuiteMode.kernel()) {
            Sh.ok("ip", "-n", C1, "link", "delete", "dev", "wg0");
        } else {
            Sh.ok("pkill", "-KILL", "-f", "(^|/)wireguard-go " + SuiteMode.tmpName(C1) + "$");
        }
        Machine.until(() -> !Sh.run("ip", "-n", C1, "link", "show", "dev", "wg0").success(), 2000);
        assertTrue(UpDownIT.unreachable(C1, Topology.SERVER_TUNNEL), "the kill switch: nothing gets out without the tunnel");
        Result r = Wgns.run("repair", C1);
        UpDownIT.ok(r);
        assertTrue(r.out().startsWith("repaired link: born again (" + SuiteMode.CURRENT.label + "), configured and moved into " + C1), r.out());
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), "traffic flows again");
        assertTrue(p.isAlive() && p.pid() == pid, "the same app, the same PID");
        assertEquals(List.of("lo", "wg0"), Sh.lines("ip", "-n", C1, "-o", "link", "show").stream()
                .map(l -> l.split(":")[1].strip()).toList());
        assertEquals(0, Wgns.run("check", C1).exit(), Wgns.run("check", C1).out());
    }
}
