package org.wgns.plan;

import java.util.ArrayList;
import java.util.List;

/** The steps of one operation, in order. Built first, then run by {@link PlanRunner}. */
public final class Plan {
    private final List<Step> steps = new ArrayList<>();

    public Plan add(Step step) {
        steps.add(step);
        return this;
    }

    /** An action whose undo is pushed before it runs: one that fails halfway is undone too. */
    public Plan action(String name, ActionStep.Action action, Undo... undo) {
        return add(new ActionStep(name, action, List.of(undo)));
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
