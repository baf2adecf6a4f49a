package org.wgns.status;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.wgns.os.Clock;

/**
 * `--watch`: one process for a status bar instead of one a second. It reads the status every
 * SECONDS and prints it as one compact JSON line at start and whenever it differs from the line
 * printed last, and, unchanged, again once a minute: the ages it carries stay near the truth, and
 * a watcher whose reader has gone (the bar closed the pipe) finds out by that write and ends.
 */
public final class Watch {
    static final long REPEAT_MS = 60_000;

    private final Clock clock;
    private final PrintWriter out;

    public Watch(Clock clock, PrintWriter out) {
        this.clock = clock;
        this.out = out;
    }

    /**
     * Never returns while someone reads. {@code sameness} maps a document to what counts for a
     * change: what moves only with the clock is left out of it.
     */
    public void run(int seconds, Supplier<Object> read, UnaryOperator<Object> sameness) {
        Object shown = null;
        long shownAt = 0;
        while (true) {
            Object document = read.get();
            Object key = sameness.apply(document);
            long now = clock.millis();
            if (!key.equals(shown) || now - shownAt >= Math.max(REPEAT_MS, seconds * 1000L)) {
                out.print(Json.line(document));
                out.flush();
                if (out.checkError()) {
                    return;
                }
                shown = key;
                shownAt = now;
            }
            clock.sleep(seconds * 1000L);
        }
    }

    /**
     * For `list`: a handshake's age ticks every second, so only its class counts — never, fresh,
     * or older than the 3 minutes `check` calls stale. A new handshake is no change by itself.
     */
    public static Object listSameness(Object listDocument) {
        List<Object> out = new ArrayList<>();
        for (Object entry : (List<?>) listDocument) {
            Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) entry);
            Object age = m.get("handshakeAgeSeconds");
            m.put("handshakeAgeSeconds", age == null ? "never" : ((Number) age).longValue() < HandshakeCheck.HANDSHAKE_MAX_AGE ? "fresh" : "stale");
            out.add(m);
        }
        return out;
    }

    /** For `show`: the document as it is (handshakes are times, not ages; byte counts are news). */
    public static Object showSameness(Object showDocument) {
        return showDocument;
    }
}
