package org.wgns.os;

import java.util.Map;

/**
 * Who asked: wgns runs as root, but through sudo it acts for the user who ran sudo, and must not
 * do for them what they could not do themselves. sudo names that user in SUDO_UID/SUDO_GID
 * (it sets them itself, after the caller's environment is dealt with); USER and LOGNAME are the
 * caller's to set and never count.
 *
 * @param throughSudo root acting for uid; false when root runs wgns itself, or for a non-root caller
 */
public record Caller(long uid, long gid, boolean throughSudo) {

    static Caller of(Map<String, String> env, int euid) {
        String u = env.get("SUDO_UID");
        if (euid == 0 && u != null && u.matches("[0-9]{1,10}") && Long.parseLong(u) != 0) {
            String g = env.get("SUDO_GID");
            return new Caller(Long.parseLong(u), g != null && g.matches("[0-9]{1,10}") ? Long.parseLong(g) : -1, true);
        }
        return new Caller(euid, -1, false);
    }
}
