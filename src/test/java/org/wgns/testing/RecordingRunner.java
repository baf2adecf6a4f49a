package org.wgns.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.wgns.os.Command;
import org.wgns.os.CommandRunner;
import org.wgns.os.Result;

/**
 * The test double of the OS port: records every command (argv and input) and answers from a
 * script of rules, first match wins; anything unmatched succeeds with no output.
 */
public final class RecordingRunner implements CommandRunner {
    private final List<Command> commands = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    private record Rule(Predicate<Command> when, Function<Command, Result> reply) {}

    /** Answers commands whose text (argv, then input) contains every one of the fragments. */
    public RecordingRunner on(Result result, String... fragments) {
        rules.add(new Rule(c -> {
            String text = text(c);
            for (String f : fragments) {
                if (!text.contains(f)) {
                    return false;
                }
            }
            return true;
        }, c -> result));
        return this;
    }

    public RecordingRunner on(Predicate<Command> when, Function<Command, Result> reply) {
        rules.add(new Rule(when, reply));
        return this;
    }

    @Override
    public synchronized Result run(Command command) {
        commands.add(command);
        for (Rule r : rules) {
            if (r.when.test(command)) {
                return r.reply.apply(command);
            }
        }
        return Result.ok();
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Each command as one string: argv, and for a batch its input lines after " | ". */
    public List<String> transcript() {
        return commands.stream().map(RecordingRunner::text).toList();
    }

    public static String text(Command c) {
        String argv = String.join(" ", c.argv());
        if (c.stdin() == null) {
            return argv;
        }
        if (c.secretInput()) {
            return argv + " <secret>";
        }
        return argv + " | " + String.join("; ", c.inputText().strip().split("\n"));
    }
}
