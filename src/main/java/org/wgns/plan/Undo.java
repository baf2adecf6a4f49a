package org.wgns.plan;

/**
 * How to take one change away again, tolerant of its being gone already (wg-quick's del_if). An
 * ip undo is one line of `ip -force -batch`, in a namespace or in the host's when netns is null;
 * neighbours of one namespace share a process. An action is anything else.
 */
public sealed interface Undo permits Undo.Ip, Undo.Action {
    String name();

    record Ip(String name, String netns, String line) implements Undo {}

    record Action(String name, Runnable run) implements Undo {}

    static Ip host(String name, String line) {
        return new Ip(name, null, line);
    }

    static Ip in(String netns, String name, String line) {
        return new Ip(name, netns, line);
    }

    static Action action(String name, Runnable run) {
        return new Action(name, run);
    }
}
