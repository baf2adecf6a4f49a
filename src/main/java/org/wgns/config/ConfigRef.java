package org.wgns.config;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.wgns.WgnsException;
import org.wgns.os.Caller;
import org.wgns.os.Host;

/**
 * Which config a namespace came up with, how it was read, and what it said: so that `repair`
 * and `syncconf` read it again the same way — as root, or as the user who named it through
 * sudo (never as root what a user named) — and `repair` notices when it has changed.
 *
 * @param uid 0 when root read it; else the user whose process read it
 * @param sha256 of the bytes read
 */
public record ConfigRef(Path path, long uid, long gid, String sha256) {

    public static ConfigRef of(ConfigReader.Loaded loaded) {
        return new ConfigRef(loaded.path().toAbsolutePath(), loaded.uid(), loaded.gid(), sha256(loaded.bytes()));
    }

    /**
     * Reads the config again as it was read at up. Through sudo, a user's config is read only for
     * that user (or root): another caller must name a file of their own with -c.
     */
    public ConfigReader.Loaded readAgain(Caller caller, Host host) throws ConfigException {
        if (uid != 0 && caller.throughSudo() && caller.uid() != uid) {
            throw new ConfigException(path, 0, "was named by another user (uid " + uid + "); name a config of yours with -c");
        }
        return uid == 0 ? ConfigReader.asRoot(path) : ConfigReader.asCaller(path, new Caller(uid, gid, true), host);
    }

    public boolean sameAs(ConfigReader.Loaded loaded) {
        return sha256.equals(sha256(loaded.bytes()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw WgnsException.failure("no SHA-256 in this JVM");
        }
    }
}
