package org.wgns.os;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command as a shell would, in a given PATH; a name with a slash is taken as a path. */
public final class Which {
    private Which() {}

    public static Optional<Path> find(String command, String path) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.indexOf('/') >= 0) {
            Path p = Path.of(command).toAbsolutePath();
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
