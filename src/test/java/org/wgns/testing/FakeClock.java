package org.wgns.testing;

import java.util.ArrayList;
import java.util.List;
import org.wgns.os.Clock;

/** A clock for tests: time moves only when the code under test sleeps (or the test moves it). */
public final class FakeClock implements Clock {
    public long now;
    public final List<Long> sleeps = new ArrayList<>();
    /** Runs after every sleep: a test ends a loop from here (by throwing) or moves the world on. */
    public Runnable onSleep = () -> { };

    public FakeClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public long nanos() {
        return now * 1_000_000;
    }

    @Override
    public void sleep(long ms) {
        sleeps.add(ms);
        now += ms;
        onSleep.run();
    }
}
