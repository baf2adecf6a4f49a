package org.wgns.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.os.SafeFiles;
import org.wgns.wg.Mode;

/**
 * /run/wgns: one directory per namespace wgns made, holding its state file. /run is a tmpfs, so
 * the state goes with a reboot, as the namespaces do. Writes are atomic (write, then rename).
 */
public final class StateStore {
    private final Path dir;

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path dirOf(NamespaceName name) {
        return dir.resolve(name.value());
    }

    public Optional<NamespaceState> read(NamespaceName name) {
        Path file = dirOf(name).resolve("state");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw WgnsException.failure("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Optional.of(StateFile.decode(name, p));
        } catch (RuntimeException e) {
            // A state file cut short by a crash still names what to clean.
            return Optional.of(StateFile.salvage(name, p));
        }
    }

    public void write(NamespaceState s) {
        Path d = dirOf(s.name());
        try {
            ensureDir(dir);
            SafeFiles.mkdirs(d, SafeFiles.PRIVATE_DIR);
            String text = PropertiesText.of(StateFile.encode(s), "wgns state of namespace " + s.name() + "; removed by wgns down");
            // Root's only: down runs the PreDown/PostDown commands it names.
            SafeFiles.write(d.resolve("state"), text, SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw WgnsException.failure("cannot write state in " + d + ": " + e.getMessage());
        }
    }

    /** Removes the namespace's directory and all in it. */
    public void delete(NamespaceName name) {
        Path d = dirOf(name);
        try {
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            throw WgnsException.failure("cannot remove " + d + ": " + e.getMessage());
        }
    }

    /** After the lock is gone: the locks' directory and /run/wgns itself go when no namespace is left. */
    public void removeIfEmpty() {
        try {
            SafeFiles.deleteIfEmpty(dir.resolve(NamespaceLock.DIR));
            SafeFiles.deleteIfEmpty(dir);
        } catch (IOException e) {
            // another wgns is starting: it keeps the directory
        }
    }

    /** Names with a state directory, sorted; what is not a name (the locks' directory) is not one. */
    public List<NamespaceName> names() {
        List<NamespaceName> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                try {
                    out.add(NamespaceName.of(p.getFileName().toString()));
                } catch (WgnsException e) {
                    // not a name
                }
            }
        } catch (IOException e) {
            throw WgnsException.failure("cannot list " + dir + ": " + e.getMessage());
        }
        out.sort(java.util.Comparator.comparing(NamespaceName::value));
        return out;
    }

    static void ensureDir(Path d) throws IOException {
        SafeFiles.mkdirs(d, SafeFiles.PUBLIC_DIR);
    }
}
