package org.wgns.exec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The caller's variables an app inside the namespace gets: what a desktop app needs to find its
 * display, session bus, sound and language — and nothing else (no LD_*, no PATH: those would
 * steer the root processes on the way).
 */
public final class EnvWhitelist {
    public static final List<String> NAMES = List.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
            "DBUS_SESSION_BUS_ADDRESS", "PULSE_SERVER", "PULSE_COOKIE", "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ");
    public static final String SAFE_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    private EnvWhitelist() {}

    public static boolean allowed(String name) {
        return NAMES.contains(name) || name.startsWith("LC_") && name.matches("LC_[A-Z_]+");
    }

    /** The allowed subset of env, sorted for stable output. */
    public static Map<String, String> filter(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (allowed(k) && v != null && v.indexOf('\0') < 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The whole environment of the chain and the app: the whitelist, the user's identity, a safe PATH. */
    public static Map<String, String> forApp(Map<String, String> callerEnv, UserEntry user) {
        Map<String, String> out = filter(callerEnv);
        out.put("PATH", SAFE_PATH);
        out.put("HOME", user.home());
        out.put("USER", user.name());
        out.put("LOGNAME", user.name());
        out.put("SHELL", user.shell() == null || user.shell().isEmpty() ? "/bin/sh" : user.shell());
        return out;
    }
}
