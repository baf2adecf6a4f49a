package org.wgns.wg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.wgns.os.Result;

/** What the user reads when wireguard-go does not start: its error, not its banner. */
public class UserspaceDaemonTest {
    /** What wireguard-go 0.0.20220316 printed here with /dev/net/tun hidden: the banner on stderr, the error on stdout. */
    public static final String BANNER = """
            ┌──────────────────────────────────────────────────────┐
            │                                                      │
            │   Running wireguard-go is not required because this  │
            │   kernel has first class support for WireGuard. For  │
            │   information on installing the kernel module,       │
            │   please visit:                                      │
            │         https://www.wireguard.com/install/           │
            │                                                      │
            └──────────────────────────────────────────────────────┘
            """;

    @Test
    void withoutAnErrorLineTheFirstLineThatIsNotTheBannerTells() {
        assertEquals("bind: address already in use", UserspaceDaemon.failure(new Result(1, "", BANNER + "bind: address already in use\n")));
        assertEquals("exit status 1", UserspaceDaemon.failure(new Result(1, "", BANNER)));
        assertEquals("boringtun: no such device", UserspaceDaemon.failure(new Result(2, "boringtun: no such device\n", "")));
        assertEquals("timed out", UserspaceDaemon.failure(new Result(-1, "", "")));
    }
}
