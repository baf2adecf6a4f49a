package org.wgns.os;

/** A passwd entry: who an app runs as inside the namespace. */
public record UserEntry(String name, long uid, long gid, String home, String shell) {}
