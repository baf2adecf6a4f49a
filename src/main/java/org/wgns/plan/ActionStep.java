package org.wgns.plan;

/** A step that is not an ip command: a program with its own input, a file, a wait. */
public record ActionStep(String name, Action action, Action undo) implements Step {
    /** Does the work or throws {@link org.wgns.WgnsException} saying why not. */
    @FunctionalInterface
    public interface Action {
        void run();
    }

    public static final Action NOTHING = () -> { };
}
