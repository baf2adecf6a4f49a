package org.wgns.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wgns.cli.Main;
import org.wgns.os.Command;
import org.wgns.os.CommandRunner;
import org.wgns.os.Host;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/**
 * Runs wgns as a user would: the packaged jar in its own JVM, or in-process with a chosen runner.
 * Either way in the suite's {@link SuiteMode}: `up` is forced to it, and checked to have made it.
 */
final class Wgns {
    static final String JAR = System.getProperty("wgns.jar", "target/wgns-0.1.0.jar");

    private Wgns() {}

    /** `java -jar wgns.jar ARGS` with an environment of PATH plus extra. */
    static Result run(Map<String, String> env, String... args) {
        Result r = new ProcessRunner().run(new Command(command(args), null, false, env, Machine.seconds(120)));
        SuiteMode.check(SuiteMode.args(List.of(args)), r);
        return r;
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** The command line of `wgns ARGS` in the suite's mode, for a test that starts (and kills) the process itself. */
    static List<String> command(String... args) {
        List<String> argv = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", JAR));
        argv.addAll(SuiteMode.args(List.of(args)));
        return argv;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** In this JVM, with every command going through the given runner (to inject faults). */
    static Result inProcess(CommandRunner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = SuiteMode.args(List.of(args));
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Host.system(org.wgns.os.Log.quiet()).withRunner(runner),
                argv.toArray(String[]::new));
        Result r = new Result(code, out.toString(), err.toString());
        SuiteMode.check(argv, r);
        return r;
    }
}
