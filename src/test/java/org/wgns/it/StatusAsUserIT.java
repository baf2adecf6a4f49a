package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/**
 * list, show and check as a user who is not root, through the README's sudoers line for them —
 * which grants exec and these and nothing else.
 */
class StatusAsUserIT extends WithTopology {
    static TestUser user;

    @BeforeAll
    static void userWithTheStatusRule() throws Exception {
        user = TestUser.create("exec *", "list", "list *", "show", "show *", "check *");
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
        assertTrue(UpDownIT.ping(C1, Topology.SERVER_TUNNEL));
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    static Result asUser(String... args) {
        return user.run(null, Map.of(), args);
    }

    @Test
    void listShowAndCheckWorkAsTyped() {
        Result list = asUser("list", "--json");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("\"name\": \"" + C1 + "\""), list.out());
        Result show = asUser("show", C1);
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("private key: (hidden)"), show.out());
        assertFalse(show.out().contains(topo.clientPrivate.get(0)), "the key stays root's");
        Result check = asUser("check", C1);
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("ok    routes"), check.out());
    }

    @Test
    void theRuleGrantsNothingElse() throws Exception {
        Result down = asUser("down", C1);
        assertTrue(down.exit() != 0, "down is not granted");
        assertTrue(Files.exists(Path.of("/run/netns/" + C1)), C1 + " is still up");
        Result up = asUser("up", "wgit-c2", "-c", "/etc/shadow");
        assertTrue(up.exit() != 0, "up is not granted");
        assertFalse(Files.exists(Path.of("/run/netns/wgit-c2")));
        assertTrue(user.sh("cat /run/wgns/" + C1 + "/state").exit() != 0, "the state stays root's");
    }
}
