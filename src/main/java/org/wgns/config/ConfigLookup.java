package org.wgns.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.wgns.WgnsException;
import org.wgns.os.Which;

/** Which config `up NAME` means when -c does not say: NAME's own, else the one most people have. */
public final class ConfigLookup {
    private ConfigLookup() {}

    public static Path find(Path etc, String name) {
        Path dir = etc.resolve("wireguard");
        Path own = dir.resolve(name + ".conf");
        if (Files.exists(own)) {
            return own;
        }
        Path seed = dir.resolve("wg0.conf");
        if (Files.exists(seed)) {
            return seed;
        }
        throw WgnsException.failure("no config: neither " + own + " nor " + seed + " exists (use --config FILE)");
    }

    /**
     * `wgns up ./vpn.conf`, as wg-quick takes it: an argument with a slash is a config file, and
     * the namespace is named after it (vpn). Null when the argument is a plain name.
     */
    public static String nameOfPath(String arg) {
        if (arg.indexOf('/') < 0) {
            return null;
        }
        String base = Path.of(arg).getFileName() == null ? "" : Path.of(arg).getFileName().toString();
        return base.endsWith(".conf") ? base.substring(0, base.length() - 5) : base;
    }
}
