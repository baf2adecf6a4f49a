package org.wgns.plan;

import java.util.List;

/** A step that is not an ip command: a program with its own input, a file, a wait. */
public record ActionStep(String name, Action action, List<Undo> undo) implements Step {
    /** Does the work or throws {@link org.wgns.WgnsException} saying why not. */
    @FunctionalInterface
    public interface Action {
        void run();
    }

    public ActionStep {
        undo = List.copyOf(undo);
    }
}
