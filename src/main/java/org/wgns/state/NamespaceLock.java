package org.wgns.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.wgns.WgnsException;
import org.wgns.os.SafeFiles;

/**
 * A per-name lock: /run/wgns/.locks/NAME held with a POSIX record lock, so a killed holder frees it
 * at once. The locks live apart from the names (a namespace "x.lock" is just a name) in a
 * directory only root can enter: a lock file others could open, they could lock, and so hold a
 * name hostage. The file is removed on release; a contender that locked the old, removed file notices
 * that the path now names another file (or none), and tries again.
 *
 * <p>POSIX locks belong to the process and go when it closes any descriptor of the file, so this
 * class never opens the lock file a second time while holding it: it compares inodes with stat
 * only (the channel's own inode is read through /proc/self/fd).
 */
public final class NamespaceLock implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private NamespaceLock(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static final String DIR = ".locks";

    public static NamespaceLock acquire(Path stateDir, org.wgns.NamespaceName name) {
        Path locks = stateDir.resolve(DIR);
        Path path = locks.resolve(name.value());
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                FileChannel ch;
                try {
                    StateStore.ensureDir(stateDir);
                    SafeFiles.mkdirs(locks, SafeFiles.PRIVATE_DIR);
                    ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString(SafeFiles.PRIVATE)));
                } catch (NoSuchFileException e) {
                    // Another wgns removed the empty directory just now.
                    continue;
                }
                FileLock l = ch.tryLock();
                if (l == null) {
                    String holder = holder(ch);
                    ch.close();
                    throw WgnsException.failure("another wgns is working on " + name + holder
                            + "; try again when it has finished");
                }
                Object mine = openedInode(path);
                Object now = inode(path);
                if (mine != null && mine.equals(now)) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    return new NamespaceLock(path, ch, l);
                }
                l.release();
                ch.close();
            }
            throw WgnsException.failure("could not take the lock " + path);
        } catch (IOException e) {
            throw WgnsException.failure("cannot lock " + path + ": " + e.getMessage());
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(128);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            String pid = s.isEmpty() ? "" : s.split(" ")[0];
            return pid.matches("[0-9]+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The inode a path names now, or null; stat only, no open. */
    private static Object inode(Path p) {
        try {
            return Files.getAttribute(p, "unix:ino");
        } catch (IOException e) {
            return null;
        }
    }

    /** The inode of this process's open descriptor of path, found in /proc/self/fd without opening anything. */
    private static Object openedInode(Path path) throws IOException {
        String want = path.toAbsolutePath().toString();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.equals(want) || target.equals(want + " (deleted)")) {
                        return Files.getAttribute(fd, "unix:ino");
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the process in any case.
        }
    }
}
