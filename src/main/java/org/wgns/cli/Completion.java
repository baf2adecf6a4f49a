package org.wgns.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Bash completion: picocli's script for commands and options, plus namespace names taken live
 * from /run/wgns (readable by everyone) for down, exec and show, and config names from
 * /etc/wireguard for up. zsh and fish: org.wgns.shell, from the same model.
 */
@Command(name = "completion", hidden = true, description = "Print the completion script for bash, zsh or fish.")
public final class Completion implements Callable<Integer> {
    static final String LIVE_NAMES = "_wgns_namespaces() { local d; for d in /run/wgns/[!.]*/; do [ -d \"$d\" ] && basename \"$d\"; done; }\n"
            + "_wgns_configs() { local f; for f in /etc/wireguard/*.conf; do [ -f \"$f\" ] && basename \"$f\" .conf; done 2>/dev/null; }\n";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() {
        picocli.CommandLine root = spec.root().commandLine();
        String text = switch (shell) {
            case "bash" -> script(root);
            case "zsh" -> org.wgns.shell.ZshCompletion.script(root);
            case "fish" -> org.wgns.shell.FishCompletion.script(root);
            default -> throw org.wgns.WgnsException.usage("no completion for shell " + org.wgns.Names.printable(shell) + " (bash, zsh or fish)");
        };
        spec.commandLine().getOut().print(text);
        return 0;
    }

    static String script(picocli.CommandLine root) {
        String s = AutoComplete.bash("wgns", root);
        s = names(s, "down", "$(_wgns_namespaces)");
        s = names(s, "exec", "$(_wgns_namespaces)");
        s = names(s, "show", "$(_wgns_namespaces)");
        s = names(s, "check", "$(_wgns_namespaces)");
        s = names(s, "reresolve", "$(_wgns_namespaces)");
        s = names(s, "set", "$(_wgns_namespaces)");
        s = names(s, "syncconf", "$(_wgns_namespaces)");
        s = names(s, "repair", "$(_wgns_namespaces)");
        s = names(s, "up", "$(_wgns_configs)");
        return LIVE_NAMES + s;
    }

    /** In the function for one subcommand, positional candidates come from a live list. */
    private static String names(String script, String sub, String source) {
        String head = "function _picocli_wgns_" + sub + "() {";
        int start = script.indexOf(head);
        if (start < 0) {
            throw new IllegalStateException("no completion function for " + sub);
        }
        int end = script.indexOf("\n}\n", start);
        String body = script.substring(start, end);
        String fixed = body.replace("local positionals=\"\"", "local positionals=" + source);
        return script.substring(0, start) + fixed + script.substring(end);
    }
}
