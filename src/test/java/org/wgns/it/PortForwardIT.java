package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * up --port-forward natpmp against a scripted NAT-PMP gateway behind the tunnel: the port is asked
 * for, renewed, opened in the firewall, written for apps and handed to the user's command inside
 * the namespace; a port change replaces it; a gateway that goes silent or refuses is one line, the
 * port is closed again when its mapping lapses, and the tunnel stays up.
 */
class PortForwardIT extends WithTopology {
    static final Path PORT_FILE = Path.of("/run/wgns/" + C1 + "/forwarded-port");
    static final Path HOOK = TestUser.HOME.resolve("hook.sh");
    static final Path SEEN = TestUser.HOME.resolve("ports");
    static TestUser user;

    @BeforeAll
    static void userWithAHook() throws Exception {
        user = TestUser.create();
        Files.writeString(HOOK, "#!/bin/sh\necho \"$(id -u) $(readlink /proc/self/ns/net) $1\" >> " + SEEN + "\n");
        Sh.ok("chown", TestUser.NAME, HOOK.toString());
        Files.setPosixFilePermissions(HOOK, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    @AfterEach
    void nothingLeft() {
        Wgns.run("down", C1, "--kill");
        assertNothingLeft();
    }

    static Result up(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", C1, "-c", topo.clientConfig(dir, 0, "").toString(), "--port-forward", "natpmp"));
        args.addAll(List.of(extra));
        return Wgns.run(args.toArray(String[]::new));
    }

    static void await(String what, BooleanSupplier cond) {
        assertTrue(Machine.until(cond, 15_000), what);
    }

    static String portFile() {
        try {
            return Files.readString(PORT_FILE).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static List<String> seen() throws Exception {
        return Files.exists(SEEN) ? Files.readAllLines(SEEN) : List.of();
    }

    @Test
    void aForwardedPortIsOpenedWrittenHandedToTheUserAndFollowsAChange() throws Exception {
        Files.deleteIfExists(SEEN);
        try (NatPmpResponder gw = NatPmpResponder.start()) {
            gw.lifetime = 2;
            Result r = up("--on-port-change", HOOK.toString(), "--on-port-change-user", TestUser.NAME);
            UpDownIT.ok(r);
            assertTrue(r.err().contains("wgns up: forwarded port 40001 (in " + PORT_FILE + ")"), r.err());
            assertEquals("40001", portFile());
            assertEquals("40001\n", user.sh("cat " + PORT_FILE).out(), "the app's user reads the port");
            assertTrue(user.sh("cat /run/wgns/" + C1 + "/state").exit() != 0, "but not the state");
            assertTrue(user.sh("ls /run/wgns/" + C1).exit() != 0, "nor the directory's list");
            String netns = Sh.ok("readlink", "/proc/self/ns/net").strip();
            await("the user's command ran", () -> !call(PortForwardIT::seen).isEmpty());
            String inside = Sh.ok("ip", "netns", "exec", C1, "readlink", "/proc/self/ns/net").strip();
            assertEquals(List.of(user.uid + " " + inside + " 40001"), seen(), "as the user, inside, with the port");
            assertFalse(inside.equals(netns));
            try (WebServer a = WebServer.start(C1, 40001); WebServer b = WebServer.start(C1, 40002)) {
                assertTrue(FirewallPublishIT.fromVpnSide(40001), "the forwarded port is open to the VPN's side");
                assertFalse(FirewallPublishIT.fromVpnSide(40002), "no other");
                Sh.sleep(3000);
                assertTrue(gw.requests >= 6, "renewed before the 2 s lifetime ran out: " + gw.requests + " requests");
                assertEquals("40001", portFile());
                JsonObject ns = show();
                assertEquals(40001, ns.get("forwardedPort").getAsInt());
                assertTrue(Wgns.run("show", C1).out().contains("  forwarded port: 40001 (renewed "));
                Result check = Wgns.run("check", C1);
                assertEquals(0, check.exit(), check.out());
                assertTrue(check.out().contains("ok    forwarding  port 40001, renewed "), check.out());
                gw.port = 40002;
                await("the new port replaces the old", () -> portFile().equals("40002"));
                await("the firewall follows", () -> FirewallPublishIT.fromVpnSide(40002));
                assertFalse(FirewallPublishIT.fromVpnSide(40001), "the old port is closed");
                await("the user's command heard of it", () -> call(PortForwardIT::seen).size() == 2);
                assertEquals(user.uid + " " + inside + " 40002", seen().get(1));
            }
        }
    }

    @Test
    void aGatewayThatFallsSilentClosesThePortWhenItLapsesAndTheTunnelStaysUp() throws Exception {
        try (NatPmpResponder gw = NatPmpResponder.start()) {
            gw.lifetime = 2;
            UpDownIT.ok(up());
            assertEquals("40001", portFile());
            gw.silent = true;
            await("the lapsed port is taken away", () -> portFile().isEmpty());
            Result check = Wgns.run("check", C1);
            assertEquals(1, check.exit());
            assertTrue(check.out().contains("fail  forwarding  no port: the gateway 10.99.0.1 does not answer NAT-PMP; trying again in "),
                    check.out());
            assertTrue(show().get("forwardedPort").isJsonNull(), "null while none");
            assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL), "the tunnel is up");
            String rules = Sh.ok("ip", "netns", "exec", C1, "nft", "list", "set", "inet", "wgns", "forwarded");
            assertFalse(rules.contains("40001"), rules);
            gw.silent = false;
            await("back when the gateway answers again", () -> portFile().equals("40001"));
        }
    }

    @Test
    void anUnansweringOrRefusingGatewayIsOneLineAndUpSucceeds() throws Exception {
        Result r = up();
        UpDownIT.ok(r);
        assertTrue(r.err().contains("wgns up: no forwarded port yet: the gateway 10.99.0.1 has no NAT-PMP (nothing on its port 5351);"
                + " trying again in 2 s\n") || r.err().contains("wgns up: no forwarded port yet: the gateway 10.99.0.1 does not answer NAT-PMP;"),
                r.err());
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
        UpDownIT.ok(Wgns.run("down", C1));
        try (NatPmpResponder gw = NatPmpResponder.start()) {
            gw.error = 2;
            r = up();
            UpDownIT.ok(r);
            assertTrue(r.err().contains("wgns up: no forwarded port yet: the gateway refused the mapping: not authorized (2)"), r.err());
            assertEquals(1, r.err().lines().filter(l -> l.contains("forwarded port")).count(), r.err());
            gw.error = 0;
            await("the port once the gateway grants it", () -> portFile().equals("40001"));
        }
    }

    static JsonObject show() {
        return JsonParser.parseString(Wgns.run("show", C1, "--json").out()).getAsJsonObject().getAsJsonArray("namespaces").get(0)
                .getAsJsonObject();
    }

    interface Io<T> {
        T get() throws Exception;
    }

    static <T> T call(Io<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
