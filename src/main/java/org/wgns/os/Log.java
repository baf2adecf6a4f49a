package org.wgns.os;

import java.io.PrintWriter;

/**
 * What -v shows, written to the error stream wgns was given (so tests read it as a user would):
 * every command as wg-quick echoes it ("[#] ip -batch -"), and details of what failed. Quiet
 * otherwise. (No logging framework: finding and starting one cost a quiet run start-up time,
 * and it would write past the streams Main.run is given.)
 */
public final class Log {
    private final PrintWriter err;
    private volatile boolean verbose;

    public Log(PrintWriter err) {
        this.err = err;
    }

    /** Where nothing is said (unit tests that do not look). */
    public static Log quiet() {
        return new Log(new PrintWriter(java.io.Writer.nullWriter()));
    }

    public void verbose(boolean on) {
        verbose = on;
    }

    public boolean verbose() {
        return verbose;
    }

    /** A command about to run, echoed as wg-quick does. */
    public void command(String display) {
        if (verbose) {
            err.println("[#] " + display);
            err.flush();
        }
    }

    public void debug(String message) {
        if (verbose) {
            err.println("wgns: debug: " + message);
            err.flush();
        }
    }
}
