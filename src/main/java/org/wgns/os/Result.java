package org.wgns.os;

/**
 * How a program ended and what it printed; for a program started to run on (detached), its pid.
 */
public record Result(int exit, String out, String err, long pid) {
    public Result(int exit, String out, String err) {
        this(exit, out, err, 0);
    }

    /** A detached program that started: it runs on as pid. */
    public static Result started(long pid) {
        return new Result(0, "", "", pid);
    }

    public static Result ok() {
        return new Result(0, "", "");
    }

    public static Result ok(String out) {
        return new Result(0, out, "");
    }

    public static Result fail(int exit, String err) {
        return new Result(exit, "", err);
    }

    public boolean success() {
        return exit == 0;
    }

    /** The first line of stderr that says something, for a one-line error message. */
    public String reason() {
        for (String line : err.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("Command failed")) {
                return l;
            }
        }
        return exit < 0 ? "timed out" : "exit status " + exit;
    }
}
