package org.wgns.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What one argument completes to, decided once from the command line model so that the bash,
 * zsh and fish scripts agree: a positional NAME is a live namespace (a config name for up), a
 * COMMAND is a program (a wgns command for help), a UNIT a service, a FILE a file, and
 * completion candidates are offered as they are.
 */
public enum Completes {
    NAMESPACE, CONFIG, PROGRAM, SUBCOMMAND, SERVICE, FILE, CANDIDATES, NOTHING;

    public static Completes of(CommandSpec command, ArgSpec arg) {
        if (arg.completionCandidates() != null) {
            return CANDIDATES;
        }
        String label = arg.paramLabel().replaceAll("[<>]", "");
        if (arg instanceof PositionalParamSpec) {
            return switch (label) {
                case "NAME" -> command.name().equals("up") ? CONFIG : NAMESPACE;
                case "COMMAND" -> command.userObject() instanceof CommandLine.HelpCommand ? SUBCOMMAND : PROGRAM;
                case "UNIT" -> SERVICE;
                case "FILE" -> FILE;
                default -> NOTHING;
            };
        }
        Class<?> type = arg.type();
        if (label.equals("FILE") || Path.class.isAssignableFrom(type) || java.io.File.class.isAssignableFrom(type)) {
            return FILE;
        }
        return NOTHING;
    }

    public static List<String> candidates(ArgSpec arg) {
        List<String> out = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(out::add);
        }
        return out;
    }

    /** Visible subcommands, each once (picocli lists aliases as keys too). */
    public static List<CommandSpec> subcommands(CommandSpec spec) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    public static List<OptionSpec> options(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).toList();
    }

    public static List<PositionalParamSpec> positionals(CommandSpec spec) {
        return spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    }

    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<!e\\.g)(?<!i\\.e)\\.\\s");

    /** The first sentence of a description (which may go on over several lines), for the one-line hints zsh and fish show. */
    public static String summary(String[] description) {
        String text = String.join(" ", description).replace("%n", " ").replaceAll("\\s+", " ").trim();
        java.util.regex.Matcher m = SENTENCE_END.matcher(text);
        String sentence = m.find() ? text.substring(0, m.start() + 1) : text;
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /** A command's one-line summary: its header if it has one (help does), else its description's first line. */
    public static String summary(CommandSpec command) {
        String[] header = command.usageMessage().header();
        return summary(header.length > 0 ? header : command.usageMessage().description());
    }
}
