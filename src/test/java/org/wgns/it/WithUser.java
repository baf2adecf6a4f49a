package org.wgns.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The topology, a throwaway login user with the README's sudoers line, and C1 up. */
abstract class WithUser extends WithTopology {
    static TestUser user;

    @BeforeAll
    static void upWithUser() throws Exception {
        user = TestUser.create();
        UpDownIT.ok(Wgns.run("up", C1, "-c", topo.clientConfig(dir, 0, "").toString()));
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }
}
