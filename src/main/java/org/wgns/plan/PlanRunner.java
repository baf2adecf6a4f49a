package org.wgns.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.CommandRunner;
import org.wgns.os.Result;

/**
 * Runs a plan: neighbouring ip steps of one namespace as a single `ip -batch -`, the rest one by
 * one. Each completed step's undo is pushed; on the first failure everything done is undone in
 * reverse and the failure is reported as "STEP: REASON".
 */
public final class PlanRunner {
    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");

    private final CommandRunner runner;
    private final Deque<Object> undo = new ArrayDeque<>();

    public PlanRunner(CommandRunner runner) {
        this.runner = runner;
    }

    /** Runs every step, or undoes what was done and throws the failure. */
    public void run(Plan plan) {
        List<Step> steps = plan.steps();
        int i = 0;
        try {
            while (i < steps.size()) {
                if (steps.get(i) instanceof IpStep first) {
                    List<IpStep> batch = new ArrayList<>();
                    while (i < steps.size() && steps.get(i) instanceof IpStep s && sameNetns(s, first)) {
                        batch.add(s);
                        i++;
                    }
                    runBatch(batch);
                } else {
                    ActionStep a = (ActionStep) steps.get(i++);
                    // Pushed first: an action that fails halfway is undone too (undo tolerates that).
                    undo.push(a);
                    try {
                        a.action().run();
                    } catch (WgnsException e) {
                        throw new StepFailure(a.name(), e.getMessage());
                    }
                }
            }
        } catch (StepFailure f) {
            unwind();
            throw WgnsException.failure(f.step + ": " + f.reason);
        } catch (RuntimeException e) {
            unwind();
            throw e;
        }
    }

    /** Undoes everything done so far, newest first. Used after a failure outside the plan too. */
    public void unwind() {
        List<String> hostUndo = new ArrayList<>();
        while (!undo.isEmpty()) {
            Object u = undo.pop();
            if (u instanceof String line) {
                hostUndo.add(line);
                continue;
            }
            flushUndo(hostUndo);
            ActionStep a = (ActionStep) u;
            try {
                a.undo().run();
            } catch (RuntimeException e) {
                org.wgns.os.Log.debug(PlanRunner.class, "undo of '{}' failed: {}", a.name(), e.getMessage());
            }
        }
        flushUndo(hostUndo);
    }

    private void flushUndo(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        Result r = runner.run(Command.of("ip", "-force", "-batch", "-").withInput(String.join("\n", lines) + "\n"));
        if (!r.success()) {
            org.wgns.os.Log.debug(PlanRunner.class, "undo: {}", r.err().strip());
        }
        lines.clear();
    }

    private void runBatch(List<IpStep> batch) {
        List<String> lines = new ArrayList<>();
        List<IpStep> owner = new ArrayList<>();
        for (IpStep s : batch) {
            for (String l : s.lines()) {
                lines.add(l);
                owner.add(s);
            }
        }
        String netns = batch.get(0).netns();
        Command cmd = netns == null
                ? Command.of("ip", "-batch", "-")
                : Command.of("ip", "-n", netns, "-batch", "-");
        Result r = runner.run(cmd.withInput(String.join("\n", lines) + "\n"));
        if (r.success()) {
            batch.forEach(this::pushUndo);
            return;
        }
        Matcher m = FAILED_LINE.matcher(r.err());
        if (m.find()) {
            int failed = Integer.parseInt(m.group(1)) - 1;
            IpStep culprit = failed < owner.size() ? owner.get(failed) : batch.get(batch.size() - 1);
            for (IpStep s : batch) {
                if (s == culprit) {
                    // Lines of the failing step before the failing one did happen.
                    if (owner.indexOf(s) < failed) {
                        pushUndo(s);
                    }
                    break;
                }
                pushUndo(s);
            }
            throw new StepFailure(culprit.name(), r.reason());
        }
        // ip exited without saying where (some errors end it at once): undo the whole batch,
        // which is safe because undo tolerates what never happened.
        batch.forEach(this::pushUndo);
        String names = batch.size() == 1 ? batch.get(0).name()
                : batch.get(0).name() + " ... " + batch.get(batch.size() - 1).name();
        throw new StepFailure(names, r.reason());
    }

    private void pushUndo(IpStep s) {
        for (String u : s.undo()) {
            undo.push(u);
        }
    }

    private static boolean sameNetns(IpStep a, IpStep b) {
        return a.netns() == null ? b.netns() == null : a.netns().equals(b.netns());
    }

    private static final class StepFailure extends RuntimeException {
        final String step;
        final String reason;

        StepFailure(String step, String reason) {
            super(step + ": " + reason, null, false, false);
            this.step = step;
            this.reason = reason;
        }
    }
}
