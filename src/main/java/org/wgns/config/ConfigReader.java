package org.wgns.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.wgns.os.Caller;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.OpenedFile;
import org.wgns.os.Result;

/**
 * Gets a config's bytes, bounded, in one of two ways. As root, for root's own files: opened once,
 * with the facts of the very file read (see {@link OpenedFile}). For a caller through sudo who
 * names a file with -c: read by a process running as that caller, so wgns reads exactly what the
 * caller could read themselves — permissions, ACLs and directories included — and nothing more.
 * What such a process hands back is the caller's word; root trusts nothing in it beyond a config
 * to parse (hooks from it are refused).
 */
public final class ConfigReader {
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALLER_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param facts what fstat said of the file root read; empty when the caller's process read it
     * @param mode the file's permission bits as far as known (for the readable-by-others warning), or -1
     * @param uid who read it: 0 for root, else the caller's uid (and gid)
     */
    public record Loaded(Path path, byte[] bytes, Optional<OpenedFile.Facts> facts, int mode, long uid, long gid) {
        public Loaded(Path path, byte[] bytes, Optional<OpenedFile.Facts> facts, int mode) {
            this(path, bytes, facts, mode, 0, 0);
        }
    }

    private ConfigReader() {}

    public static Loaded asRoot(Path file) throws ConfigException {
        try {
            OpenedFile.Contents c = OpenedFile.read(file, ConfigParser.MAX_BYTES, OPEN_TIMEOUT);
            tooLarge(file, c.bytes().length);
            return new Loaded(file, c.bytes(), Optional.of(c.facts()), c.facts().mode() & 07777);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file, 0, "not readable (permission denied)");
        } catch (OpenedFile.Refused e) {
            throw new ConfigException(file, 0, e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The shell the caller's process runs: each exit status is one answer, the file goes out as base64. */
    static final String READ_AS_CALLER = "[ -e \"$1\" ] || exit 64; [ -f \"$1\" ] || exit 65; [ -r \"$1\" ] || exit 66;"
            + " command exec 3<\"$1\" || exit 66;"
            + " [ -f /proc/self/fd/3 ] || exit 65; stat -L -c %a /proc/self/fd/3 || exit 66;"
            + " head -c \"$2\" <&3 | base64 -w 0";

    public static Loaded asCaller(Path file, Caller caller, Host host) throws ConfigException {
        String setpriv = host.which().apply("setpriv").map(Object::toString).orElseThrow(() ->
                new ConfigException(file, 0, "cannot be read as you: setpriv not found (install util-linux)"));
        if (caller.gid() < 0) {
            throw new ConfigException(file, 0, "cannot be read as you: sudo did not say your group (SUDO_GID)");
        }
        int max = ConfigParser.MAX_BYTES + 1;
        Command c = Command.of(setpriv, "--reuid=" + caller.uid(), "--regid=" + caller.gid(), "--init-groups",
                "--", "/bin/sh", "-c", READ_AS_CALLER, "wgns-read", file.toString(), Integer.toString(max))
                .withTimeout(CALLER_TIMEOUT).withMaxOutput(max / 3 * 4 + 64);
        Result r = host.run(c);
        switch (r.exit()) {
            case 0 -> { }
            case 64 -> throw new ConfigException(file, 0, "no such file, or not one you can reach");
            case 65 -> throw new ConfigException(file, 0, "is not a regular file");
            case 66 -> throw new ConfigException(file, 0, "not readable by you (through sudo, -c reads the file as you)");
            default -> throw new ConfigException(file, 0, "cannot be read as you: " + r.reason());
        }
        String[] lines = r.out().split("\n", 2);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(lines.length == 2 ? lines[1].strip() : "");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, 0, "cannot be read as you (unreadable answer)");
        }
        tooLarge(file, bytes.length);
        int mode = lines[0].strip().matches("[0-7]{1,4}") ? Integer.parseInt(lines[0].strip(), 8) : -1;
        return new Loaded(file, bytes, Optional.empty(), mode, caller.uid(), caller.gid());
    }

    private static void tooLarge(Path file, int length) throws ConfigException {
        if (length > ConfigParser.MAX_BYTES) {
            throw new ConfigException(file, 0, "is larger than " + ConfigParser.MAX_BYTES + " bytes: not a WireGuard config");
        }
    }
}
