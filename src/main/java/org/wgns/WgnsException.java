package org.wgns;

/**
 * The one failure a user can cause or see: a message for one line on stderr and the exit code
 * wgns ends with. Anything else that escapes is a bug and gets a stack trace with -v.
 */
public class WgnsException extends RuntimeException {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public WgnsException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public WgnsException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static WgnsException failure(String message) {
        return new WgnsException(FAILURE, message);
    }

    public static WgnsException usage(String message) {
        return new WgnsException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
