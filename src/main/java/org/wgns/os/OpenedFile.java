package org.wgns.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A file read as root without trusting its path twice: opened once, and every fact about it —
 * type, owner, mode, where it really is — taken from the open descriptor (through
 * /proc/self/fd/N, which the kernel resolves to the opened file itself, not by name). A symlink
 * swapped between a check and the open, or a bind mount in the caller's own mount namespace
 * reached through /proc/PID/root, can then change only what is read, never what is believed
 * about it. At most max+1 bytes are read, and an open that blocks (a FIFO) is given up.
 */
public final class OpenedFile {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    /** What fstat says of the opened file, and the path the kernel gives for it. */
    public record Facts(long dev, long ino, int uid, int gid, int mode, Path path) {
        public boolean regular() {
            return (mode & S_IFMT) == S_IFREG;
        }

        public boolean writableByOthers() {
            return (mode & 022) != 0;
        }

        public boolean readableByOthers() {
            return (mode & 044) != 0;
        }
    }

    /** The bytes read (at most max+1: more than max means too large) and the facts. */
    public record Contents(byte[] bytes, Facts facts) {}

    /** Why a file could not be read, for a one-line message. */
    public static final class Refused extends IOException {
        public Refused(String why) {
            super(why);
        }
    }

    private OpenedFile() {}

    public static Contents read(Path path, int max, Duration openTimeout) throws IOException {
        if (Files.isDirectory(path)) {
            throw new Refused("is a directory, not a file");
        }
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString());
        }
        // Checked again on the descriptor; this first look only avoids opening a FIFO or device.
        if (!Files.isRegularFile(path)) {
            throw new Refused("is not a regular file");
        }
        FileChannel ch = open(path, openTimeout);
        try {
            Path fd = Path.of("/proc/self/fd/" + descriptor(ch));
            Facts facts = facts(fd);
            if (!facts.regular()) {
                throw new Refused("is not a regular file");
            }
            ByteBuffer buf = ByteBuffer.allocate(max + 1);
            long at = 0;
            int n;
            while (buf.hasRemaining() && (n = ch.read(buf, at)) > 0) {
                at += n;
            }
            byte[] bytes = new byte[buf.position()];
            buf.flip().get(bytes);
            return new Contents(bytes, facts);
        } finally {
            ch.close();
        }
    }

    /**
     * The number of the channel's descriptor, which Java does not tell: the channel is set to a
     * position no other descriptor has, and /proc/self/fdinfo says which descriptor is there.
     */
    private static int descriptor(FileChannel ch) throws IOException {
        long mark = (1L << 40) + new java.util.Random().nextInt(Integer.MAX_VALUE);
        ch.position(mark);
        try (var ds = Files.newDirectoryStream(Path.of("/proc/self/fdinfo"))) {
            for (Path p : ds) {
                try {
                    if (Files.readString(p).contains("pos:\t" + mark + "\n")) {
                        return Integer.parseInt(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        throw new Refused("cannot tell which descriptor was opened; not trusting it");
    }

    private static FileChannel open(Path path, Duration timeout) throws IOException {
        CompletableFuture<FileChannel> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(FileChannel.open(path, StandardOpenOption.READ));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "open");
        // A thread blocked in open() on a FIFO must not keep the JVM alive.
        t.setDaemon(true);
        t.start();
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Refused("does not open within " + timeout.toSeconds() + " s (a FIFO?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new Refused(String.valueOf(e.getCause()));
        }
    }

    static Facts facts(Path fd) throws IOException {
        Map<String, Object> a = Files.readAttributes(fd, "unix:dev,ino,uid,gid,mode");
        return new Facts(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                (Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"), Files.readSymbolicLink(fd));
    }
}
