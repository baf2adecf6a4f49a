package org.wgns.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.Passwd;

/** jnr-posix: loaded only by `exec`, so other commands start without native code. */
public final class NativeExec implements ExecPort {
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

    @Override
    public int execve(String path, List<String> argv, Map<String, String> env) {
        String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        posix().execve(path, argv.toArray(String[]::new), envp);
        return posix().errno();
    }
}
