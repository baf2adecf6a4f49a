package org.wgns.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wgns.os.Procs;

/**
 * Single-instance apps hand a new window to the copy already running — outside the namespace,
 * outside the tunnel. Warn before that happens, and say how to start a separate instance.
 */
public final class EscapeCheck {
    private static final Set<String> FIREFOX = Set.of("firefox", "firefox-esr", "firefox-bin", "librewolf", "thunderbird");
    private static final Set<String> CHROMIUM = Set.of("chromium", "chromium-browser", "chrome", "google-chrome",
            "google-chrome-stable", "brave", "brave-browser", "vivaldi", "vivaldi-bin", "opera", "msedge", "microsoft-edge");
    private static final Map<String, Set<String>> FAMILIES = Map.of("firefox", FIREFOX, "chromium", CHROMIUM);

    private EscapeCheck() {}

    public static Optional<String> warning(Procs procs, String namespaceNetId, long uid, String command, List<String> args) {
        String base = org.wgns.Printable.escape(String.valueOf(Path.of(command).getFileName()));
        String family = FAMILIES.entrySet().stream().filter(e -> e.getValue().contains(base)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (family == null || separateInstance(family, args)) {
            return Optional.empty();
        }
        Set<String> names = FAMILIES.get(family);
        for (long pid : procs.pids()) {
            List<String> argv = procs.argv(pid);
            if (argv.isEmpty() || procs.uid(pid) != uid) {
                continue;
            }
            String running = Path.of(argv.get(0).isEmpty() ? "/" : argv.get(0)).getFileName() == null ? ""
                    : Path.of(argv.get(0)).getFileName().toString();
            if (names.contains(running) && !namespaceNetId.equals(procs.netnsOf(pid))) {
                String how = family.equals("firefox")
                        ? "start a separate instance: wgns exec NAME -- " + base + " --no-remote -P PROFILE"
                        : "start a separate instance: wgns exec NAME -- " + base + " --user-data-dir=DIR";
                return Optional.of("warning: " + running + " (pid " + pid + ") already runs outside the namespace; a new "
                        + base + " would open its window there, outside the tunnel. To avoid that, " + how);
            }
        }
        return Optional.empty();
    }

    private static boolean separateInstance(String family, List<String> args) {
        for (String a : args) {
            if (family.equals("firefox") && (a.equals("--no-remote") || a.equals("-no-remote") || a.equals("--new-instance")
                    || a.equals("-new-instance"))) {
                return true;
            }
            if (family.equals("chromium") && a.startsWith("--user-data-dir")) {
                return true;
            }
        }
        return false;
    }
}
