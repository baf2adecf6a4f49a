package org.wgns.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.wgns.os.Host;
import picocli.CommandLine;

/** The entry point: everything but System.exit is in {@link #run}, so tests drive the real CLI. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        configureLogging(args);
        int code = run(out, err, Host.system(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, Host host, String... args) {
        return run(out, err, host, new org.wgns.exec.NativeExec(), args);
    }

    public static int run(PrintWriter out, PrintWriter err, Host host, org.wgns.exec.ExecPort exec, String... args) {
        CommandLine cl = commandLine(host, exec);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
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

    /** slf4j-simple reads its level once, so -v is looked for before any logger is made. */
    static void configureLogging(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("-v") || a.equals("--verbose")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
                org.wgns.os.Log.verbose(true);
            }
        }
    }
}
