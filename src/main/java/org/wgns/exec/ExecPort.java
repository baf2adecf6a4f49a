package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two things `wgns exec` needs beyond the command runner: the passwd database, and replacing
 * this process with another (execve), so the app gets the terminal, signals and its exit code.
 */
public interface ExecPort {
    Optional<UserEntry> userById(long uid);

    Optional<UserEntry> userByName(String name);

    /** Replaces the process; returns only on failure, with errno. */
    int execve(String path, List<String> argv, Map<String, String> env);
}
