package org.wgns.wg;

import org.wgns.os.Which;

/** Which WireGuard implementation carries a namespace's tunnel. */
public enum Mode {
    KERNEL, USERSPACE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
