package org.wgns.os;

import org.wgns.WgnsException;

/** Time, as wgns reads and waits for it: through the host, so tests can have their own. */
public interface Clock {
    long millis();

    long nanos();

    /** Waits; an interrupt ends the command with a failure. */
    void sleep(long ms);

    default long epochSeconds() {
        return millis() / 1000;
    }

    static Clock system() {
        return new Clock() {
            @Override
            public long millis() {
                return System.currentTimeMillis();
            }

            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long ms) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw WgnsException.failure("interrupted");
                }
            }
        };
    }
}
