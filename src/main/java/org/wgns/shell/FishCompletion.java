package org.wgns.shell;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * fish completions made from the command line model. __wgns_state walks the words typed so far
 * (options, their values, subcommands) and says which command is being completed and how many
 * positional arguments it has; every completion is conditional on that.
 */
public final class FishCompletion {
    private FishCompletion() {}

    static final String HELPERS = """
            function __wgns_namespaces --description 'wgns namespaces that are up'
                set -l dirs /run/wgns/*/
                string replace -r '^/run/wgns/(.*)/$' '$1' -- $dirs | string match -v -- '.*'
            end

            function __wgns_configs --description 'config names in /etc/wireguard'
                set -l files /etc/wireguard/*.conf
                string replace -r '^/etc/wireguard/(.*)\\.conf$' '$1' -- $files
            end

            function __wgns_services --description 'systemd services'
                set -l files {/etc,/run,/lib,/usr/lib}/systemd/system/*.service
                string replace -r '^.*/' '' -- $files | string match -v -- '*@.service' | sort -u
            end

            # Prints the command being completed (e.g. "systemd attach") and its positional count.
            function __wgns_state
                set -l path
                set -l npos 0
                set -l skip 0
                set -l ended 0
                for t in (commandline -opc)[2..-1]
                    if test $skip = 1
                        set skip 0
                    else if test $ended = 0; and test "$t" = --
                        set ended 1
                    else if test $ended = 0; and string match -q -- '-*' $t
                        contains -- $t (__wgns_value_options "$path"); and set skip 1
                    else if test $npos = 0 -a $ended = 0; and contains -- $t (__wgns_subcommands "$path")
                        set -a path $t
                    else
                        set npos (math $npos + 1)
                    end
                end
                echo "$path"
                echo $npos
            end

            # True when completing command PATH; with N, also when N positionals precede (N+: at least N).
            function __wgns_at --argument-names want n
                set -l state (__wgns_state)
                test "$state[1]" = "$want"; or return 1
                test -z "$n"; and return 0
                if string match -q -- '*+' $n
                    test $state[2] -ge (string trim -r -c + -- $n)
                else
                    test $state[2] -eq $n
                end
            end
            """;

    public static String script(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        List<CommandSpec> all = new ArrayList<>();
        collect(spec, all);
        StringBuilder s = new StringBuilder();
        s.append("# fish completion for wgns, generated from its command line model (wgns completion fish).\n\n");
        s.append(HELPERS).append('\n');
        s.append("function __wgns_subcommands --argument-names path\n    switch \"$path\"\n");
        for (CommandSpec c : all) {
            List<CommandSpec> subs = Completes.subcommands(c);
            if (!subs.isEmpty()) {
                s.append("        case ").append(quote(path(c))).append("\n            printf '%s\\n'");
                subs.forEach(sub -> s.append(' ').append(sub.name()));
                s.append('\n');
            }
        }
        s.append("    end\nend\n\n");
        s.append("function __wgns_value_options --argument-names path\n    switch \"$path\"\n");
        for (CommandSpec c : all) {
            List<String> names = new ArrayList<>();
            for (OptionSpec o : Completes.options(c)) {
                if (o.arity().min() > 0) {
                    names.addAll(List.of(o.names()));
                }
            }
            if (!names.isEmpty()) {
                s.append("        case ").append(quote(path(c))).append("\n            printf '%s\\n'");
                names.forEach(n -> s.append(' ').append(n));
                s.append('\n');
            }
        }
        s.append("    end\nend\n\n");
        s.append("complete -c wgns -f\n");
        for (CommandSpec c : all) {
            completions(s, c);
        }
        return s.toString();
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        all.add(spec);
        for (CommandSpec sub : Completes.subcommands(spec)) {
            collect(sub, all);
        }
    }

    /** A command's path below the root, e.g. "systemd attach"; "" for the root. */
    static String path(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? "" : q.substring(space + 1);
    }

    private static void completions(StringBuilder s, CommandSpec c) {
        String at = "__wgns_at \"" + path(c) + "\"";
        s.append("\n# ").append(c.qualifiedName()).append('\n');
        for (CommandSpec sub : Completes.subcommands(c)) {
            s.append("complete -c wgns -n ").append(quote(at + " 0")).append(" -a ").append(sub.name())
                    .append(" -d ").append(quote(Completes.summary(sub))).append('\n');
        }
        for (OptionSpec o : Completes.options(c)) {
            option(s, c, at, o);
        }
        for (PositionalParamSpec p : Completes.positionals(c)) {
            positional(s, c, at, p);
        }
    }

    private static void option(StringBuilder s, CommandSpec c, String at, OptionSpec o) {
        s.append("complete -c wgns -n ").append(quote(at));
        for (String name : o.names()) {
            if (name.startsWith("--")) {
                s.append(" -l ").append(name.substring(2));
            } else if (name.length() == 2) {
                s.append(" -s ").append(name.substring(1));
            } else {
                s.append(" -o ").append(name.substring(1));
            }
        }
        if (o.arity().min() > 0) {
            s.append(value(c, o));
        }
        s.append(" -d ").append(quote(Completes.summary(o.description()))).append('\n');
    }

    private static void positional(StringBuilder s, CommandSpec c, String at, PositionalParamSpec p) {
        Completes kind = Completes.of(c, p);
        int index = p.index().min();
        String n = p.isMultiValue() && kind != Completes.PROGRAM ? index + "+" : String.valueOf(index);
        String args = switch (kind) {
            case NAMESPACE -> " -a '(__wgns_namespaces)'";
            case CONFIG -> " -a '(__wgns_configs)'";
            case SERVICE -> " -a '(__wgns_services)'";
            case FILE -> " -F";
            case PROGRAM -> " -a '(__fish_complete_command)'";
            case SUBCOMMAND -> " -a " + quote(String.join(" ", Completes.subcommands(c.parent()).stream()
                    .map(CommandSpec::name).toList()));
            case CANDIDATES -> " -a " + quote(String.join(" ", Completes.candidates(p)));
            case NOTHING -> "";
        };
        if (!args.isEmpty()) {
            String hint = switch (kind) {
                case NAMESPACE -> "namespace";
                case CONFIG -> "config in /etc/wireguard";
                case SERVICE -> "service";
                default -> p.paramLabel();
            };
            s.append("complete -c wgns -n ").append(quote(at + " " + n)).append(args)
                    .append(" -d ").append(quote(hint)).append('\n');
        }
        if (kind == Completes.PROGRAM) {
            // The program's own arguments: files, as a shell would offer them.
            s.append("complete -c wgns -n ").append(quote(at + " " + (index + 1) + "+")).append(" -F\n");
        }
    }

    private static String value(CommandSpec c, OptionSpec o) {
        return switch (Completes.of(c, o)) {
            case FILE -> " -r -F";
            case CANDIDATES -> " -x -a " + quote(String.join(" ", Completes.candidates(o)));
            default -> " -x";
        };
    }

    /** Single-quoted for fish: only backslash and quote are special inside. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
