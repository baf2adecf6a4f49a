package org.wgns.plan;

import java.util.List;

/**
 * ip commands (batch syntax, without the leading "ip") run in a namespace, or in the host's when
 * netns is null. Neighbouring steps with the same netns share one `ip -batch -` process.
 */
public record IpStep(String name, String netns, List<String> lines, List<Undo> undo) implements Step {
    public IpStep {
        lines = List.copyOf(lines);
        undo = List.copyOf(undo);
    }

    public static IpStep host(String name, List<String> lines, List<Undo> undo) {
        return new IpStep(name, null, lines, undo);
    }

    /** A change inside the namespace that goes with something else (the link, the namespace). */
    public static IpStep in(String netns, String name, List<String> lines) {
        return new IpStep(name, netns, lines, List.of());
    }

    public static IpStep in(String netns, String name, List<String> lines, List<Undo> undo) {
        return new IpStep(name, netns, lines, undo);
    }
}
