package org.wgns.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.wgns.os.OpenedFile;

/** What the file system says about a config file, beyond its text. */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** wg-quick's warning: a config holds a private key and should be readable by root only. */
    public static Optional<String> readableByOthers(ConfigReader.Loaded c) {
        if (c.mode() >= 0 && (c.mode() & 044) != 0) {
            return Optional.of("warning: " + c.path() + " is readable by others; it holds a private key (chmod 600 "
                    + c.path() + ")");
        }
        return Optional.empty();
    }

    /**
     * Why hooks from this config must not run as root, or empty when they may: the file root read
     * (its descriptor's facts, not its name) and every directory above where it really is must be
     * root's and writable by nobody else — else someone else chose the commands.
     */
    public static Optional<String> unsafeForHooks(ConfigReader.Loaded c) {
        if (c.facts().isEmpty()) {
            return Optional.of(c.path() + " was read as you, through sudo; hooks run only from root's own configs");
        }
        OpenedFile.Facts f = c.facts().get();
        if (f.uid() != 0) {
            return Optional.of(c.path() + " is not owned by root");
        }
        if (f.writableByOthers()) {
            return Optional.of(c.path() + " is writable by others than root");
        }
        for (Path dir = f.path().getParent(); dir != null; dir = dir.getParent()) {
            try {
                Map<String, Object> a = Files.readAttributes(dir, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Integer.valueOf(0).equals(a.get("uid"))) {
                    return Optional.of(dir + " (above " + c.path() + ") is not a directory of root's");
                }
                if ((mode & 022) != 0) {
                    return Optional.of(dir + " (above " + c.path() + ") is writable by others than root");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.of("cannot check who may write " + dir);
            }
        }
        return Optional.empty();
    }
}
