package org.wgns.shell;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A native zsh completion function (_wgns) made from the command line model: one function per
 * command, built on _arguments, with live namespace names from /run/wgns and config names from
 * /etc/wireguard, read at the moment of completion.
 */
public final class ZshCompletion {
    private ZshCompletion() {}

    static final String HELPERS = """
            _wgns_namespaces() {
              local -a names
              names=(/run/wgns/*(N/:t))
              compadd -- ${names:#.*}
            }
            _wgns_configs() {
              local -a confs
              confs=(/etc/wireguard/*.conf(N:t:r))
              compadd -a confs
            }
            _wgns_services() {
              local -a units
              units=({/etc,/run,/lib,/usr/lib}/systemd/system/*.service(N:t))
              compadd -- ${(u)units:#*@.service}
            }
            """;

    public static String script(CommandLine root) {
        StringBuilder s = new StringBuilder();
        s.append("#compdef wgns\n");
        s.append("# zsh completion for wgns, generated from its command line model (wgns completion zsh).\n\n");
        s.append(HELPERS).append('\n');
        function(s, root.getCommandSpec());
        s.append("_wgns \"$@\"\n");
        return s.toString();
    }

    private static String fn(CommandSpec spec) {
        return "_" + spec.qualifiedName("_");
    }

    private static void function(StringBuilder s, CommandSpec spec) {
        List<CommandSpec> subs = Completes.subcommands(spec);
        List<String> specs = new ArrayList<>();
        for (OptionSpec o : Completes.options(spec)) {
            specs.addAll(option(spec, o));
        }
        s.append(fn(spec)).append("() {\n");
        if (subs.isEmpty()) {
            for (PositionalParamSpec p : Completes.positionals(spec)) {
                specs.add(positional(spec, p));
            }
            s.append("  _arguments -s -S");
            for (String a : specs) {
                s.append(" \\\n    ").append(a);
            }
            s.append("\n}\n\n");
            return;
        }
        s.append("  local curcontext=\"$curcontext\" state line ret=1\n");
        s.append("  _arguments -C -s -S");
        for (String a : specs) {
            s.append(" \\\n    ").append(a);
        }
        s.append(" \\\n    '1: :->command' \\\n    '*:: :->argument' && ret=0\n");
        s.append("  case $state in\n");
        s.append("    command)\n      local -a commands\n      commands=(\n");
        for (CommandSpec sub : subs) {
            s.append("        ").append(quote(sub.name().replace(":", "\\:") + ":"
                    + Completes.summary(sub))).append('\n');
        }
        s.append("      )\n      _describe -t commands ").append(quote(spec.qualifiedName() + " command"))
                .append(" commands && ret=0\n      ;;\n");
        s.append("    argument)\n      curcontext=\"${curcontext%:*:*}:").append(spec.qualifiedName("-"))
                .append("-$words[1]:\"\n      case $words[1] in\n");
        for (CommandSpec sub : subs) {
            s.append("        ").append(sub.name()).append(") ").append(fn(sub)).append(" && ret=0 ;;\n");
        }
        s.append("      esac\n      ;;\n  esac\n  return ret\n}\n\n");
        for (CommandSpec sub : subs) {
            function(s, sub);
        }
    }

    private static List<String> option(CommandSpec command, OptionSpec o) {
        String[] names = o.names();
        String desc = "[" + bracket(Completes.summary(o.description())) + "]";
        boolean takesValue = o.arity().max() > 0;
        boolean optionalValue = takesValue && o.arity().min() == 0;
        String exclusion = o.usageHelp() || o.versionHelp()
                ? "(- *)"
                : names.length > 1 ? "(" + String.join(" ", names) + ")" : "";
        String repeat = o.isMultiValue() && !o.usageHelp() ? "*" : "";
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String form = name;
            if (takesValue) {
                form += optionalValue ? (name.startsWith("--") ? "=-" : "-") : (name.startsWith("--") ? "=" : "+");
            }
            String value = "";
            if (takesValue) {
                value = (optionalValue ? "::" : ":") + message(o.paramLabel()) + ":" + action(command, o);
            }
            out.add(quote((repeat.isEmpty() ? exclusion : "") + repeat + form + desc + value));
        }
        return out;
    }

    private static String positional(CommandSpec command, PositionalParamSpec p) {
        String position = p.isMultiValue() ? "*:" : (p.index().min() + 1) + ":";
        if (p.arity().min() == 0 && !p.isMultiValue()) {
            position += ":";
        }
        Completes kind = Completes.of(command, p);
        if (kind == Completes.PROGRAM) {
            // The command and its own arguments, completed as zsh would complete them on their own:
            // *:: hands over every positional word, so drop the ones before COMMAND, and a "--".
            return quote("*::" + message(p.paramLabel()) + ":{ repeat " + p.index().min()
                    + " { shift words; (( CURRENT-- )) }; [[ $words[1] == -- ]] && { shift words; (( CURRENT-- )) }; _normal }");
        }
        return quote(position + message(p.paramLabel()) + ":" + action(command, p));
    }

    private static String action(CommandSpec command, picocli.CommandLine.Model.ArgSpec arg) {
        return switch (Completes.of(command, arg)) {
            case NAMESPACE -> "_wgns_namespaces";
            case CONFIG -> "_wgns_configs";
            case SERVICE -> "_wgns_services";
            case FILE -> "_files";
            case PROGRAM -> "_command_names -e";
            case SUBCOMMAND -> "(" + String.join(" ", Completes.subcommands(command.parent()).stream()
                    .map(CommandSpec::name).toList()) + ")";
            case CANDIDATES -> "(" + String.join(" ", Completes.candidates(arg)) + ")";
            case NOTHING -> " ";
        };
    }

    /** The text in [...] of an _arguments spec: brackets and backslashes escaped. */
    static String bracket(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** The message part of an _arguments spec ends at a colon: escape it. */
    static String message(String label) {
        return label.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Single-quoted for zsh. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
