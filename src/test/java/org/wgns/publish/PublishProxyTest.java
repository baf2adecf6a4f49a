package org.wgns.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.testing.FakeHost;

class PublishProxyTest {
    @TempDir
    Path dir;
    FakeHost fake;

    @BeforeEach
    void setUp() {
        fake = new FakeHost(dir);
    }

    /** Only the process recorded is ended; one that looks like it (another user's, or a reused pid) is not. */
    @Test
    void aProxyIsKnownByPidAndStartTimeNotByLooks() {
        PublishProxy proxy = new PublishProxy(fake.host());
        List<String> argv = List.of("/usr/sbin/systemd-socket-activate", "-l", "127.0.0.1:20103", "/usr/sbin/ip", "netns",
                "exec", "demo", "/lib/systemd/systemd-socket-proxyd", "127.0.0.1:80");
        fake.process(5001, 1000, 10, argv);
        assertFalse(PublishProxy.same(fake.host().procs(), 5001, 10, "demo"), "a user's look-alike");
        fake.process(5002, 0, 11, argv);
        assertFalse(PublishProxy.same(fake.host().procs(), 5002, 10, "demo"), "the pid was reused");
        assertTrue(PublishProxy.same(fake.host().procs(), 5002, 11, "demo"));
        PublishedPort p = PublishedPort.parse("127.0.0.1:20103:80/tcp@5002:11");
        assertEquals(new PublishedPort(Publish.parse("20103:80"), 5002, 11), p);
        assertEquals("127.0.0.1:20103:80/tcp@5002:11", p.encode());
        assertEquals(-1, PublishedPort.parse("127.0.0.1:20103:80/tcp@5002").startTime(), "an older wgns's entry");
        assertEquals("127.0.0.1:20103:80/tcp@0", PublishedPort.pending(Publish.parse("20103:80")).encode());
        assertNotNull(proxy);
    }

}
