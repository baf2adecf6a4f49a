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
import org.wgns.os.Log;
import org.wgns.os.Result;

/**
 * Runs a plan: neighbouring ip steps of one namespace as a single `ip -batch -`, the rest one by
 * one. Each completed step's undos are pushed; on the first failure everything done is undone in
 * reverse and the failure is reported as "STEP: REASON".
 */
public final class PlanRunner {
    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");

    private final CommandRunner runner;
    private final Log log;
    private final Deque<Undo> undo = new ArrayDeque<>();

    public PlanRunner(CommandRunner runner, Log log) {
        this.runner = runner;
        this.log = log;
    }

    /** Runs every step, or undoes what was done (also by earlier plans of this runner) and throws the failure. */
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
                    a.undo().forEach(undo::push);
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
        List<Undo> all = new ArrayList<>();
        while (!undo.isEmpty()) {
            all.add(undo.pop());
        }
        undoAll(runner, log, all);
    }

    /**
     * Runs undos in the order given, neighbouring ip lines of one namespace in one
     * `ip -force -batch -`; a failing undo is logged and the rest still run. Returns what failed.
     */
    public static List<String> undoAll(CommandRunner runner, Log log, List<Undo> undos) {
        List<String> failed = new ArrayList<>();
        List<Undo.Ip> batch = new ArrayList<>();
        for (Undo u : undos) {
            if (u instanceof Undo.Ip ip && (batch.isEmpty() || same(batch.get(0).netns(), ip.netns()))) {
                batch.add(ip);
                continue;
            }
            flush(runner, log, batch, failed);
            if (u instanceof Undo.Ip ip) {
                batch.add(ip);
            } else {
                Undo.Action a = (Undo.Action) u;
                try {
                    a.run().run();
                } catch (RuntimeException e) {
                    log.debug("undo '" + a.name() + "' failed: " + e.getMessage());
                    failed.add(a.name() + ": " + e.getMessage());
                }
            }
        }
        flush(runner, log, batch, failed);
        return failed;
    }

    private static void flush(CommandRunner runner, Log log, List<Undo.Ip> batch, List<String> failed) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (batch.get(0).netns() != null) {
            argv.addAll(List.of("-n", batch.get(0).netns()));
        }
        argv.addAll(List.of("-force", "-batch", "-"));
        Result r = runner.run(Command.of(argv)
                .withInput(String.join("\n", batch.stream().map(Undo.Ip::line).toList()) + "\n"));
        if (!r.success()) {
            log.debug("undo: " + r.err().strip());
            failed.add(batch.get(batch.size() - 1).name() + ": " + r.reason());
        }
        batch.clear();
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
        // ip exited without saying where (some errors end it at once, a timeout says nothing):
        // undo the whole batch, which is safe because undo tolerates what never happened.
        batch.forEach(this::pushUndo);
        String names = batch.size() == 1 ? batch.get(0).name()
                : batch.get(0).name() + " ... " + batch.get(batch.size() - 1).name();
        throw new StepFailure(names, r.reason());
    }

    private void pushUndo(IpStep s) {
        s.undo().forEach(undo::push);
    }

    private static boolean sameNetns(IpStep a, IpStep b) {
        return same(a.netns(), b.netns());
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
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
