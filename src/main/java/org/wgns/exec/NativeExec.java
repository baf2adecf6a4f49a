package org.wgns.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wgns.os.Libc;
import org.wgns.os.UserEntry;

/**
 * The four C calls `exec` needs (getpwuid, getpwnam, fcntl, execve), bound one by one through
 * jffi, the layer under jnr-posix. jnr-posix's getNativePOSIX() generated and loaded an
 * implementation of its whole libc interface first, which cost more than the rest of `exec`.
 * Loaded only by `exec`, so other commands start without native code.
 */
public final class NativeExec implements ExecPort {
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private Libc libc;

    private Libc libc() {
        if (libc == null) {
            try {
                libc = Libc.shared();
            } catch (LinkageError e) {
                // An Error would pass picocli's handler by and end as a stack trace.
                throw org.wgns.WgnsException.failure("cannot load the native code exec needs (is "
                        + System.getProperty("java.io.tmpdir") + " mounted noexec?): " + e.getMessage());
            }
        }
        return libc;
    }

    @Override
    public Optional<UserEntry> userById(long uid) {
        return libc().getpwuid(uid);
    }

    @Override
    public Optional<UserEntry> userByName(String name) {
        return libc().getpwnam(name);
    }

    /**
     * Replaces the JVM. Its descriptors beyond stdin, stdout and stderr (the jar, the class-data
     * archive, whatever root had open) are marked close-on-exec first: not one reaches the app.
     */
    @Override
    public int execve(String path, List<String> argv, Map<String, String> env) {
        Libc c = libc();
        for (int fd : openDescriptors()) {
            if (fd > 2) {
                int flags = c.fcntl(fd, F_GETFD, 0);
                if (flags >= 0) {
                    c.fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
                }
            }
        }
        List<String> envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return c.execve(path, argv, envp);
    }

    static List<Integer> openDescriptors() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : ds) {
                out.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc to ask: every descriptor a JVM could plausibly hold.
            out.clear();
            for (int fd = 3; fd < 4096; fd++) {
                out.add(fd);
            }
        }
        return out;
    }
}
