package org.wgns.os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs with ProcessBuilder, found in and run with a clean environment (a fixed PATH and
 * the C locale, so that nothing of the caller's reaches a root process and messages can be
 * read), both output streams drained at once and a timeout.
 */
public final class ProcessRunner implements CommandRunner {
    public static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @Override
    public Result run(Command command) {
        ProcessBuilder pb = builder(command);
        // The JDK looks a bare name up in the PATH of this process, not the child's: through a
        // sudo without secure_path that is the caller's, and root would run their `ip`. So the
        // name is looked up here, in the child's PATH, and run by its absolute path.
        var program = Which.find(command.argv().get(0), pb.environment().get("PATH"));
        if (program.isEmpty()) {
            return new Result(127, "", command.argv().get(0) + ": command not found");
        }
        pb.command().set(0, program.get().toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String why = e.getMessage() != null && e.getMessage().contains("error=2") ? "command not found" : e.getMessage();
            return new Result(127, "", command.argv().get(0) + ": " + why);
        }
        if (command.detached()) {
            return Result.started(p.pid());
        }
        Drain err = Drain.start(p.getErrorStream(), command.maxOutput(), "stderr");
        Drain out = Drain.start(p.getInputStream(), command.maxOutput(), "stdout");
        try {
            feed(p, command);
            boolean ended = waitFor(p, command.timeout().toMillis(), out, err);
            if (!ended) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
            // A daemon may keep the pipes open after its parent exits: do not wait for it.
            out.join(1000);
            err.join(1000);
            if (out.overflow() || err.overflow()) {
                return new Result(-1, "", command.argv().get(0) + " wrote more than " + command.maxOutput() + " bytes");
            }
            if (!ended) {
                return new Result(-1, out.text(), command.argv().get(0) + " timed out after " + command.timeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, out.text(), "interrupted");
        }
        return new Result(p.exitValue(), out.text(), err.text());
    }

    /** The clean environment: a fixed PATH, the C locale, and what the command itself adds. */
    private static ProcessBuilder builder(Command command) {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(command.argv()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", SAFE_PATH);
        env.put("LC_ALL", "C");
        env.putAll(command.env());
        if (command.stdin() == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        if (command.detached()) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return pb;
    }

    private static void feed(Process p, Command command) {
        if (command.stdin() != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(command.stdin());
            } catch (IOException e) {
                // The program ended without reading all of it; its exit status says why.
            }
        }
    }

    /** Waits for the exit, but no longer than timeout, and not past an output that grew too large. */
    private static boolean waitFor(Process p, long timeoutMs, Drain out, Drain err) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!p.waitFor(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)), TimeUnit.MILLISECONDS)) {
            if (out.overflow() || err.overflow() || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private volatile boolean overflow;
        private Thread thread;

        Drain(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        /** Drains the stream on a thread of its own: stdout and stderr are read at once. */
        static Drain start(InputStream in, int max, String name) {
            Drain d = new Drain(in, max);
            d.thread = new Thread(d, name);
            d.thread.setDaemon(true);
            d.thread.start();
            return d;
        }

        void join(long ms) throws InterruptedException {
            thread.join(ms);
        }

        @Override
        public void run() {
            byte[] b = new byte[8192];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    synchronized (buf) {
                        if (buf.size() + n > max) {
                            overflow = true;
                            return;
                        }
                        buf.write(b, 0, n);
                    }
                }
            } catch (IOException e) {
                // The stream closed: what was read is all there is.
            }
        }

        boolean overflow() {
            return overflow;
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
