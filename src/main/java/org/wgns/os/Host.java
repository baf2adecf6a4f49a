package org.wgns.os;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The machine as wgns sees it: the command runner (the port every change goes through), the file
 * layout, the caller's environment and effective uid, name resolution, the userspace socket
 * probe, program lookup, time and signals. Production code gets {@link #system()}; tests build their own.
 */
public record Host(
        CommandRunner runner,
        Layout layout,
        Map<String, String> env,
        int euid,
        Resolver resolver,
        Predicate<Path> socketReady,
        Function<String, Optional<Path>> which,
        Clock clock,
        Signals signals,
        Log log) {

    /** Name lookup with the host's resolver (the namespace has none of its own yet). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    public static Host system(Log log) {
        // A CLI run once should see DNS as it is now, failures included, not as the JVM cached it.
        // (The system property, not the security one: that would load the security framework.)
        System.setProperty("sun.net.inetaddr.negative.ttl", "0");
        return new Host(new ProcessRunner(), Layout.system(), System.getenv(), effectiveUid(Path.of("/proc/self/status")),
                InetAddress::getByName, UapiSocket::ready, p -> Which.find(p, ProcessRunner.SAFE_PATH), Clock.system(),
                Signals.system(), log);
    }

    public Host withRunner(CommandRunner r) {
        return new Host(r, layout, env, euid, resolver, socketReady, which, clock, signals, log);
    }

    /** The same machine, -v output going to this log. */
    public Host withLog(Log l) {
        return new Host(runner, layout, env, euid, resolver, socketReady, which, clock, signals, l);
    }

    /** Runs a command through the port, echoed with -v, and says with -v why it failed. */
    public Result run(Command command) {
        log.command(command.display());
        Result r = runner.run(command);
        if (!r.success()) {
            log.debug("exit " + r.exit() + ": " + r.err().strip());
        }
        return r;
    }

    public boolean root() {
        return euid == 0;
    }

    public String env(String name) {
        return env.get(name);
    }

    /** Who wgns acts for: root itself, or the user who ran sudo. */
    public Caller caller() {
        return Caller.of(env, euid);
    }

    public Procs procs() {
        return new Procs(layout.proc());
    }

    /** Read from /proc, so that a plain `wgns show` does not load native code to learn it. */
    static int effectiveUid(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown is treated as not root
        }
        return -1;
    }
}
