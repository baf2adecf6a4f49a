package org.wgns.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jnr.constants.platform.Fcntl;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.Passwd;

/** jnr-posix: loaded only by `exec`, so other commands start without native code. */
public final class NativeExec implements ExecPort {
    private static final int FD_CLOEXEC = 1;
    private POSIX posix;

    private POSIX posix() {
        if (posix == null) {
            posix = POSIXFactory.getNativePOSIX();
        }
        return posix;
    }

    @Override
    public Optional<UserEntry> userById(long uid) {
        return entry(posix().getpwuid((int) uid));
    }

    @Override
    public Optional<UserEntry> userByName(String name) {
        return entry(posix().getpwnam(name));
    }

    private static Optional<UserEntry> entry(Passwd p) {
        if (p == null) {
            return Optional.empty();
        }
        return Optional.of(new UserEntry(p.getLoginName(), p.getUID(), p.getGID(), p.getHome(), p.getShell()));
    }

    /**
     * Replaces the JVM. Its descriptors beyond stdin, stdout and stderr (the jar, the class-data
     * archive, whatever root had open) are marked close-on-exec first: not one reaches the app.
     */
    @Override
    public int execve(String path, List<String> argv, Map<String, String> env) {
        for (int fd : openDescriptors()) {
            if (fd > 2) {
                posix().fcntlInt(fd, Fcntl.F_SETFD, posix().fcntl(fd, Fcntl.F_GETFD) | FD_CLOEXEC);
            }
        }
        String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        posix().execve(path, argv.toArray(String[]::new), envp);
        return posix().errno();
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
