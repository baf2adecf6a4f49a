package org.wgns.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.wgns.os.Host;
import org.wgns.os.Log;
import picocli.CommandLine;

/** The entry point: everything but System.exit is in {@link #run}, so tests drive the real CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Straight to descriptor 1, not through System.out, which swallows write errors: a
        // watcher must see that its reader has gone (EPIPE) to end.
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, Host.system(Log.quiet()), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, Host host, String... args) {
        return run(out, err, host, new org.wgns.exec.NativeExec(), args);
    }

    /** -v (anywhere before a command's own arguments) turns on the log, which writes to err. */
    public static int run(PrintWriter out, PrintWriter err, Host host, org.wgns.exec.ExecPort exec, String... args) {
        Log log = new Log(err);
        CommandLine cl = commandLine(host.withLog(log), exec, needed(args));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(new VerboseFirst(log));
        return cl.execute(args);
    }

    /**
     * Turns the log on when the parse saw -v, then runs the command. A class, not a lambda: a
     * lambda of picocli's Java 5 interface cannot go into the class-data archive.
     */
    private static final class VerboseFirst implements CommandLine.IExecutionStrategy {
        private final Log log;

        VerboseFirst(Log log) {
            this.log = log;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            log.verbose(verbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }

    /** The whole model, every subcommand built: for help, completion and man pages. */
    public static CommandLine commandLine(Host host, org.wgns.exec.ExecPort exec) {
        return commandLine(host, exec, Wgns.COMMANDS.keySet());
    }

    /**
     * The subcommands a call needs built: the one it names; none for the root's own -v and
     * --version; all of them for anything else (help, completion, an unknown word, a root option
     * picocli may read otherwise), so that help lists them and a typo gets its suggestion.
     */
    static Collection<String> needed(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return Wgns.COMMANDS.containsKey(a) && !a.equals("help") && !a.equals("completion")
                        ? List.of(a) : Wgns.COMMANDS.keySet();
            }
            if (!ROOT_ONLY.contains(a)) {
                return Wgns.COMMANDS.keySet();
            }
        }
        return List.of();
    }

    private static final Set<String> ROOT_ONLY = Set.of("-v", "--verbose", "-V", "--version");

    static CommandLine commandLine(Host host, org.wgns.exec.ExecPort exec, Collection<String> commands) {
        CommandLine cl = new CommandLine(new Wgns(host, exec));
        for (String name : commands) {
            cl.addSubcommand(name, Wgns.COMMANDS.get(name));
        }
        // Settings after the subcommands: picocli hands the handlers down to those it has by then.
        // picocli would read "@FILE" arguments as files, as root, anywhere on the command line
        // (after "--" too): an exec-only sudo rule would print /etc/shadow. Every argument is literal.
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
