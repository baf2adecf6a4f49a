package org.wgns.wg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wgns.os.Layout;

/**
 * Whether this kernel has WireGuard, asked of /sys and /lib/modules without a process: YES when
 * the module is loaded or built in (a built-in WireGuard shows in /sys/module too: it has a
 * version); NO when the running kernel has no module directory (modprobe could load nothing)
 * or its index knows no wireguard; MAYBE when the module is there but not loaded: then
 * `ip link add` decides, as in wg-quick, and loads it.
 */
public enum KernelSupport {
    YES, NO, MAYBE;

    public static KernelSupport probe(Layout layout) {
        if (Files.isDirectory(layout.sys().resolve("module/wireguard"))) {
            return YES;
        }
        String release;
        try {
            release = Files.readString(layout.proc().resolve("sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return MAYBE;
        }
        Path dir = layout.libModules().resolve(release);
        Path dep = dir.resolve("modules.dep");
        Path builtin = dir.resolve("modules.builtin");
        if (!Files.isDirectory(dir)) {
            return NO;
        }
        if (!Files.isRegularFile(dep) && !Files.isRegularFile(builtin)) {
            return MAYBE;
        }
        return mentions(dep) || mentions(builtin) ? MAYBE : NO;
    }

    private static boolean mentions(Path index) {
        try {
            return Files.isRegularFile(index) && Files.readString(index).contains("/wireguard.ko");
        } catch (IOException e) {
            return true;
        }
    }

    /** ip's ways of saying the kernel has no such link type (they differ in batch mode). */
    public static boolean unsupportedTypeError(String stderr) {
        return stderr.contains("Unknown device type") || stderr.contains("Garbage instead of arguments")
                || stderr.contains("\"txqueuelen\"") || stderr.contains("Operation not supported");
    }
}
