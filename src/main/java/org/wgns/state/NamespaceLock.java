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
import java.util.UUID;
import org.wgns.WgnsException;

/**
 * A per-name lock: /run/wgns/NAME.lock held with flock, so a killed holder frees it at once.
 * The file is removed on release; a contender that opened the old file notices that the path now
 * holds another token than the one it wrote, and tries again.
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

    public static NamespaceLock acquire(Path stateDir, String name) {
        Path path = stateDir.resolve(name + ".lock");
        try {
            StateStore.ensureDir(stateDir);
            for (int attempt = 0; attempt < 50; attempt++) {
                FileChannel ch;
                try {
                    ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    // Another wgns removed the empty directory just now.
                    StateStore.ensureDir(stateDir);
                    continue;
                }
                FileLock l = ch.tryLock();
                if (l == null) {
                    String holder = holder(ch);
                    ch.close();
                    throw WgnsException.failure("another wgns is working on " + name + holder
                            + "; try again when it has finished");
                }
                String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
                if (token.equals(readPath(path))) {
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

    private static String readPath(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
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
