package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wgns.os.Result;

/**
 * Which WireGuard the integration tests drive, from -Dwgns.it.mode: {@code userspace} (the
 * default, every `up` gets --userspace, so a machine with the module tests what one without
 * does) or {@code kernel} (scripts/vm-test.sh, in a guest whose kernel has the module). Every
 * `up` that succeeds is checked to have made a link of that kind: a kernel-mode test that fell
 * back to userspace fails. Tests that hold in one mode only say so with {@link #only}.
 */
enum SuiteMode {
    USERSPACE("userspace", "tun"),
    KERNEL("kernel", "wireguard");

    final String label;
    /** The link kind `ip -d link` shows for the tunnel. */
    final String linkKind;

    SuiteMode(String label, String linkKind) {
        this.label = label;
        this.linkKind = linkKind;
    }

    static final SuiteMode CURRENT = of(System.getProperty("wgns.it.mode", "userspace"));

    static SuiteMode of(String name) {
        for (SuiteMode m : values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("wgns.it.mode is userspace or kernel, not " + name);
    }

    static boolean kernel() {
        return CURRENT == KERNEL;
    }

    /** Skips a test that holds in the other mode only, saying where it runs. */
    static void only(SuiteMode mode, String why) {
        assumeTrue(CURRENT == mode, mode.label + " mode only (" + why + "); this run is " + CURRENT.label
                + (mode == KERNEL ? ": scripts/vm-test.sh runs it in a guest with the module" : ""));
    }

    /** wgns's arguments as this mode runs them: `up` forced to userspace in userspace mode. */
    static List<String> args(List<String> args) {
        List<String> out = new ArrayList<>(args);
        if (CURRENT == USERSPACE && !args.isEmpty() && args.get(0).equals("up") && !args.contains("--userspace")) {
            out.add("--userspace");
        }
        return out;
    }

    /** After wgns ran: an `up` that succeeded must have made a tunnel of this mode. */
    static void check(List<String> args, Result r) {
        if (r.exit() != 0 || args.size() < 2 || !args.get(0).equals("up")) {
            return;
        }
        SuiteMode expected = args.contains("--userspace") ? USERSPACE : CURRENT;
        int i = args.indexOf("-i");
        expected.assertTunnel(args.get(1), i > 0 ? args.get(i + 1) : "wg0");
    }

    /** The link iface in namespace ns is this mode's kind of link. */
    void assertTunnel(String ns, String iface) {
        String link = Sh.run("ip", "-n", ns, "-d", "-o", "link", "show", "dev", iface).out();
        assertTrue(link.contains(" " + linkKind + " "), "wgns up " + ns + " was to make a " + label + " tunnel (a "
                + linkKind + " link); " + iface + " is: " + link.strip());
    }

    /** The temporary name wgns gave ns's link in the host: the userspace daemon's socket name. */
    static String tmpName(String ns) {
        try {
            return Files.readAllLines(Path.of("/run/wgns/" + ns + "/state")).stream().filter(l -> l.startsWith("tmpName="))
                    .findFirst().orElseThrow().substring("tmpName=".length());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * `wg SUBCOMMAND IFACE ARGS` on ns's tunnel wherever it answers: a userspace one in the host
     * by its socket's name, a kernel one inside ns as wg0. (The subcommand's output has no
     * interface column.)
     */
    static String wg(String ns, String subcommand, String... args) {
        List<String> argv = new ArrayList<>();
        boolean kernelLink = Sh.run("ip", "-n", ns, "-d", "-o", "link", "show", "dev", "wg0").out().contains(" wireguard ");
        if (kernelLink) {
            argv.addAll(List.of("ip", "netns", "exec", ns, "wg", subcommand, "wg0"));
        } else {
            argv.addAll(List.of("wg", subcommand, tmpName(ns)));
        }
        argv.addAll(List.of(args));
        return Sh.ok(argv.toArray(String[]::new));
    }
}
