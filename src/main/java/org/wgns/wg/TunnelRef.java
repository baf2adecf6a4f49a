package org.wgns.wg;

/**
 * Where a live tunnel is to be found: a kernel one inside its namespace under its name there, a
 * userspace one at its daemon's socket in the host under the temporary name it was born with.
 */
public record TunnelRef(String namespace, Mode mode, String iface, String tmpName) {}
