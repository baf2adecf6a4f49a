package org.wgns.systemd;

import java.util.regex.Pattern;
import org.wgns.WgnsException;

/** A service unit name as systemd accepts it; ".service" is added when missing. */
public final class UnitName {
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.service");

    private UnitName() {}

    private static final Pattern OTHER_TYPE = Pattern.compile(
            ".*\\.(socket|target|timer|mount|automount|path|slice|scope|device|swap)");

    public static String service(String name) {
        if (OTHER_TYPE.matcher(name).matches()) {
            throw WgnsException.usage("'" + org.wgns.Names.printable(name)
                    + "' is not a service: only services can be put inside a namespace");
        }
        String n = name.endsWith(".service") ? name : name + ".service";
        if (n.length() > 255 || !SERVICE.matcher(n).matches() || n.startsWith("-") || n.startsWith(".")
                || n.contains("..")) {
            throw WgnsException.usage("invalid unit name '" + org.wgns.Names.printable(name)
                    + "': a service such as lighttpd.service or getty@tty1.service");
        }
        if (n.startsWith("wgns@") || n.startsWith("wgns-reresolve@") || n.startsWith("wgns-repair@")) {
            throw WgnsException.usage(n + " is wgns's own unit; attach the services that should run inside");
        }
        return n;
    }
}
