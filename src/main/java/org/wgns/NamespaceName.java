package org.wgns;

/**
 * A namespace name, checked once (see {@link Names#namespace}): whatever holds one may put it
 * into an `ip -batch` line or a path without looking again.
 */
public record NamespaceName(String value) {
    public NamespaceName {
        Names.namespace(value);
    }

    public static NamespaceName of(String value) {
        return new NamespaceName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
