package org.wgns.plan;

/** One named step of a plan: it either completes, or fails and leaves its undo to the others'. */
public sealed interface Step permits IpStep, ActionStep {
    String name();
}
