package org.wgns.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How wgns writes and removes files: whole or not at all, no empty traces, and every mode set
 * explicitly. Root's umask is not always 022 (a root shell, a unit with UMask=): a file created
 * with the default mode could be world-writable for a moment, long enough for someone to open it.
 * So files are created with their mode (never wider than asked) and then set to exactly it.
 */
public final class SafeFiles {
    /** Files others may read: /etc/netns, unit drop-ins. */
    public static final String PUBLIC = "rw-r--r--";
    /** Files of root's only: state, firewall rules, locks. */
    public static final String PRIVATE = "rw-------";
    public static final String PUBLIC_DIR = "rwxr-xr-x";
    public static final String PRIVATE_DIR = "rwx------";
    /** A root-only directory others may pass through to a file they know the name of, never list. */
    public static final String PASSABLE_DIR = "rwx--x--x";
    /** The suffix of a file being written; only wgns makes such files, so only wgns removes them. */
    public static final String TMP_SUFFIX = ".wgns-tmp";

    private SafeFiles() {}

    /** Readable by all (these are /etc files), written to a sibling and renamed over. */
    public static void write(Path p, String text) throws IOException {
        write(p, text, PUBLIC);
    }

    public static void write(Path p, String text, String mode) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + TMP_SUFFIX);
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(perms))) {
            Files.setPosixFilePermissions(tmp, perms);
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes an existing file in place, keeping its inode: a file bind-mounted into running
     * processes (resolv.conf, by `ip netns exec`) is seen changed only so. Not atomic: for small
     * files whose readers read them whole each time.
     */
    public static void rewrite(Path p, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** The directory and any missing parents, each made with exactly this mode; existing ones are left as they are. */
    public static void mkdirs(Path dir, String mode) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            mkdirs(parent, mode);
        }
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(perms));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        Files.setPosixFilePermissions(dir, perms);
    }

    public static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }
}
