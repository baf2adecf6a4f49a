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

    public Plan action(String name, ActionStep.Action action, ActionStep.Action undo) {
        return add(new ActionStep(name, action, undo));
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }
}
