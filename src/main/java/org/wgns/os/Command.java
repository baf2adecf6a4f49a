package org.wgns.os;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One program to run: its argv, what goes to its stdin, and extra environment on top of the
 * clean one every child gets. secretInput keeps stdin out of logs (it may hold a key).
 */
public record Command(List<String> argv, byte[] stdin, boolean secretInput, Map<String, String> env, Duration timeout,
        boolean detached, int maxOutput) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** What wgns keeps of a program's stdout or stderr unless told otherwise: `wg show` of a big hub fits. */
    public static final int DEFAULT_MAX_OUTPUT = 64 << 20;

    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public Command(List<String> argv, byte[] stdin, boolean secretInput, Map<String, String> env, Duration timeout) {
        this(argv, stdin, secretInput, env, timeout, false, DEFAULT_MAX_OUTPUT);
    }

    /**
     * A program that runs on after wgns (a daemon that does not fork): started, not waited for, its
     * output discarded; the result carries its pid, known from the start.
     */
    public Command detach() {
        return new Command(argv, stdin, secretInput, env, timeout, true, maxOutput);
    }

    /** A program whose output someone else controls: more than max bytes ends it, as a failure. */
    public Command withMaxOutput(int max) {
        return new Command(argv, stdin, secretInput, env, timeout, detached, max);
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, false, Map.of(), DEFAULT_TIMEOUT);
    }

    public Command withInput(String text) {
        return new Command(argv, text.getBytes(StandardCharsets.UTF_8), false, env, timeout, detached, maxOutput);
    }

    public Command withSecretInput(byte[] bytes) {
        return new Command(argv, bytes, true, env, timeout, detached, maxOutput);
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, stdin, secretInput, env, t, detached, maxOutput);
    }

    /** The command as wg-quick echoes it, with the input shown unless it is secret. */
    public String display() {
        StringBuilder b = new StringBuilder(String.join(" ", argv));
        if (stdin != null) {
            if (secretInput) {
                b.append("  (secret input on stdin)");
            } else {
                String in = new String(stdin, StandardCharsets.UTF_8).strip();
                for (String line : in.split("\n")) {
                    b.append("\n[#]     ").append(line);
                }
            }
        }
        return b.toString();
    }

    public String inputText() {
        return stdin == null ? "" : new String(stdin, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return display();
    }
}
