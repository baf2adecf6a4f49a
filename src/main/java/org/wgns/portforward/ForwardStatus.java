package org.wgns.portforward;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.wgns.os.SafeFiles;

/**
 * What the renewer last did, for show and check: the ports forwarded now, when the gateway last
 * granted them and for how long, and the problem of the last round (null when it went well).
 * Kept beside the state, root's only; the port alone goes to a file apps may read ({@link #PORT_FILE}).
 *
 * @param renewed epoch seconds of the last granted mapping, 0 for never
 */
public record ForwardStatus(Forwarded ports, long renewed, long lifetime, String problem) {
    public static final String FILE = "port-forward";
    /** The port for apps, one line; there only while a port is forwarded. */
    public static final String PORT_FILE = "forwarded-port";

    public static final ForwardStatus STARTING = new ForwardStatus(Forwarded.NONE, 0, 0, null);

    /** Whether the mapping still holds at now: granted, and its lifetime not over. */
    public boolean alive(long now) {
        return !ports.none() && renewed > 0 && now - renewed <= lifetime;
    }

    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("udp", Integer.toString(ports.udp()));
        p.setProperty("tcp", Integer.toString(ports.tcp()));
        p.setProperty("renewed", Long.toString(renewed));
        p.setProperty("lifetime", Long.toString(lifetime));
        if (problem != null) {
            p.setProperty("problem", problem);
        }
        StringWriter w = new StringWriter();
        p.store(w, "wgns port forwarding of this namespace");
        SafeFiles.write(dir.resolve(FILE), w.toString(), SafeFiles.PRIVATE);
    }

    /** The status in the namespace's state directory; empty when there is none (yet). */
    public static Optional<ForwardStatus> read(Path dir) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(dir.resolve(FILE))));
            return Optional.of(new ForwardStatus(new Forwarded(Integer.parseInt(p.getProperty("udp", "0")),
                    Integer.parseInt(p.getProperty("tcp", "0"))), Long.parseLong(p.getProperty("renewed", "0")),
                    Long.parseLong(p.getProperty("lifetime", "0")), p.getProperty("problem")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(new ForwardStatus(Forwarded.NONE, 0, 0, "the renewer's status cannot be read"));
        }
    }

    /**
     * The port file apps read: 0644 in a directory others may pass through (0711) but not list,
     * beside the state, which stays 0600. The port is no secret: the whole VPN side can probe it.
     */
    public static void writePort(Path dir, int port) throws IOException {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString(SafeFiles.PASSABLE_DIR));
        SafeFiles.write(dir.resolve(PORT_FILE), port + "\n", SafeFiles.PUBLIC);
    }

    public static void removePort(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(PORT_FILE));
    }
}
