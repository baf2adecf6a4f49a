package org.wgns.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.wgns.os.Host;
import org.wgns.os.Log;
import picocli.CommandLine;

/** The entry point: everything but System.exit is in {@link #run}, so tests drive the real CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
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
        CommandLine cl = commandLine(host.withLog(log), exec);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> {
            log.verbose(verbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }

    public static CommandLine commandLine(Host host, org.wgns.exec.ExecPort exec) {
        CommandLine cl = new CommandLine(new Wgns(host, exec));
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
