package org.wgns;

/** An interface name, checked once by wg-quick's rule (see {@link Names#iface}). */
public record InterfaceName(String value) {
    public InterfaceName {
        Names.iface(value);
    }

    public static InterfaceName of(String value) {
        return new InterfaceName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
