package org.wgns.config;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.wgns.WgnsException;
import org.wgns.os.Caller;
import org.wgns.os.Host;

/**
 * The one way a command gets a config: a file named by a sudo caller is read as that caller,
 * root's own configs by root; parsed whole; hooks judged on the file that was read; and what was
 * read is remembered (see {@link ConfigRef}) for repair and syncconf.
 */
public final class ConfigAccess {
    /** A parsed config and where it came from. */
    public record Loaded(WgConfig config, ConfigRef ref) {}

    private final Host host;
    private final Caller caller;
    private final Consumer<String> notices;

    public ConfigAccess(Host host, Consumer<String> notices) {
        this.host = host;
        this.caller = host.caller();
        this.notices = notices;
    }

    /** A config named with -c or as a path (read as the caller through sudo), else NAME's in /etc/wireguard. */
    public Loaded forUp(Path explicit, String name, boolean runHooks) {
        Path file = explicit != null ? explicit : ConfigLookup.find(host.layout().etc(), name);
        if (explicit == null) {
            notices.accept("using config " + file);
        }
        return load(() -> explicit != null && caller.throughSudo()
                ? ConfigReader.asCaller(file, caller, host) : ConfigReader.asRoot(file), runHooks);
    }

    /** A file named now (read as the caller through sudo). */
    public Loaded named(Path file) {
        return load(() -> caller.throughSudo() ? ConfigReader.asCaller(file, caller, host) : ConfigReader.asRoot(file), false);
    }

    /** The config a namespace came up with, read the way it was read then. */
    public Loaded again(ConfigRef ref) {
        return load(() -> ref.readAgain(caller, host), false);
    }

    private interface Read {
        ConfigReader.Loaded read() throws ConfigException;
    }

    private Loaded load(Read how, boolean runHooks) {
        try {
            ConfigReader.Loaded loaded = how.read();
            WgConfig cfg = ConfigParser.parse(loaded);
            ConfigFiles.readableByOthers(loaded).ifPresent(notices);
            if (runHooks && cfg.iface().hooks().count() > 0) {
                ConfigFiles.unsafeForHooks(loaded).ifPresent(why -> {
                    throw WgnsException.failure("--run-hooks refused: " + why + "; hooks run as root");
                });
            }
            return new Loaded(cfg, ConfigRef.of(loaded));
        } catch (ConfigException e) {
            throw WgnsException.failure(e.getMessage());
        }
    }
}
