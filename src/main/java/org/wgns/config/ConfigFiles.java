package org.wgns.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/** What the file system says about a config file, beyond its text. */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** wg-quick's warning: a config holds a private key and should be readable by root only. */
    public static Optional<String> readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of("warning: " + file + " is readable by others; it holds a private key (chmod 600 "
                        + file + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not readable at all is reported by the parser.
        }
        return Optional.empty();
    }

    /**
     * Why hooks from this file must not run as root, or empty when they may: the file and its
     * directory must be root's and writable by nobody else.
     */
    public static Optional<String> unsafeForHooks(Path file) {
        try {
            Path real = file.toRealPath();
            for (Path p : new Path[] {real, real.getParent()}) {
                if (p == null) {
                    continue;
                }
                Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (!Integer.valueOf(0).equals(uid)) {
                    return Optional.of(p + " is not owned by root");
                }
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return Optional.of(p + " is writable by others than root");
                }
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check who may write " + file + ": " + e.getMessage());
        }
    }
}
