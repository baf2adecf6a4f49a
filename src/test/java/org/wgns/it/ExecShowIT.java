package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/** exec as a real non-root user through sudo, and show/list against what wg itself reports. */
class ExecShowIT extends WithUser {

    static Result asUser(String stdin, Map<String, String> extraEnv, String... wgnsArgs) {
        return user.run(stdin, extraEnv, wgnsArgs);
    }

    @Test
    void aUserRunsAsThemselvesWithTheirGroupsHomeAndWhitelistedVariablesOnly() {
        Result r = asUser(null, Map.of("DISPLAY", ":42", "LD_PRELOAD", "libm.so.6", "USER", "root", "LOGNAME", "root",
                        "EVIL", "1", "LC_TIME", "C.UTF-8"),
                "exec", C1, "--", "sh", "-c",
                "id -u; id -g; id -G; echo $HOME; echo $USER; echo $DISPLAY; echo ${LD_PRELOAD:-none}; echo ${EVIL:-none};"
                        + " echo $LC_TIME; echo $PATH; ip -o link show | cut -d: -f2; exit 7");
        assertEquals(7, r.exit(), r.err());
        List<String> out = r.out().lines().map(String::strip).toList();
        assertEquals(Long.toString(user.uid), out.get(0));
        assertEquals(Long.toString(user.gid), out.get(1));
        assertTrue(List.of(out.get(2).split(" ")).contains(Long.toString(user.extraGid)), "supplementary group: " + out.get(2));
        assertEquals(TestUser.HOME.toString(), out.get(3));
        assertEquals(TestUser.NAME, out.get(4), "USER from the passwd entry, not the caller's");
        assertEquals(":42", out.get(5));
        assertEquals("none", out.get(6), "LD_PRELOAD never reaches the app");
        assertEquals("none", out.get(7));
        assertEquals("C.UTF-8", out.get(8));
        assertEquals("/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin", out.get(9));
        assertEquals(List.of("lo", "wg0"), out.subList(10, 12));
    }

    @Test
    void stdinReachesTheAppAndItsExitCodeComesBack() {
        Result r = asUser("hello through the tunnel\n", Map.of(), "exec", C1, "--", "cat");
        assertEquals(0, r.exit(), r.err());
        assertEquals("hello through the tunnel\n", r.out());
    }

    @Test
    void theAppReachesThePeerAndResolvConfIsTheNamespaces() {
        Result r = asUser(null, Map.of(), "exec", C1, "--", "cat", "/etc/resolv.conf");
        assertTrue(r.out().contains("nameserver 10.99.0.1"), r.out() + r.err());
        Result root = Wgns.run("exec", C1, "--", "ping", "-c", "1", "-W", "2", Topology.SERVER_TUNNEL);
        assertEquals(0, root.exit(), root.out() + root.err());
    }

    @Test
    void errorsOfExec() {
        Result missing = Wgns.run("exec", C1, "--", "no-such-command-wgns");
        assertEquals(127, missing.exit());
        assertEquals("wgns exec: no-such-command-wgns: command not found\n", missing.err());
        Result unknown = Wgns.run("exec", "wgit-c9", "--", "true");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("wgns exec: no namespace wgit-c9"), unknown.err());
        Result other = asUser(null, Map.of(), "exec", "--user", "root", C1, "--", "id");
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("--user needs root"), other.err());
    }

    @Test
    void showAndJsonMatchWhatWgReports() throws Exception {
        // Traffic first, so that there is a handshake and bytes to compare (an idle kernel tunnel has neither).
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
        Result r = Wgns.run("show", C1, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject ns = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("namespaces").get(0).getAsJsonObject();
        // What wg itself says, asked where the tunnel answers (per interface: no name column).
        List<String[]> dump = SuiteMode.wg(C1, "show", "dump").lines().map(l -> l.split("\t")).toList();
        String tmp = SuiteMode.tmpName(C1);
        String[] iface = dump.get(0);
        String[] peer = dump.get(1);
        assertEquals(iface[1], ns.get("publicKey").getAsString());
        assertEquals(Integer.parseInt(iface[2]), ns.get("listenPort").getAsInt());
        JsonObject p = ns.getAsJsonArray("peers").get(0).getAsJsonObject();
        assertEquals(peer[0], p.get("publicKey").getAsString());
        assertEquals(peer[2], p.get("endpoint").getAsString());
        assertEquals(peer[3], String.join(",", toList(p.getAsJsonArray("allowedIps"))));
        assertTrue(Math.abs(Long.parseLong(peer[4]) - p.get("latestHandshake").getAsLong()) <= 130, "handshake epoch seconds");
        assertTrue(p.get("rxBytes").getAsLong() > 0);
        assertEquals("wg0", ns.get("interface").getAsString());
        String text = Wgns.run("show", C1).out();
        assertTrue(text.startsWith("namespace: " + C1 + "\n  mode: " + SuiteMode.CURRENT.label + "\n"), text);
        assertTrue(text.contains("\ninterface: wg0\n  public key: " + iface[1] + "\n"), text);
        assertTrue(!text.contains(tmp), "the temporary name stays hidden");
    }

    @Test
    void listAndShowCoverEveryNamespaceWithProcessesInside() throws Exception {
        UpDownIT.ok(Wgns.run("up", C2, "-c", topo.clientConfig(dir, 1, "").toString()));
        Process sleeper = new ProcessBuilder("ip", "netns", "exec", C2, "sleep", "300").start();
        try {
            Machine.until(() -> !Sh.run("ip", "netns", "pids", C2).out().isBlank(), 2000);
            Result list = Wgns.run("list");
            assertTrue(list.out().startsWith("NAME "), list.out());
            // Only the tests' namespaces: a tunnel someone has up on this machine is listed too.
            List<String> lines = list.out().lines().filter(l -> l.startsWith("wgit-")).toList();
            assertEquals(2, lines.size(), list.out());
            assertTrue(lines.get(0).startsWith(C1 + " ") && lines.get(0).endsWith(" 0"), lines.get(0));
            assertTrue(lines.get(1).startsWith(C2 + " ") && lines.get(1).endsWith(" 1"), lines.get(1));
            List<JsonObject> arr = new ArrayList<>();
            JsonParser.parseString(Wgns.run("list", "--json").out()).getAsJsonArray().forEach(e -> {
                if (e.getAsJsonObject().get("name").getAsString().startsWith("wgit-")) {
                    arr.add(e.getAsJsonObject());
                }
            });
            assertEquals(2, arr.size());
            assertEquals(1, arr.get(1).get("processes").getAsInt());
            String show = Wgns.run("show").out();
            assertTrue(show.contains("namespace: " + C1 + "\n") && show.contains("namespace: " + C2 + "\n"), show);
            assertTrue(show.contains("processes: 1 (" + sleeper.pid()) || show.contains("sleep 300"), show);
        } finally {
            sleeper.destroyForcibly();
            UpDownIT.ok(Wgns.run("down", C2, "--kill"));
        }
    }

    private static List<String> toList(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
