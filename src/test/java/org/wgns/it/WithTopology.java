package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every integration test class shares: root, a closed topology with two client keys, a
 * directory for configs, and, at the end, nothing of the tests left on the machine.
 */
abstract class WithTopology {
    static final String C1 = "wgit-c1";
    static final String C2 = "wgit-c2";
    static Topology topo;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startTopology() {
        assumeTrue(Root.isRoot(), "integration tests need root");
        Leftovers.baseline();
        topo = Topology.start(2);
    }

    @AfterAll
    static void removeTopology() {
        Wgns.run("down", C1, "--kill");
        Wgns.run("down", C2, "--kill");
        if (topo != null) {
            topo.close();
        }
        Leftovers.cleanAll();
    }

    /** For an @AfterEach: fails the test if it left anything, and cleans it for the next one. */
    static void assertNothingLeft() {
        List<String> left = Leftovers.find();
        Leftovers.clean();
        assertEquals(List.of(), left, "leftovers");
    }
}
