package org.wgns.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How much slower this machine is than the 2-core CI machine the tests' time bounds were set
 * on: 1 there; an emulated guest (scripts/vm-test.sh passes -Dwgns.it.slowdown) is tens of
 * times slower at starting processes and JVMs. Time bounds and kill delays scale with it;
 * WireGuard's own timeouts (a ping's 6 s, --wait) do not.
 */
final class Machine {
    static final double SLOWDOWN = slowdown(System.getProperty("wgns.it.slowdown", "1"));
    /** The share of a repeated test's rounds to run: 1, or less where the time budget cannot pay for them all. */
    static final double ROUNDS = Double.parseDouble(System.getProperty("wgns.it.rounds", "1"));

    private Machine() {}

    static double slowdown(String value) {
        double d = Double.parseDouble(value);
        if (!(d >= 1)) {
            throw new IllegalArgumentException("wgns.it.slowdown must be 1 or more: " + value);
        }
        return d;
    }

    /** How many rounds of a repeated test to run: n, or its share {@link #ROUNDS}, at least min. */
    static int rounds(int n, int min) {
        return Math.max(Math.min(n, min), (int) Math.round(n * Math.min(1, ROUNDS)));
    }

    static long millis(long ms) {
        return Math.round(ms * SLOWDOWN);
    }

    static Duration seconds(long s) {
        return Duration.ofMillis(millis(s * 1000));
    }

    /** A whole number of seconds for a command's own time-out option (curl -m). */
    static String secondsArg(long s) {
        return Long.toString((long) Math.ceil(s * SLOWDOWN));
    }

    /** Polls every 20 ms until done, for at most boundMillis (scaled). Returns whether it got done. */
    static boolean until(BooleanSupplier done, long boundMillis) {
        long deadline = System.nanoTime() + millis(boundMillis) * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Sh.sleep(20);
        }
        return true;
    }
}
