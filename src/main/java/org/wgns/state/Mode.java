package org.wgns.state;

/** Which WireGuard implementation carries a namespace's tunnel. */
public enum Mode {
    KERNEL, USERSPACE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
