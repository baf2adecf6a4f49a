package org.wgns.os;

import org.slf4j.LoggerFactory;

/**
 * Debug output for -v. slf4j is only initialised when -v asked for it: a quiet run does not pay
 * for finding and starting a logging provider.
 */
public final class Log {
    private static volatile boolean verbose;

    private Log() {}

    public static void verbose(boolean on) {
        verbose = on;
    }

    public static boolean verbose() {
        return verbose;
    }

    /** A command about to run, echoed as wg-quick does: "[#] ip -batch -". */
    public static void command(String display) {
        if (verbose) {
            System.err.println("[#] " + display);
        }
    }

    public static void debug(Class<?> where, String format, Object... args) {
        if (verbose) {
            LoggerFactory.getLogger(where).debug(format, args);
        }
    }
}
