package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The caller's variables an app inside the namespace gets: what a desktop app needs to find its
 * display, session bus, sound and language — and nothing else (no LD_*, no PATH). They reach only
 * the app: the root programs on the way run with a fixed environment of their own.
 */
public final class EnvWhitelist {
    public static final List<String> NAMES = List.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR",
            "DBUS_SESSION_BUS_ADDRESS", "PULSE_SERVER", "PULSE_COOKIE", "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ");
    public static final String SAFE_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
    /** What an --isolate app does not get: the ways to the display, the session bus and the sound server. */
    static final Set<String> DESKTOP = Set.of("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
            "PULSE_SERVER", "PULSE_COOKIE");
    /** sudo's env_check list: values with '/' or '%' are dropped (they name files to load). */
    private static final Set<String> CHECKED = Set.of("COLORTERM", "LANG", "LANGUAGE", "LINGUAS", "TERM");
    private static final int MAX_VALUE = 4096;

    private EnvWhitelist() {}

    public static boolean allowed(String name) {
        return NAMES.contains(name) || name.startsWith("LC_") && name.matches("LC_[A-Z_]+");
    }

    /**
     * sudo's own rules for the values it lets through (env_check, and its TZ check): a value that
     * sudo would have dropped is not given back by the wgns on the other side of sudo either.
     */
    public static boolean safeValue(String name, String value) {
        if (value == null || value.length() > MAX_VALUE || value.startsWith("()")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20 || value.charAt(i) == 0x7f) {
                return false;
            }
        }
        if (name.equals("TZ")) {
            return safeTz(value);
        }
        if (CHECKED.contains(name) || name.startsWith("LC_")) {
            return value.indexOf('/') < 0 && value.indexOf('%') < 0;
        }
        return true;
    }

    /** As sudo's tz_is_safe: a zone name, or a path inside the zoneinfo directory, never "..". */
    static boolean safeTz(String tz) {
        String t = tz.startsWith(":") ? tz.substring(1) : tz;
        if (t.startsWith("/") && !t.startsWith("/usr/share/zoneinfo/")) {
            return false;
        }
        if (t.contains("..")) {
            return false;
        }
        return t.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The allowed and safe subset of env, sorted for stable output. */
    public static Map<String, String> filter(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (allowed(k) && safeValue(k, v)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The app's whole environment: the whitelist, the user's identity, a safe PATH. */
    public static Map<String, String> forApp(Map<String, String> callerEnv, UserEntry user, boolean isolate) {
        Map<String, String> out = filter(callerEnv);
        if (isolate) {
            out.keySet().removeAll(DESKTOP);
            out.put("XDG_RUNTIME_DIR", "/run/user/" + user.uid());
        }
        out.put("PATH", SAFE_PATH);
        out.put("HOME", user.home());
        out.put("USER", user.name());
        out.put("LOGNAME", user.name());
        out.put("SHELL", user.shell() == null || user.shell().isEmpty() ? "/bin/sh" : user.shell());
        return out;
    }

    /** What the root programs of the chain (ip, sh, mount, setpriv) see: nothing of the caller's. */
    public static Map<String, String> forChain() {
        return Map.of("PATH", SAFE_PATH, "LC_ALL", "C");
    }
}
