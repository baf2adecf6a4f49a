package org.wgns.os;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.wgns.WgnsException;

/**
 * Sockets inside a network namespace for a process that stays in the host's: a socket belongs to
 * the namespace of the thread that creates it, for good, whichever thread uses it later. So a
 * short-lived thread joins the namespace (setns(2), which moves only the calling thread) and
 * creates the sockets there, and nothing else; every other thread of the process stays in the
 * host's namespace, where its sockets connect from. A thread inherits its creator's namespace, so
 * the joined thread starts none. Native code (Libc, as for exec) only when used.
 */
public final class Netns {
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private Netns() {}

    private static Libc libc() {
        try {
            return Libc.shared();
        } catch (LinkageError e) {
            // An Error would pass picocli's handler by and end as a stack trace.
            throw WgnsException.failure("cannot load native code (is " + System.getProperty("java.io.tmpdir")
                    + " mounted noexec?): " + e.getMessage());
        }
    }

    /** Runs make on a new thread that has joined the namespace bind-mounted at nsFile; returns what it made. */
    public static <T> T inside(Path nsFile, Callable<T> make) {
        AtomicReference<T> made = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Libc c = libc();
        Thread t = new Thread(() -> {
            int fd = c.open(nsFile.toString(), O_RDONLY_CLOEXEC);
            if (fd < 0 || c.setns(fd, CLONE_NEWNET) != 0) {
                if (fd >= 0) {
                    c.close(fd);
                }
                failed.set(new java.io.IOException("cannot enter the namespace " + nsFile));
                return;
            }
            c.close(fd);
            try {
                made.set(make.call());
            } catch (Exception e) {
                failed.set(e);
            }
        }, "netns");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WgnsException.failure("interrupted");
        }
        if (failed.get() != null) {
            throw WgnsException.failure(failed.get().getMessage());
        }
        return made.get();
    }
}
