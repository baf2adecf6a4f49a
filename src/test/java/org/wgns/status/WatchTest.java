package org.wgns.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wgns.testing.FakeClock;

/** --watch, driven by a clock of its own: what is printed when, and how it ends. */
class WatchTest {
    /** Takes lines until it has had enough, then fails as a closed pipe does. */
    static final class Reader extends Writer {
        final StringWriter lines = new StringWriter();
        int left;

        Reader(int lines) {
            this.left = lines;
        }

        @Override
        public void write(char[] c, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                throw new java.io.IOException("Broken pipe");
            }
            lines.write(c, off, len);
            if (new String(c, off, len).contains("\n")) {
                left--;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    static Map<String, Object> entry(String name, Long age, int procs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("handshakeAgeSeconds", age);
        m.put("processes", procs);
        return m;
    }

    /** The status seen at each tick: ages tick, a process starts, the handshake goes stale, the namespace goes. */
    static final List<Object> TICKS = List.of(
            List.of(entry("vpn", 10L, 0)), List.of(entry("vpn", 15L, 0)), List.of(entry("vpn", 20L, 1)),
            List.of(entry("vpn", 175L, 1)), List.of(entry("vpn", 180L, 1)), List.of(), List.of());

    @Test
    void printsAtStartAndOnEveryChangeButNotWhenOnlyAnAgeTicks() {
        FakeClock clock = new FakeClock(1_700_000_000_000L);
        Reader r = new Reader(4);
        int[] tick = {0};
        new Watch(clock, new PrintWriter(r)).run(5, () -> TICKS.get(Math.min(tick[0]++, TICKS.size() - 1)), Watch::listSameness);
        assertEquals("""
                [{"name":"vpn","handshakeAgeSeconds":10,"processes":0}]
                [{"name":"vpn","handshakeAgeSeconds":20,"processes":1}]
                [{"name":"vpn","handshakeAgeSeconds":180,"processes":1}]
                []
                """, r.lines.toString());
        assertEquals(List.of(5000L, 5000L, 5000L, 5000L, 5000L, 5000L), clock.sleeps.subList(0, 6), "one read every SECONDS");
    }

    /** Unchanged, the line comes again once a minute: the ages stay near the truth, a gone reader is noticed. */
    @Test
    void repeatsOnceAMinuteAndEndsWhenTheReaderIsGone() {
        FakeClock clock = new FakeClock(1_700_000_000_000L);
        Reader r = new Reader(2);
        new Watch(clock, new PrintWriter(r)).run(5, () -> List.of(), Watch::listSameness);
        assertEquals("[]\n[]\n", r.lines.toString());
        assertEquals(120_000L, clock.sleeps.stream().mapToLong(Long::longValue).sum(),
                "lines at 0 s and 60 s; the one at 120 s fails, and the watch ends");
    }

    @Test
    void showCountsEveryFieldAsNews() {
        FakeClock clock = new FakeClock(1_700_000_000_000L);
        Reader r = new Reader(2);
        List<Object> docs = List.of(Map.of("rxBytes", 1), Map.of("rxBytes", 1), Map.of("rxBytes", 2));
        int[] tick = {0};
        new Watch(clock, new PrintWriter(r)).run(1, () -> docs.get(Math.min(tick[0]++, 2)), Watch::showSameness);
        assertEquals("{\"rxBytes\":1}\n{\"rxBytes\":2}\n", r.lines.toString());
        assertEquals(62, clock.sleeps.size(), "changed at 2 s; unchanged after, it writes again at 62 s, fails, and ends");
    }
}
