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

    public Path dirOf(String name) {
        return dir.resolve(name);
    }

    public Optional<NamespaceState> read(String name) {
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
            return Optional.of(decode(name, p));
        } catch (RuntimeException e) {
            // A state file cut short by a crash still names what to clean.
            return Optional.of(NamespaceState.starting(name, p.getProperty("iface", "wg0"), p.getProperty("tmpName", ""),
                    null, 0, 0));
        }
    }

    public void write(NamespaceState s) {
        Path d = dirOf(s.name());
        try {
            ensureDir(dir);
            SafeFiles.mkdirs(d, SafeFiles.PRIVATE_DIR);
            java.io.StringWriter w = new java.io.StringWriter();
            encode(s).store(w, "wgns state of namespace " + s.name() + "; removed by wgns down");
            // Root's only: down runs the PreDown/PostDown commands it names.
            SafeFiles.write(d.resolve("state"), w.toString(), SafeFiles.PRIVATE);
        } catch (IOException e) {
            throw WgnsException.failure("cannot write state in " + d + ": " + e.getMessage());
        }
    }

    /** Removes the namespace's directory and all in it. */
    public void delete(String name) {
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

    /** Names with a state directory, sorted. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                // Names never start with a dot; the locks' directory does.
                if (!n.startsWith(".")) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw WgnsException.failure("cannot list " + dir + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    /** /run/wgns itself lists the names (shell completion reads it); what is inside is root's. */
    static void ensureDir(Path d) throws IOException {
        SafeFiles.mkdirs(d, SafeFiles.PUBLIC_DIR);
    }

    private static Properties encode(NamespaceState s) {
        Properties p = new Properties();
        p.setProperty("phase", s.phase().name());
        if (s.mode() != null) {
            p.setProperty("mode", s.mode().name());
        }
        p.setProperty("iface", s.iface());
        p.setProperty("tmpName", s.tmpName());
        p.setProperty("daemonPid", Long.toString(s.daemonPid()));
        if (s.config() != null) {
            p.setProperty("config", s.config().toString());
        }
        list(p, "address", s.addresses());
        list(p, "dns", s.dns());
        list(p, "endpoint", s.endpoints());
        list(p, "preDown", s.preDown());
        list(p, "postDown", s.postDown());
        p.setProperty("firewall", Boolean.toString(s.firewall()));
        list(p, "allowIn", s.allowIn());
        list(p, "publish", s.publish());
        p.setProperty("created", Long.toString(s.created()));
        p.setProperty("ownerPid", Long.toString(s.ownerPid()));
        return p;
    }

    private static NamespaceState decode(String name, Properties p) {
        String mode = p.getProperty("mode");
        String config = p.getProperty("config");
        return new NamespaceState(name, Phase.valueOf(p.getProperty("phase")), mode == null ? null : Mode.valueOf(mode),
                p.getProperty("iface"), p.getProperty("tmpName"), Long.parseLong(p.getProperty("daemonPid", "0")),
                config == null ? null : Path.of(config), list(p, "address"), list(p, "dns"), list(p, "endpoint"),
                list(p, "preDown"), list(p, "postDown"), Boolean.parseBoolean(p.getProperty("firewall")),
                list(p, "allowIn"), list(p, "publish"), Long.parseLong(p.getProperty("created", "0")),
                Long.parseLong(p.getProperty("ownerPid", "0")));
    }

    private static void list(Properties p, String key, List<String> values) {
        p.setProperty(key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(key + "." + i, values.get(i));
        }
    }

    private static List<String> list(Properties p, String key) {
        int n = Integer.parseInt(p.getProperty(key + ".count", "0"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.getProperty(key + "." + i));
        }
        return out;
    }
}
