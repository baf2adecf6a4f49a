package org.wgns.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wgns.cli.Main;
import org.wgns.os.Command;
import org.wgns.os.CommandRunner;
import org.wgns.os.Host;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/** Runs wgns as a user would: the packaged jar in its own JVM, or in-process with a chosen runner. */
final class Wgns {
    static final String JAR = System.getProperty("wgns.jar", "target/wgns-0.1.0.jar");

    private Wgns() {}

    /** `java -jar wgns.jar ARGS` with an environment of PATH plus extra. */
    static Result run(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(javaBin(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-jar", JAR));
        argv.addAll(List.of(args));
        return new ProcessRunner().run(new Command(argv, null, false, env, Duration.ofSeconds(120)));
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** In this JVM, with every command going through the given runner (to inject faults). */
    static Result inProcess(CommandRunner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Host.system(org.wgns.os.Log.quiet()).withRunner(runner), args);
        return new Result(code, out.toString(), err.toString());
    }
}
